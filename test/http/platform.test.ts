/** Cross-cutting HTTP behaviour: health, OpenAPI, problem bodies, limits and request ids. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ BODY_LIMIT_BYTES: '65536' }, {
    beforeReady: (app) => {
      app.get('/test/boom', async () => {
        throw new Error('connection to 10.0.0.7 failed: password authentication failed for user "skillpath"');
      });
    },
  });
});
afterAll(async () => {
  await t.close();
});

const validRecommend = {
  learner: { skills: [{ label: 'SQL' }] },
  target: { title: 'data analyst' },
};

describe('health', () => {
  it('is live', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('is ready on the database and says the model and index are missing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'degraded',
      components: { database: { status: 'ready' }, model: { status: 'disabled' }, index: { status: 'disabled' } },
    });
  });
});

describe('OpenAPI', () => {
  it('documents every route with an operation id, schemas and problem responses', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const expected: [string, string][] = [
      ['post', '/v1/recommend'],
      ['post', '/v1/gap-reports'],
      ['get', '/v1/gap-reports/{id}'],
      ['get', '/v1/gap-reports'],
      ['get', '/v1/skills'],
      ['get', '/v1/skills/{id}'],
      ['post', '/v1/skills/extract'],
      ['get', '/v1/roles'],
      ['get', '/v1/roles/{id}'],
      ['get', '/v1/courses'],
      ['get', '/v1/courses/{id}'],
      ['get', '/health/live'],
      ['get', '/health/ready'],
      ['post', '/v1/admin/index/refresh'],
      ['get', '/v1/admin/jobs/{id}'],
    ];
    for (const [method, path] of expected) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op.operationId).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.summary).toBeTruthy();
      if (path.startsWith('/v1')) expect(Object.keys(op.responses).some((s) => s.startsWith('4'))).toBe(true);
      expect(op.responses['200'] ?? op.responses['201'] ?? op.responses['202']).toBeDefined();
    }
    expect(doc.paths['/openapi.json']).toBeUndefined();
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Problem', 'Skill', 'SkillDetail', 'Role', 'RoleDetail', 'Course', 'CourseDetail', 'Recommendation']),
    );
    const body = doc.paths['/v1/recommend'].post.requestBody.content['application/json'].schema;
    expect(body.properties.learner.properties.credentials.maxItems).toBe(50);
    expect(body.properties.learner.properties.skills.maxItems).toBe(200);
    expect(body.properties.learner.properties.text.maxLength).toBe(5000);
    expect(body.additionalProperties).toBe(false);
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/swagger-ui/i);
  });
});

describe('problem bodies', () => {
  it('answers unknown routes with a 404 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/nothing-here?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, code: 'route_not_found', instance: '/v1/nothing-here', title: 'Not Found' });
  });

  it('names each bad field on a schema violation', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/recommend', payload: { learner: { skills: 'SQL' }, extra: 1 } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    const fields = body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.target', 'body.extra', 'body.learner.skills[0]']));
    expect(body.errors.find((e: { field: string }) => e.field === 'body.extra').message).toBe('is not an allowed property');
    expect(body.detail).toContain('body.target is required');
  });

  it('rejects out-of-range query parameters', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/skills?limit=1000&color=red' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['querystring.limit', 'querystring.color']));
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/v1/recommend',
      headers: { 'content-type': 'application/json' },
      payload: '{"learner": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('malformed_json');

    const huge = await t.app.inject({
      method: 'POST',
      url: '/v1/recommend',
      payload: { ...validRecommend, learner: { text: 'x'.repeat(70_000) } },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('body_too_large');
  });

  it('never leaks internals in a 500, and logs them with the request id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/test/boom', headers: { 'x-request-id': 'trace-abc.123' } });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body).toMatchObject({ code: 'internal_error', requestId: 'trace-abc.123' });
    expect(res.body).not.toMatch(/password|10\.0\.0\.7|skillpath"/);
    const logged = t.logLines().find((l) => l.requestId === 'trace-abc.123' && l.level === 50);
    expect(JSON.stringify(logged)).toContain('password authentication failed');
  });
});

describe('request ids', () => {
  it('echoes a safe inbound id and replaces an unsafe one', async () => {
    const safe = await t.app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'abc-123' } });
    expect(safe.headers['x-request-id']).toBe('abc-123');
    const unsafe = await t.app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'a b<script>' } });
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
