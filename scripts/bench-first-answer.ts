/**
 * `npm run bench:first-answer`: how long a new serving node takes from process start to its
 * first recommendation answered with the newest published index version, starting with an
 * empty INDEX_DIR (as a fresh machine behind the load balancer would). Point DATABASE_URL at a
 * database that holds the data and a published version, and set the model settings as for the
 * server. Starts `src/server.ts` as a child process on 127.0.0.1 and stops it afterwards.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { createLogger } from '../src/logger.js';

const { values } = parseArgs({ options: { port: { type: 'string', default: '3917' }, timeout: { type: 'string', default: '600' } } });
const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
if (config.database.kind !== 'postgres') throw new Error('set DATABASE_URL: a new node loads the version published in the shared database');

// What the node should serve, and a request to ask: read once, before the node starts.
const probe = await createContainer(config, createLogger(config), { search: false });
const [newest] = await probe.services.indexing.versions();
const { bySource } = await probe.services.ingestion.counts();
await probe.close();
if (!newest) throw new Error('no published index version: run `skillpath index refresh` first');

const indexDir = mkdtempSync(path.join(tmpdir(), 'skillpath-first-answer-'));
const started = performance.now();
// The same Node flags as this script (tsx's loader), so the child runs the TypeScript sources.
const child = spawn(process.execPath, [...process.execArgv, 'src/server.ts'], {
  env: { ...process.env, INDEX_DIR: indexDir, PORT: values.port, HOST: '127.0.0.1', AUTH_REQUIRED: 'false', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const seconds = () => Number(((performance.now() - started) / 1000).toFixed(2));
const base = `http://127.0.0.1:${values.port}`;
const body = JSON.stringify({ learner: { skills: [{ label: 'SQL' }] }, target: { title: 'data analyst' }, constraints: { hoursPerWeek: 6 } });

let listening: number | null = null;
let firstAnswer: number | null = null;
let firstIndexed: number | null = null;
let rssMiB: number | null = null;
try {
  while (seconds() < Number(values.timeout)) {
    try {
      const res = await fetch(`${base}/v1/recommend`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      listening ??= seconds();
      if (res.ok) {
        const answer = (await res.json()) as { versions: { index: string | null } };
        firstAnswer ??= seconds();
        if (answer.versions.index === newest.version) {
          firstIndexed = seconds();
          rssMiB = residentMiB(child.pid);
          break;
        }
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
} finally {
  child.kill('SIGTERM');
  rmSync(indexDir, { recursive: true, force: true });
}

/** The node's resident memory once it serves (Linux /proc; null elsewhere). */
function residentMiB(pid: number | undefined): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

const totals = bySource.reduce((t, s) => ({ skills: t.skills + s.skills, roles: t.roles + s.roles, courses: t.courses + s.courses }), { skills: 0, roles: 0, courses: 0 });
process.stdout.write(
  `${JSON.stringify({ version: newest.version, catalog: totals, listeningS: listening, firstAnswerS: firstAnswer, firstAnswerWithPublishedIndexS: firstIndexed, rssMiB }, null, 2)}\n`,
);
if (firstIndexed === null) process.exitCode = 1;
