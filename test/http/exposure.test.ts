/**
 * Safe to expose: security headers everywhere, CORS only when configured, rate limits as 429
 * problems, idempotent report creation, and readiness that answers within its deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gapReports } from '../../src/adapters/db/schema.js';
import net, { type AddressInfo } from 'node:net';
import { HealthService } from '../../src/core/health.js';
import { buildApp } from '../../src/http/app.js';
import { memoryLogger } from '../helpers/logger.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const reportBody = { learner: { id: 'idem-learner', skills: [{ label: 'SQL' }] }, target: { title: 'data analyst' } };

describe('headers and CORS', () => {
  let t: TestApp;
  let open: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    open = await startTestApp({ CORS_ORIGINS: 'https://platform.example' });
  });
  afterAll(async () => {
    await t.close();
    await open.close();
  });

  it.each(['/v1/skills', '/health/live', '/docs', '/reports'])('sends security headers on %s', async (url) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  it('answers no CORS headers unless origins are configured', async () => {
    const res = await t.app.inject({ method: 'OPTIONS', url: '/v1/recommend', headers: { origin: 'https://platform.example', 'access-control-request-method': 'POST' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight from a configured origin, and only from it', async () => {
    const ok = await open.app.inject({
      method: 'OPTIONS',
      url: '/v1/recommend',
      headers: { origin: 'https://platform.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://platform.example');
    const other = await open.app.inject({ method: 'GET', url: '/v1/skills', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers past the limit with a 429 problem, Retry-After and RateLimit headers; probes are never limited', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await t.app.inject({ method: 'GET', url: '/v1/skills' });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last!.headers['content-type']).toContain('application/problem+json');
    expect(last!.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.headers['ratelimit-limit']).toBe('3');
    expect(last!.headers['ratelimit-remaining']).toBe('0');
    const probe = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(probe.statusCode).toBe(200);
  });
});

describe('Idempotency-Key on POST /v1/gap-reports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async () => (await t.container.database.db.select().from(gapReports)).length;
  const post = (payload: object, key?: string) =>
    t.app.inject({ method: 'POST', url: '/v1/gap-reports', payload, headers: key ? { 'idempotency-key': key } : {} });

  it('stores one report for any number of retries with one key, and replays it', async () => {
    const before = await count();
    const first = await post(reportBody, 'retry-1');
    expect(first.statusCode).toBe(201);
    // The same body with its keys in another order is the same request.
    const again = await post({ target: reportBody.target, learner: reportBody.learner }, 'retry-1');
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    expect(await count()).toBe(before + 1);
  });

  it('lets concurrent attempts with one key store exactly one report', async () => {
    const before = await count();
    const results = await Promise.all([post(reportBody, 'race-1'), post(reportBody, 'race-1'), post(reportBody, 'race-1')]);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(await count()).toBe(before + 1);
  });

  it('refuses the same key with a different request (409), and a malformed key (400)', async () => {
    await post(reportBody, 'reuse-1');
    const other = await post({ ...reportBody, target: { title: 'software developer' } }, 'reuse-1');
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('idempotency_key_reused');
    const bad = await post(reportBody, 'has space');
    expect(bad.statusCode).toBe(400);
  });

  it('without a key, stores a report per request as before', async () => {
    const before = await count();
    await post(reportBody);
    await post(reportBody);
    expect(await count()).toBe(before + 2);
  });
});

describe('readiness deadline', () => {
  it('reports the database down when it does not answer within the deadline', async () => {
    const health = new HealthService(
      { database: () => new Promise(() => {}), model: () => ({ status: 'ready' }), index: () => ({ status: 'ready' }) },
      50,
    );
    const readiness = await health.readiness();
    expect(readiness.status).toBe('unavailable');
    expect(readiness.components.database).toEqual({ status: 'down', detail: 'the database did not answer within 50 ms' });
  });
});

describe('socket timeouts', () => {
  it('cuts off a request whose body never finishes arriving instead of holding the socket', async () => {
    const t = await startTestApp();
    // The app as the server builds it, with a short request timeout.
    const app = await buildApp(t.container.services, { logger: memoryLogger().logger, bodyLimitBytes: 65536, version: 'test', timeouts: { requestMs: 1000, headersMs: 1000, keepAliveMs: 1000 } });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = app.server.address() as AddressInfo;
      const started = performance.now();
      const answer = await new Promise<string>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          // Promises 100 bytes, sends 10, then waits.
          socket.write('POST /v1/recommend HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"learner"');
        });
        let received = '';
        socket.on('data', (chunk) => (received += chunk.toString()));
        socket.on('close', () => resolve(received));
        socket.on('error', () => resolve(received));
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      await app.close();
      await t.close();
    }
  }, 20_000);
});
