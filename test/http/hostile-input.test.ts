/**
 * Issue 14's reproducers: input that used to answer 500 (or sink a batch of log rows) now gets a
 * 400 problem naming the field, and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gapReports } from '../../src/adapters/db/schema.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
/** Listing reports needs a key; without one the answer would be 401 before the input is read. */
let reportsKey = '';
beforeAll(async () => {
  t = await startTestApp();
  reportsKey = (await t.container.services.apiKeys.create('hostile', ['reports'])).key;
});
const keyed = () => ({ authorization: `Bearer ${reportsKey}` });
afterAll(async () => {
  await t.close();
});

const recommend = (learner: Record<string, unknown>) => ({ learner: { skills: [{ label: 'SQL' }], ...learner }, target: { title: 'data analyst' } });

async function expectProblem(res: { statusCode: number; json: () => { code?: string; errors?: unknown; detail?: string } }, code: string, field: string) {
  expect(res.statusCode).toBe(400);
  const body = res.json();
  expect(body.code).toBe(code);
  expect(body.errors).toEqual([{ field, message: expect.any(String) }]);
  expect(body.detail).toContain(field);
}

describe('NUL characters and lone surrogates', () => {
  it.each([
    ['/v1/skills/%00', 'params.id'],
    ['/v1/roles/a%00b', 'params.id'],
    ['/v1/courses/a%00.csv', 'params.id'],
    ['/v1/gap-reports?learnerId=a%00b', 'querystring.learnerId'],
  ])('GET %s is a 400 naming %s', async (url, field) => {
    const res = await t.app.inject({ method: 'GET', url, headers: keyed() });
    await expectProblem(res, 'invalid_characters', field);
  });

  it.each([
    ['a\u0000b', 'contains a NUL'],
    ['a\ud800b', 'lone UTF-16 surrogate'],
    ['b\udc00', 'lone UTF-16 surrogate'],
  ])('a learner id %j is refused and no report is stored', async (id, message) => {
    const before = (await t.container.database.db.select().from(gapReports)).length;
    const res = await t.app.inject({ method: 'POST', url: '/v1/gap-reports', payload: recommend({ id }) });
    await expectProblem(res, 'invalid_characters', 'body.learner.id');
    expect(res.json().errors[0].message).toContain(message);
    expect((await t.container.database.db.select().from(gapReports)).length).toBe(before);
  });

  it('refuses NUL in free text on /v1/recommend, and a property name with one', async () => {
    await expectProblem(await t.app.inject({ method: 'POST', url: '/v1/recommend', payload: recommend({ text: 'sql\u0000python' }) }), 'invalid_characters', 'body.learner.text');
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/recommend',
      payload: { ...recommend({}), learner: { skills: [{ label: 'SQL' }], credentials: [{ name: 'x', badge: { 'a\u0000': 1 } }] } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_characters');
  });

  it('accepts well-formed text outside the Basic Multilingual Plane', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/recommend', payload: recommend({ text: 'I know SQL 📊 and Python' }) });
    expect(res.statusCode).toBe(200);
  });
});

describe('non-finite numbers', () => {
  it.each([
    ['/v1/skills?offset=-Infinity', 'querystring.offset'],
    ['/v1/skills?limit=1e400', 'querystring.limit'],
    ['/v1/gap-reports?learnerId=x&limit=Infinity', 'querystring.limit'],
  ])('GET %s is a 400, not a 500', async (url) => {
    const res = await t.app.inject({ method: 'GET', url, headers: keyed() });
    expect(res.statusCode).toBe(400);
  });

  it('refuses 1e400 in a JSON body, which JSON.parse reads as Infinity', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/recommend',
      headers: { 'content-type': 'application/json' },
      payload: '{"learner":{"skills":[{"label":"SQL"}]},"target":{"title":"data analyst"},"constraints":{"hoursPerWeek":1e400}}',
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('hoursPerWeek');
  });
});

describe('deep nesting', () => {
  it('refuses a badge nested 5,000 levels deep with a 400', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/recommend',
      headers: { 'content-type': 'application/json' },
      payload: `{"learner":{"credentials":[{"name":"x","badge":${deep}}]},"target":{"title":"data analyst"}}`,
    });
    expect(res.statusCode).toBe(400);
    expect(['too_deeply_nested', 'validation_failed']).toContain(res.json().code);
  });
});
