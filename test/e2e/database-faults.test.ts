/**
 * A PostgreSQL that stops answering, through a TCP proxy the test controls: requests that need
 * the database answer 503 with Retry-After within the connect timeout (not a 500, not a hang),
 * readiness says 503 within its deadline, and service resumes when the database is back.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { testDatabases } from '../helpers/databases.js';

const postgresDb = testDatabases.find((d) => d.name === 'postgres');

/**
 * Forwards to PostgreSQL while `up`; when down, refuses new connections and cuts live ones;
 * when frozen, keeps every connection open but lets nothing through (a network that hangs).
 */
function proxyTo(target: URL) {
  const sockets = new Set<net.Socket>();
  let up = true;
  let frozen = false;
  const server = net.createServer((client) => {
    if (!up) return client.destroy();
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.on('data', (chunk: Buffer) => frozen || upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => frozen || client.write(chunk));
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  });
  return {
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))),
    down() {
      up = false;
      for (const s of sockets) s.destroy();
    },
    up() {
      up = true;
      frozen = false;
    },
    freeze() {
      frozen = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.skipIf(!postgresDb)('PostgreSQL unreachable', () => {
  let t: TestApp;
  let proxy: ReturnType<typeof proxyTo>;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    // A throwaway database, migrated, reached only through the proxy.
    const handle = await postgresDb!.open();
    await handle.migrate();
    drop = handle.drop;
    await handle.close();
    const direct = new URL(handle.url!);
    proxy = proxyTo(direct);
    const viaProxy = new URL(handle.url!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(await proxy.listen());
    t = await startTestApp(
      { DATABASE_URL: viaProxy.toString(), AUTO_MIGRATE: 'true', DB_CONNECT_TIMEOUT_MS: '1000', HANDLER_TIMEOUT_MS: '1500', AUTH_REQUIRED: 'false' },
      { database: undefined as never },
    );
  }, 60_000);
  afterAll(async () => {
    await t?.close().catch(() => {});
    await proxy?.close();
    await drop?.();
  });

  it('answers 503 with Retry-After while it is down, and serves again when it is back', async () => {
    // A report by id is a capability link (no key needed) that reads the database.
    const byId = '/v1/gap-reports/3f0e0a4e-8a53-4c36-9d0b-6a3cfcf1a111';
    expect((await t.app.inject({ method: 'GET', url: byId })).statusCode).toBe(404);
    proxy.down();
    const started = performance.now();
    const res = await t.app.inject({ method: 'GET', url: byId });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'database_unavailable' });
    expect(res.headers['retry-after']).toBe('1');
    expect(JSON.stringify(res.json())).not.toMatch(/127\.0\.0\.1|ECONN|postgres/i);
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    // Bounded by the connect timeout and the readiness deadline, not by TCP's own retries.
    expect(performance.now() - started).toBeLessThan(10_000);
    proxy.up();
    let back = 0;
    for (let i = 0; i < 20 && back !== 404; i++) back = (await t.app.inject({ method: 'GET', url: byId })).statusCode;
    expect(back).toBe(404);
  }, 60_000);

  it('answers 503 within the handler timeout when the connection freezes without closing', async () => {
    const byId = '/v1/gap-reports/3f0e0a4e-8a53-4c36-9d0b-6a3cfcf1a111';
    expect((await t.app.inject({ method: 'GET', url: byId })).statusCode).toBe(404);
    proxy.freeze();
    const started = performance.now();
    const res = await t.app.inject({ method: 'GET', url: byId });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'request_timeout' });
    expect(res.headers['retry-after']).toBe('1');
    expect(performance.now() - started).toBeLessThan(5000);
    // Cut the frozen connections so the pool reconnects, then it serves again.
    proxy.down();
    proxy.up();
    let back = 0;
    for (let i = 0; i < 20 && back !== 404; i++) back = (await t.app.inject({ method: 'GET', url: byId })).statusCode;
    expect(back).toBe(404);
  }, 60_000);
});
