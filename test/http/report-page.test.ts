/** GET /reports/:id: a stored gap report as an HTML page. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('GET /reports/:id', () => {
  it('renders a stored report as a page under a strict CSP', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/gap-reports',
      payload: { learner: { id: 'ada', skills: [{ label: 'SQL' }] }, target: { roleId: 'data-analyst' }, constraints: { hoursPerWeek: 5 } },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();

    const res = await t.app.inject({ method: 'GET', url: `/reports/${id}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    // A learner's report is kept by no cache.
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toMatch(/^<!DOCTYPE html>/);
    expect(res.body).toContain('<h1>Data Analyst</h1>');
    expect(res.body).toContain('<dt>Learner</dt><dd>ada</dd>');
    expect(res.body).toContain(`href="/v1/gap-reports/${id}.csv"`);
    expect(res.body).toContain('<a href="#step-1">Step 1</a>');
  });

  it('answers 400 problem+json for an id that is not a UUID', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/reports/not-a-uuid' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 400, code: 'invalid_report_id', instance: '/reports/not-a-uuid' });
  });

  it('answers 404 problem+json for an unknown report', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/reports/00000000-0000-4000-8000-000000000000' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, code: 'gap_report_not_found' });
  });

  it('stays out of the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/reports'))).toBe(false);
  });
});
