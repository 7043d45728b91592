import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('starter catalog over HTTP', () => {
  it('finds the Data Analyst role first for "data analyst"', async () => {
    const res = await get('/v1/roles?q=data%20analyst');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    expect(body.items[0]).toMatchObject({ title: 'Data Analyst', source: 'starter', code: 'data-analyst', score: 1 });
    expect(body.total).toBeGreaterThanOrEqual(1);
    expect(body.limit).toBe(20);
  });

  it('serves a role by id and by its code, with essential requirements first', async () => {
    const list = (await get('/v1/roles?q=data%20analyst&limit=1')).json();
    const id = list.items[0].id as number;
    const byId = (await get(`/v1/roles/${id}`)).json();
    const byCode = (await get('/v1/roles/data-analyst')).json();
    expect(byCode).toEqual(byId);
    expect(byId.requirements.length).toBeGreaterThanOrEqual(8);
    const kinds = byId.requirements.map((r: { kind: string }) => r.kind);
    expect(kinds.indexOf('optional')).toBeGreaterThan(kinds.lastIndexOf('essential'));
    expect(byId.requirements[0].skill).toEqual(
      expect.objectContaining({ id: expect.any(Number), label: expect.any(String), source: 'starter' }),
    );
  });

  it('searches skills as you type and shows a skill with its hierarchy', async () => {
    const res = (await get('/v1/skills?q=pyth')).json();
    const python = res.items.find((s: { label: string }) => /python/i.test(s.label));
    expect(python).toBeDefined();
    const detail = (await get(`/v1/skills/${python.id}`)).json();
    expect(detail).toMatchObject({ id: python.id, source: 'starter', uri: python.uri });
    expect(detail.taughtByCourses).toBeGreaterThan(0);
    expect(Array.isArray(detail.broader)).toBe(true);
  });

  it('filters courses by skill and shows course evidence, prerequisites and stacking', async () => {
    const sql = (await get('/v1/skills?q=sql&limit=1')).json().items[0];
    const courses = (await get(`/v1/courses?skill=${encodeURIComponent(sql.uri)}`)).json();
    expect(courses.total).toBeGreaterThan(0);
    const detail = (await get(`/v1/courses/${courses.items[0].id}`)).json();
    expect(detail.skills.some((s: { skill: { id: number } }) => s.skill.id === sql.id)).toBe(true);

    const all = (await get('/v1/courses?limit=100')).json();
    expect(all.total).toBeGreaterThanOrEqual(60);
    const details = await Promise.all(all.items.map((c: { id: number }) => get(`/v1/courses/${c.id}`).then((r) => r.json())));
    expect(details.some((c) => c.prerequisites.length > 0)).toBe(true);
    expect(details.some((c) => c.stackedFrom.length >= 2)).toBe(true);
  });

  it('answers 404 problems naming the unknown id', async () => {
    for (const [url, code] of [
      ['/v1/roles/no-such-role', 'role_not_found'],
      ['/v1/skills/999999', 'skill_not_found'],
      ['/v1/courses/no-such-course', 'course_not_found'],
      ['/v1/courses?skill=no-such-skill', 'skill_not_found'],
    ] as const) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = res.json();
      expect(body.code).toBe(code);
      expect(body.detail).toMatch(/no-such|999999/);
      expect(body.requestId).toBe(res.headers['x-request-id']);
    }
  });
});
