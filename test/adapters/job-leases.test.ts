/**
 * Jobs are leased: a replica starting up fails only jobs whose owner stopped renewing the lease
 * (a dead process), never a job another live replica is running. Runs on PGlite and, when
 * TEST_DATABASE_URL is set, on PostgreSQL with two runners as two replicas.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleJobStore } from '../../src/adapters/db/job-store.js';
import { JobRunner, MAX_JOB_ATTEMPTS } from '../../src/jobs/job-runner.js';
import { testDatabases } from '../helpers/databases.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { memoryLogger } from '../helpers/logger.js';

// Heartbeats ten times per lease: a busy test machine would have to stall a whole second to lose one.
const timing = { heartbeatMs: 100, leaseMs: 1000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDatabases)('job leases on $name', (database) => {
  let handle: Awaited<ReturnType<typeof database.open>>;
  beforeAll(async () => {
    handle = await database.open();
    await handle.migrate();
  });
  afterAll(async () => {
    await handle.drop();
  });

  it('leaves a live replica’s job running and fails a dead one’s once its lease lapses', async () => {
    const store = new DrizzleJobStore(handle.db);
    const replicaA = new JobRunner(store, memoryLogger().logger, 'host-a:1:aaa', timing);
    const replicaB = new JobRunner(store, memoryLogger().logger, 'host-b:2:bbb', timing);

    // A runs a job longer than the lease, renewing it as it goes.
    let finish: () => void = () => {};
    const { job: live } = await replicaA.start('refresh', () => new Promise<object>((resolve) => (finish = () => resolve({ ok: true }))));
    // A dead process's job: created with a lease nobody renews.
    const dead = await store.create('refresh', 'host-c:3:ccc');
    await store.update(dead.id, { status: 'running', started: true });

    await sleep(timing.leaseMs * 2);
    await replicaB.recover();

    expect((await store.get(live.id))?.status).toBe('running');
    const failed = await store.get(dead.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toMatch(/interrupted/);

    finish();
    await replicaA.drain();
    expect((await store.get(live.id))?.status).toBe('succeeded');
  });

  it('lets exactly one of two replicas take over a dead owner’s job, and runs it from its parameters', async () => {
    const store = new DrizzleJobStore(handle.db);
    const ran: { owner: string; params: Record<string, unknown> }[] = [];
    const runner = (owner: string) =>
      new JobRunner(store, memoryLogger().logger, owner, timing).handle('rebuild', async (params) => {
        ran.push({ owner, params });
        return { ok: true };
      });
    const dead = await store.create('rebuild', 'host-x:9:xxx', { force: true });
    await store.update(dead.id, { status: 'running', started: true });
    await sleep(timing.leaseMs * 1.5);
    const [a, b] = [runner('host-a:1:aaa'), runner('host-b:2:bbb')];
    a.startTakingOver(20);
    b.startTakingOver(20);
    const started = Date.now();
    while ((await store.get(dead.id))?.status !== 'succeeded' && Date.now() - started < 10_000) await sleep(20);
    await sleep(200);
    await Promise.all([a.drain(), b.drain()]);
    expect((await store.get(dead.id))?.status).toBe('succeeded');
    expect(ran).toHaveLength(1);
    expect(ran[0]!.params).toEqual({ force: true });
  });

  it('lets a stalled owner that lost its job to a take-over write nothing more to it', async () => {
    const store = new DrizzleJobStore(handle.db);
    const { logger, lines } = memoryLogger();
    const stalled = new JobRunner(store, logger, 'host-s:5:sss', timing);
    let finish: () => void = () => {};
    const { job } = await stalled.start('rebuild', () => new Promise<object>((resolve) => (finish = () => resolve({ by: 'stalled' }))));
    await sleep(50);
    // Another replica claimed it while this one stalled.
    await handle.db.execute(sql`update jobs set owner = 'host-t:6:ttt' where id = ${job.id}`);
    await sleep(timing.heartbeatMs * 3);
    finish();
    await stalled.drain();
    const after = await store.get(job.id);
    expect(after?.status).toBe('running');
    expect(after?.summary).toBeNull();
    expect(lines().some((l) => l.msg === 'another replica took this job over; its outcome is theirs')).toBe(true);
  });

  it('stops taking over a job that has used up its attempts, and fails it instead', async () => {
    const store = new DrizzleJobStore(handle.db);
    const poison = await store.create('rebuild', 'host-y:8:yyy');
    await handle.db.execute(sql`update jobs set status = 'running', attempts = ${MAX_JOB_ATTEMPTS}, heartbeat_at = now() - interval '1 hour' where id = ${poison.id}`);
    expect(await store.takeOver('host-a:1:aaa', timing.leaseMs, ['rebuild'], MAX_JOB_ATTEMPTS)).toBeNull();
    await new JobRunner(store, memoryLogger().logger, 'host-a:1:aaa', timing).handle('rebuild', async () => ({})).recover();
    expect((await store.get(poison.id))?.status).toBe('failed');
  });

  it('fails a job left by a version without leases (no heartbeat at all)', async () => {
    const store = new DrizzleJobStore(handle.db);
    const old = await store.create('refresh', 'legacy');
    await handle.db.execute(sql`update jobs set heartbeat_at = null, status = 'running' where id = ${old.id}`);
    await new JobRunner(store, memoryLogger().logger, 'host-d:4:ddd', timing).recover();
    expect((await store.get(old.id))?.status).toBe('failed');
  });
});

const postgresDb = testDatabases.find((d) => d.name === 'postgres');

describe.skipIf(!postgresDb)('two app instances over one PostgreSQL', () => {
  it('a starting instance leaves the job another instance runs alone, and both see it', async () => {
    const handle = await postgresDb!.open();
    await handle.migrate();
    await handle.close();
    const env = { DATABASE_URL: handle.url!, AUTH_REQUIRED: 'true' };
    const a = await startTestApp(env, { database: undefined as never });
    let b: TestApp | undefined;
    try {
      let finish: () => void = () => {};
      const { job } = await a.container.services.jobs.start('refresh', () => new Promise<object>((resolve) => (finish = () => resolve({ ok: true }))));
      b = await startTestApp(env, { database: undefined as never });
      // What src/server.ts does at start.
      await b.container.services.jobs.recover();
      const { key } = await b.container.services.apiKeys.create('ops', ['admin']);
      const seen = await b.app.inject({ method: 'GET', url: `/v1/admin/jobs/${job.id}`, headers: { authorization: `Bearer ${key}` } });
      expect(seen.statusCode).toBe(200);
      expect(seen.json().status).toBe('running');
      finish();
      await a.container.services.jobs.drain();
      expect((await b.app.inject({ method: 'GET', url: `/v1/admin/jobs/${job.id}`, headers: { authorization: `Bearer ${key}` } })).json().status).toBe('succeeded');
    } finally {
      await b?.close();
      await a.close();
      await handle.drop();
    }
  }, 60_000);
});
