/**
 * A serving node killed with SIGKILL while it runs an index refresh job: another node over the
 * same PostgreSQL takes the job over once its lease lapses, runs it to the end, and serves the
 * version it published. The first node is the real server (src/server.ts) in its own process.
 * Needs PostgreSQL and the real embedding model (skipped, visibly, without them).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, serverArgs } from '../helpers/processes.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { sharedModel } from '../helpers/config.js';
import { testDatabases } from '../helpers/databases.js';

const postgresDb = testDatabases.find((d) => d.name === 'postgres');
const TOKEN = 'takeover-admin-token-0123456789';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!postgresDb || !sharedModel.present)('a node killed during a refresh job', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'skillpath-takeover-'));
  let child: ChildProcess | undefined;
  let other: TestApp | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    child?.kill('SIGKILL');
    await other?.close();
    await drop?.();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('has its job taken over by another node after the lease, which publishes and serves the version', async () => {
    const handle = await postgresDb!.open();
    drop = handle.drop;
    await handle.migrate();
    const model = { MODEL_DIR: sharedModel.modelDir, EMBEDDING_MODEL: sharedModel.model, EMBEDDING_DTYPE: 'q8', ALLOW_REMOTE_MODELS: 'false', EMBEDDING_PROVIDER: 'transformers' };
    const shared = { DATABASE_URL: handle.url!, JOB_LEASE_MS: '1000', INDEX_WATCH_MS: '200', ADMIN_TOKEN: TOKEN, AUTH_REQUIRED: 'false', ...model };

    // Node A: the real server. The empty database gets the starter catalog (LOAD_STARTER_CATALOG).
    const port = await freePort();
    child = spawn(process.execPath, serverArgs(), {
      cwd: tmp,
      env: { ...process.env, ...shared, HOST: '127.0.0.1', PORT: String(port), INDEX_DIR: path.join(tmp, 'a'), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    const admin = { authorization: `Bearer ${TOKEN}` };
    let jobId: string | undefined;
    for (let i = 0; i < 600 && !jobId; i++) {
      const res = await fetch(`${base}/v1/admin/index/refresh`, { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: '{}' }).catch(() => null);
      if (res?.status === 202) jobId = ((await res.json()) as { id: string }).id;
      else await sleep(100);
    }
    expect(jobId).toBeDefined();
    // Killed as soon as the job runs: the refresh (model, embeddings, links, graphs) takes seconds.
    for (let i = 0; i < 600; i++) {
      const [row] = (await handle.db.execute(sql`select status from jobs where id = ${jobId!}`)) as unknown as { status: string }[];
      if (row?.status === 'running') break;
      await sleep(25);
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    const [killed] = (await handle.db.execute(sql`select status, owner from jobs where id = ${jobId!}`)) as unknown as { status: string; owner: string }[];
    expect(killed!.status).toBe('running');

    // Node B: starts as src/server.ts does (recover, then take over), with its own INDEX_DIR.
    other = await startTestApp({ ...shared, INDEX_DIR: path.join(tmp, 'b') }, { database: undefined as never, loadModel: true });
    await other.container.services.jobs.recover();
    other.container.services.jobs.startTakingOver();
    await other.container.services.indexing.serve();
    let job = await other.container.services.jobs.get(jobId!);
    for (let i = 0; i < 1200 && job?.status !== 'succeeded' && job?.status !== 'failed'; i++) {
      await sleep(100);
      job = await other.container.services.jobs.get(jobId!);
    }
    expect(job?.status).toBe('succeeded');
    const [after] = (await handle.db.execute(sql`select owner from jobs where id = ${jobId!}`)) as unknown as { owner: string }[];
    expect(after!.owner).not.toBe(killed!.owner);
    expect(after!.owner).toBe(other.container.services.jobs.owner);
    const version = (job!.summary as { version: string }).version;
    expect((await other.container.services.indexing.versions()).map((v) => v.version)).toContain(version);
    expect(other.container.services.snapshot().vectors?.version).toBe(version);
  }, 300_000);
});
