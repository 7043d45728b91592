/**
 * `npm run bench:http [-- --duration 10 --connections 50] [--refresh]`: load-tests POST
 * /v1/recommend on a database that already holds the data (point PGLITE_DIR / DATABASE_URL,
 * INDEX_DIR and the model settings at it, as for the server), next to a trivial echo route of
 * the same app measured in the same run as the ceiling. Traffic stays on 127.0.0.1.
 * `--refresh` adds a row: all-distinct load while a forced index refresh runs and its version
 * is swapped in, with failed requests and the worst `GET /health/live` delay (probed every
 * 100 ms, measured from when each probe was due, so a stalled event loop counts in full).
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { buildApp } from '../src/http/app.js';
import { createLogger } from '../src/logger.js';
import { version } from '../src/version.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    json: { type: 'boolean', default: false },
    refresh: { type: 'boolean', default: false },
  },
});
const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const logger = createLogger(config);
const container = await createContainer(config, logger, { loadModel: config.embedding.provider !== 'none' });
await container.services.indexing.serve();
const app = await buildApp(container.services, { logger, bodyLimitBytes: config.bodyLimitBytes, version });
app.post('/bench/echo', async (request) => request.body);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

// Requests built from the catalog itself: roles with requirements, learners holding some of them.
const snapshot = container.services.snapshot();
const roles = [...snapshot.graph.requirements.entries()]
  .filter(([, reqs]) => reqs.length >= 8)
  .map(([roleId, reqs]) => ({ role: snapshot.graph.roles.get(roleId)!, reqs }))
  .filter((r) => r.role)
  .sort((a, b) => a.role.id - b.role.id);
const pick = <T>(list: T[], n: number) => list.filter((_, i) => i % Math.max(1, Math.floor(list.length / n)) === 0).slice(0, n);
const sample = pick(roles, 40);
const idRequests = sample.map(({ role, reqs }) => ({
  learner: { skills: reqs.filter((_, i) => i % 3 === 0).map((r) => ({ id: String(r.skillId) })) },
  target: { roleId: role.code },
  constraints: { hoursPerWeek: 6 },
}));
const textRequests = sample.map(({ role, reqs }) => ({
  learner: { text: `I have experience with ${reqs.slice(0, 3).map((r) => snapshot.graph.skills.get(r.skillId)!.label).join(', ')}.` },
  target: { title: role.title },
  constraints: { hoursPerWeek: 6 },
}));

/**
 * `unique`: every request gets its own learner id, so no answer comes from the recommendation
 * cache and each one is computed; otherwise the same 40 bodies repeat, as a platform re-asking
 * for the same learners would.
 */
async function run(name: string, path: string, bodies: object[], unique = false, duration = Number(values.duration)) {
  let counter = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: Number(values.connections),
    duration,
    requests: bodies.map((body) => ({
      method: 'POST' as const,
      path,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...(unique
        ? {
            setupRequest: (request: { body?: string | Buffer }) => {
              const parsed = JSON.parse(String(request.body)) as { learner: Record<string, unknown> };
              parsed.learner.id = `bench-${counter++}`;
              return { ...request, body: JSON.stringify(parsed) };
            },
          }
        : {}),
    })),
  });
  const row = {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  // Each row as it is measured, so a run cut short still says what it saw.
  if (name !== 'slice') process.stderr.write(`${JSON.stringify(row)}\n`);
  return row;
}

/** Liveness probes every 100 ms until `stop`; the worst delay from when a probe was due to its answer. */
function probeLiveness(): { stop: () => Promise<number> } {
  const started = performance.now();
  let worst = 0;
  let running = true;
  const pending: Promise<void>[] = [];
  const tick = (k: number) => {
    if (!running) return;
    const due = started + k * 100;
    pending.push(
      fetch(`http://127.0.0.1:${port}/health/live`)
        .then(async (res) => {
          await res.arrayBuffer();
          worst = Math.max(worst, performance.now() - due);
        })
        .catch(() => {
          worst = Infinity;
        }),
    );
    setTimeout(() => tick(k + 1), Math.max(0, started + (k + 1) * 100 - performance.now()));
  };
  tick(0);
  return {
    stop: async () => {
      running = false;
      await Promise.all(pending);
      return Math.round(worst);
    },
  };
}

/** Distinct load for as long as a forced refresh and the swap of its version take. */
async function runDuringRefresh() {
  const probe = probeLiveness();
  const refreshStarted = performance.now();
  const refresh = container.services.indexing.refresh(undefined, { force: true }).then(() => (performance.now() - refreshStarted) / 1000);
  // Keep the load on in slices until the refresh is done, then sum them up.
  const slices: Awaited<ReturnType<typeof run>>[] = [];
  let done = false;
  void refresh.then(() => (done = true));
  while (!done) slices.push(await run('slice', '/v1/recommend', idRequests, true, 5));
  const seconds = await refresh;
  const worstLiveMs = await probe.stop();
  return {
    name: `recommend, id-based, all distinct, during a forced refresh (${seconds.toFixed(0)} s)`,
    requestsPerSecond: Math.round(slices.reduce((s, r) => s + r.requestsPerSecond, 0) / slices.length),
    p50Ms: Math.max(...slices.map((r) => r.p50Ms)),
    p99Ms: Math.max(...slices.map((r) => r.p99Ms)),
    non2xx: slices.reduce((s, r) => s + r.non2xx, 0),
    errors: slices.reduce((s, r) => s + r.errors, 0),
    worstLiveMs,
  };
}

try {
  // One warm-up pass so model sessions and the solver's WASM are loaded before measuring.
  for (const body of [...idRequests.slice(0, 3), ...textRequests.slice(0, 3)]) {
    await app.inject({ method: 'POST', url: '/v1/recommend', payload: body });
  }
  const echo = await run('echo (ceiling)', '/bench/echo', idRequests);
  const byId = await run('recommend, id-based, repeated', '/v1/recommend', idRequests);
  const byIdUnique = await run('recommend, id-based, all distinct', '/v1/recommend', idRequests, true);
  const byText = await run('recommend, free text, repeated', '/v1/recommend', textRequests);
  const byTextUnique = await run('recommend, free text, all distinct', '/v1/recommend', textRequests, true);
  const duringRefresh = values.refresh ? [await runDuringRefresh()] : [];
  const rows = [echo, byId, byIdUnique, byText, byTextUnique, ...duringRefresh].map((r) => ({ ...r, ratioToEcho: Number((r.requestsPerSecond / echo.requestsPerSecond).toFixed(3)) }));
  if (values.json) process.stdout.write(`${JSON.stringify({ connections: Number(values.connections), duration: Number(values.duration), rows }, null, 2)}\n`);
  else {
    process.stdout.write(
      [
        `bench:http — ${values.connections} connections, ${values.duration} s each, ${sample.length} distinct requests per kind`,
        '',
        '| route | req/s | p50 ms | p99 ms | ratio to echo | non-2xx |',
        '|---|---:|---:|---:|---:|---:|',
        ...rows.map((r) => `| ${r.name} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.ratioToEcho} | ${r.non2xx} |`),
        '',
        ...duringRefresh.map((r) => `During the refresh: ${r.non2xx} non-2xx and ${r.errors} failed requests; worst GET /health/live delay ${r.worstLiveMs} ms (p50/p99 are the worst 5-second slice's).`),
        '',
      ].join('\n'),
    );
  }
} finally {
  await app.close();
  await container.close();
}
