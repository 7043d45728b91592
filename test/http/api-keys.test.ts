/** API keys: hashed at rest, scoped per route, required where AUTH_REQUIRED says, revocable. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys } from '../../src/adapters/db/schema.js';
import { parseScopes } from '../../src/core/api-keys.js';
import { DomainError } from '../../src/core/errors.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const recommendBody = { learner: { skills: [{ label: 'SQL' }] }, target: { title: 'data analyst' } };
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('with AUTH_REQUIRED=true', () => {
  let t: TestApp;
  let reader: string;
  let planner: string;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_REQUIRED: 'true' });
    reader = (await t.container.services.apiKeys.create('catalog browser', ['read'])).key;
    planner = (await t.container.services.apiKeys.create('platform', ['recommend', 'read'])).key;
    admin = (await t.container.services.apiKeys.create('ops', ['admin'])).key;
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores only a hash of each secret', async () => {
    const rows = await t.container.database.db.select().from(apiKeys);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(reader).not.toContain(row.hash);
      // The secret is everything after `sk_<id>_`; it may itself contain underscores (base64url).
      expect(JSON.stringify(row)).not.toContain(reader.split('_').slice(2).join('_'));
    }
  });

  it('answers 401 without a key or with a wrong one, 403 without the scope, 200 with it', async () => {
    const none = await t.app.inject({ method: 'POST', url: '/v1/recommend', payload: recommendBody });
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('unauthorized');
    expect(none.headers['www-authenticate']).toContain('scope="recommend"');
    const forged = await t.app.inject({ method: 'POST', url: '/v1/recommend', payload: recommendBody, headers: bearer(`${planner.slice(0, -4)}AAAA`) });
    expect(forged.statusCode).toBe(401);
    const unscoped = await t.app.inject({ method: 'POST', url: '/v1/recommend', payload: recommendBody, headers: bearer(reader) });
    expect(unscoped.statusCode).toBe(403);
    expect(unscoped.json().code).toBe('insufficient_scope');
    const ok = await t.app.inject({ method: 'POST', url: '/v1/recommend', payload: recommendBody, headers: { 'x-api-key': planner } });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/v1/skills', headers: bearer(reader) })).statusCode).toBe(200);
  });

  it('keeps health, docs, pages and a report by id open', async () => {
    for (const url of ['/health/live', '/openapi.json', '/reports']) expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/v1/gap-reports/3f0e0a4e-8a53-4c36-9d0b-6a3cfcf1a111' })).statusCode).toBe(404);
  });

  it('admits an admin key to admin routes, and no other key', async () => {
    const job = '/v1/admin/jobs/3f0e0a4e-8a53-4c36-9d0b-6a3cfcf1a111';
    expect((await t.app.inject({ method: 'GET', url: job, headers: bearer(admin) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: job, headers: bearer(planner) })).statusCode).toBe(403);
  });

  it('guards HEAD like the GET it answers with', async () => {
    const head = await t.app.inject({ method: 'HEAD', url: '/v1/gap-reports?learnerId=grace' });
    expect(head.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'HEAD', url: '/v1/skills' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'HEAD', url: '/v1/skills', headers: bearer(reader) })).statusCode).toBe(200);
  });

  it('keeps Idempotency-Keys apart per caller, so a reused key never reveals another caller’s report', async () => {
    const one = (await t.container.services.apiKeys.create('tenant one', ['reports'])).key;
    const two = (await t.container.services.apiKeys.create('tenant two', ['reports'])).key;
    const body = { learner: { id: 'alice', skills: [{ label: 'SQL' }] }, target: { title: 'data analyst' } };
    const post = (key: string, payload: object) =>
      t.app.inject({ method: 'POST', url: '/v1/gap-reports', payload, headers: { ...bearer(key), 'idempotency-key': 'report-alice' } });
    const first = await post(one, body);
    expect(first.statusCode).toBe(201);
    const other = await post(two, body);
    expect(other.statusCode).toBe(201);
    expect(other.json().id).not.toBe(first.json().id);
    const conflict = await post(one, { ...body, target: { title: 'software developer' } });
    expect(conflict.statusCode).toBe(409);
    expect(JSON.stringify(conflict.json())).not.toContain(first.json().id);
  });

  it('stops admitting a key once it is revoked', async () => {
    const { id, key } = await t.container.services.apiKeys.create('temporary', ['read']);
    expect((await t.app.inject({ method: 'GET', url: '/v1/skills', headers: bearer(key) })).statusCode).toBe(200);
    await t.container.services.apiKeys.revoke(id);
    expect((await t.app.inject({ method: 'GET', url: '/v1/skills', headers: bearer(key) })).statusCode).toBe(401);
    expect((await t.container.services.apiKeys.list()).find((k) => k.id === id)?.revokedAt).not.toBeNull();
  });
});

describe('with AUTH_REQUIRED=false (the embedded default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('leaves public routes open but keeps listing a learner’s reports keyed', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/v1/recommend', payload: recommendBody })).statusCode).toBe(200);
    const list = await t.app.inject({ method: 'GET', url: '/v1/gap-reports?learnerId=grace' });
    expect(list.statusCode).toBe(401);
    const { key } = await t.container.services.apiKeys.create('advisor', ['reports']);
    expect((await t.app.inject({ method: 'GET', url: '/v1/gap-reports?learnerId=grace', headers: bearer(key) })).statusCode).toBe(200);
  });
});

describe('per-key rate limits', () => {
  it('counts a keyed caller by key, not by address', async () => {
    const t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const a = (await t.container.services.apiKeys.create('a', ['read'])).key;
      const b = (await t.container.services.apiKeys.create('b', ['read'])).key;
      const statuses = [];
      for (const key of [a, a, a, b]) statuses.push((await t.app.inject({ method: 'GET', url: '/v1/skills', headers: bearer(key) })).statusCode);
      // Same address throughout: b still has its own budget.
      expect(statuses).toEqual([200, 200, 429, 200]);
    } finally {
      await t.close();
    }
  });
});

describe('parseScopes', () => {
  it('accepts known scopes and names unknown ones', () => {
    expect(parseScopes('read, recommend,read')).toEqual(['read', 'recommend']);
    expect(() => parseScopes('read,root')).toThrow(DomainError);
    expect(() => parseScopes('read,root')).toThrow(/unknown: root/);
  });
});
