/**
 * Several serving nodes over one PostgreSQL: index versions are published to the database, so a
 * refresh run through one node is served by all, a node started later serves the newest version
 * without a refresh of its own, and a damaged published version is refused by every node, which
 * keeps serving the previous one. Each node has its own INDEX_DIR, as separate machines would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';
import { FakeEmbedder } from '../helpers/fake-embedder.js';

const postgresDb = testDatabases.find((d) => d.name === 'postgres');

/** Polls until `check` holds (the watchers run every 100 ms here). */
async function eventually(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!postgresDb)('index versions shared through PostgreSQL', () => {
  let handle: Awaited<ReturnType<NonNullable<typeof postgresDb>['open']>>;
  const dirs: string[] = [];
  const nodes: TestApp[] = [];

  const startNode = async (env: Record<string, string> = {}) => {
    const indexDir = mkdtempSync(path.join(tmpdir(), 'skillpath-node-'));
    dirs.push(indexDir);
    const node = await startTestApp(
      { DATABASE_URL: handle.url!, AUTH_REQUIRED: 'false', INDEX_DIR: indexDir, INDEX_WATCH_MS: '100', EMBEDDING_PROVIDER: 'transformers', ...env },
      { database: undefined as never, loadModel: true, loadEmbedder: async () => new FakeEmbedder() },
    );
    nodes.push(node);
    await node.container.services.indexing.serve();
    return node;
  };
  const served = (node: TestApp) => node.container.services.snapshot().vectors?.version ?? null;

  beforeAll(async () => {
    handle = await postgresDb!.open();
    await handle.migrate();
  });
  afterAll(async () => {
    for (const node of nodes) await node.close();
    await handle.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('serves a refresh run through one node on every node, and on a node started later without a refresh', async () => {
    const a = await startNode();
    const b = await startNode();
    expect(served(a)).toBeNull();
    expect(a.container.services.indexing.location).toMatch(/database/);

    const summary = await a.container.services.indexing.refresh();
    expect(summary.built).toBe(true);
    expect(served(a)).toBe(summary.version);
    await eventually(() => served(b) === summary.version);

    // A node started from nothing, with an empty INDEX_DIR, serves the published version at once.
    const c = await startNode();
    expect(served(c)).toBe(summary.version);
    expect((await c.container.services.indexing.versions()).map((v) => v.version)).toEqual([summary.version]);
    // And it answers with vectors: a search is hybrid, not lexical.
    const res = await c.app.inject({ method: 'GET', url: '/v1/skills?q=sql&limit=3' });
    expect(res.statusCode).toBe(200);
    expect(res.json().mode).toBe('hybrid');
  }, 120_000);

  it('refuses a damaged published version on every node, which keep serving the previous one', async () => {
    const [a, b] = nodes as [TestApp, TestApp];
    const previous = served(a)!;
    const forced = await a.container.services.indexing.refresh(undefined, { force: true });
    expect(forced.version).not.toBe(previous);
    await eventually(() => served(b) === forced.version);

    // A newer version appears in the database with one byte of one file damaged (a copy of the
    // served one under a later name, as a bad disk or a bad write would leave it).
    const damaged = '29991231T000000000Z-bad0bd';
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`insert into index_versions (version, model, dimension, fingerprint, manifest)
        select ${damaged}, model, dimension, fingerprint, jsonb_set(manifest, '{version}', to_jsonb(${damaged}::text)) from index_versions where version = ${forced.version!}`);
      await tx.execute(sql`insert into index_files (version, file, seq, data)
        select ${damaged}, file, seq, case when file = 'skills.hnsw' and seq = 0 then set_byte(data, 100, (get_byte(data, 100) + 1) % 256) else data end
        from index_files where version = ${forced.version!}`);
    });
    const d = await startNode();
    expect(served(d)).toBe(forced.version);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(served(a)).toBe(forced.version);
    expect(served(b)).toBe(forced.version);
    for (const node of [a, b, d]) {
      expect(node.logLines().some((l) => l.msg === 'index version not loaded' && l.version === damaged && /sha256 published with it/.test(String(l.reason)))).toBe(true);
    }
  }, 120_000);

  it('runs again a refresh job whose node died, on another node once the lease lapsed', async () => {
    const [a] = nodes as [TestApp];
    const before = served(a)!;
    // The row a node leaves when it is killed mid-refresh: running, its lease no longer renewed.
    const [orphan] = (await handle.db.execute(sql`insert into jobs (kind, status, owner, heartbeat_at, started_at, params)
      values ('index_refresh', 'running', 'dead-host:1:dead00', now() - interval '5 seconds', now(), '{"force": true}') returning id`)) as unknown as { id: string }[];
    const e = await startNode({ JOB_LEASE_MS: '1000' });
    await e.container.services.jobs.recover();
    // Recovery leaves it for a take-over instead of failing it: this node can run refreshes.
    expect((await e.container.services.jobs.get(orphan!.id))?.status).toBe('running');
    e.container.services.jobs.startTakingOver();
    let job = await e.container.services.jobs.get(orphan!.id);
    const started = Date.now();
    while (job?.status !== 'succeeded' && job?.status !== 'failed' && Date.now() - started < 60_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await e.container.services.jobs.get(orphan!.id);
    }
    expect(job?.status).toBe('succeeded');
    const [row] = (await handle.db.execute(sql`select owner from jobs where id = ${orphan!.id}`)) as unknown as { owner: string }[];
    expect(row!.owner).toBe(e.container.services.jobs.owner);
    // It ran with the parameters it was started with (force: a new version), and every node serves it.
    const version = (job!.summary as { version: string }).version;
    expect(version).not.toBe(before);
    await eventually(() => nodes.every((node) => served(node) === version));
  }, 120_000);
});
