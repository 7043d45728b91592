/** POST /v1/recommend and gap reports over the starter catalog (keyword search, no model). */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogBatch } from '../../src/adapters/db/catalog-writer/index.js';
import { openPglite } from '../../src/adapters/db/client.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { tinyBatch } from '../helpers/fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const recommend = (payload: object) => t.app.inject({ method: 'POST', url: '/v1/recommend', payload });

interface Step {
  position: number;
  course: { id: number; title: string; provider: string; level: string | null };
  covers: { skill: { id: number } }[];
  reason: string;
}

describe('POST /v1/recommend', () => {
  it('returns an ordered, explained path from held skills to a role found by title', async () => {
    const res = await recommend({
      learner: { id: 'ada', skills: [{ label: 'SQL' }, { label: 'Microsoft Excel' }] },
      target: { title: 'data analyst' },
      constraints: { hoursPerWeek: 5 },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.target).toMatchObject({ role: { title: 'Data Analyst', source: 'starter' }, matchedBy: 'title', confidence: 1 });
    const sqlReq = body.gap.required.find((r: { skill: { label: string } }) => r.skill.label === 'SQL');
    expect(sqlReq).toMatchObject({ status: 'held', coveredByStep: null });
    expect(sqlReq.evidence[0]).toMatchObject({ kind: 'skill', confidence: 1 });
    expect(body.path.length).toBeGreaterThan(0);
    expect(body.gap.coverageAfter).toBeGreaterThan(body.gap.coverageBefore);
    // Every covered skill points at a step that lists it.
    for (const r of body.gap.required.filter((x: { coveredByStep: number | null }) => x.coveredByStep !== null)) {
      const step = body.path[r.coveredByStep - 1] as Step;
      expect(step.covers.map((c) => c.skill.id)).toContain(r.skill.id);
    }
    for (const step of body.path as Step[]) expect(step.reason.length).toBeGreaterThan(10);
    expect(body.totals.steps).toBe(body.path.length);
    expect(body.totals.weeks).toBe(Math.ceil(body.totals.hours / 5));
    expect(body.path.at(-1).endWeek).toBeCloseTo(body.totals.hours / 5, 3);
    expect(body.versions.catalogs.starter).toBeTruthy();
    expect(body.optimality).toMatchObject({ status: 'optimal', solver: 'highs', gap: 0 });
  });

  it('puts every prerequisite before the course that needs it', async () => {
    // The Power BI course requires the spreadsheet course in the starter catalog.
    const body = (await recommend({ learner: { skills: [] }, target: { roleId: 'data-analyst' } })).json();
    const positions = new Map((body.path as Step[]).map((s) => [s.course.id, s.position]));
    let checked = 0;
    for (const step of body.path as Step[]) {
      const detail = (await t.app.inject({ method: 'GET', url: `/v1/courses/${step.course.id}` })).json();
      for (const pre of detail.prerequisites) {
        expect(positions.has(pre.id), `${step.course.title} needs ${pre.title}`).toBe(true);
        expect(positions.get(pre.id)!).toBeLessThan(step.position);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('gives the same answer to the same request, computed afresh by another instance', async () => {
    const request = { learner: { skills: [{ label: 'Python' }] }, target: { title: 'data scientist' }, constraints: { maxCost: 400 } };
    const strip = (b: { optimality: { timeMs?: number } }) => ({ ...b, optimality: { ...b.optimality, timeMs: 0 } });
    const firstResponse = await recommend(request);
    const first = firstResponse.json();
    // Served again from the cache: the same bytes, timing included (serialised once, by the response schema).
    const again = await recommend(request);
    expect(again.body).toBe(firstResponse.body);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    const other = await startTestApp();
    try {
      const fresh = (await other.app.inject({ method: 'POST', url: '/v1/recommend', payload: request })).json();
      expect(strip(fresh)).toEqual(strip(first));
    } finally {
      await other.close();
    }
  });

  it('does not re-teach a held credential and credits its skills with evidence', async () => {
    const course = (await t.app.inject({ method: 'GET', url: '/v1/courses?q=SQL%20Foundations%20for%20Analysts&limit=1' })).json().items[0];
    const body = (await recommend({ learner: { credentials: [{ id: String(course.id) }] }, target: { roleId: 'data-analyst' } })).json();
    expect((body.path as Step[]).some((s) => s.course.id === course.id)).toBe(false);
    const held = body.learner.held.find((h: { evidence: { detail: string }[] }) => h.evidence.some((e) => e.detail.includes(course.title)));
    expect(held.evidence[0].kind).toBe('credential');
  });

  it('respects provider and level constraints', async () => {
    const body = (
      await recommend({
        learner: { skills: [] },
        target: { roleId: 'data-analyst' },
        constraints: { excludeProviders: ['Northbridge Digital Academy'], levels: ['beginner'] },
      })
    ).json();
    // Without this, a constraint that rejected every course would pass the loop below.
    expect(body.path.length).toBeGreaterThan(0);
    for (const step of body.path as Step[]) {
      expect(step.course.provider).not.toBe('Northbridge Digital Academy');
      expect(step.course.level).toBe('beginner');
    }
  });

  it('answers constraints no path can meet with 200, a partial path, the uncovered skills and the binding limit', async () => {
    const res = await recommend({ learner: { skills: [] }, target: { roleId: 'data-analyst' }, constraints: { maxCost: 0, maxHours: 5 } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.totals.hours).toBeLessThanOrEqual(5);
    expect(body.totals.cost).toBe(0);
    expect(body.uncovered.length).toBeGreaterThan(0);
    expect(body.uncovered.some((u: { reason: string }) => u.reason === 'constraint')).toBe(true);
    expect(body.binding.map((b: { constraint: string }) => b.constraint)).toEqual(expect.arrayContaining([expect.stringMatching(/maxCost|maxHours/)]));
    expect(body.gap.coverageAfter).toBeLessThan(1);
  });

  it('plans for the essential gap by default and for optional skills on request', async () => {
    const request = { learner: { skills: [] }, target: { roleId: 'data-analyst' } };
    const essential = (await recommend(request)).json();
    const everything = (await recommend({ ...request, constraints: { coverOptional: true } })).json();
    const missingEssential = (b: { gap: { required: { kind: string; coveredByStep: number | null }[] } }) =>
      b.gap.required.filter((r) => r.kind === 'essential' && r.coveredByStep === null).length;
    expect(missingEssential(essential)).toBe(missingEssential(everything));
    expect(everything.gap.coverageAfter).toBeGreaterThan(essential.gap.coverageAfter);
    // Every default step covers at least one essential skill or is a prerequisite.
    for (const step of essential.path as (Step & { covers: { skill: { id: number } }[] })[]) {
      const coversEssential = step.covers.some((c) =>
        essential.gap.required.some((r: { skill: { id: number }; kind: string }) => r.skill.id === c.skill.id && r.kind === 'essential'),
      );
      expect(coversEssential || step.reason.includes('Prerequisite of'), step.course.title).toBe(true);
    }
  });

  it('plans on optional skills when the role marks nothing essential', async () => {
    const db = await openPglite();
    await db.migrate();
    const batch = tinyBatch();
    batch.roles[0]!.requirements = batch.roles[0]!.requirements.map((r) => ({ ...r, kind: 'optional' as const }));
    await loadCatalogBatch(db.db, batch);
    const other = await startTestApp({}, { database: db });
    try {
      const body = (await other.app.inject({ method: 'POST', url: '/v1/recommend', payload: { learner: { skills: [] }, target: { roleId: '15-2051.00' } } })).json();
      expect(body.gap.required.every((r: { kind: string }) => r.kind === 'optional')).toBe(true);
      expect(body.path.length).toBeGreaterThan(0);
      expect(body.gap.coverageAfter).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('says which gap skills no course teaches', async () => {
    // The starter catalog deliberately has no course for stakeholder negotiation (a Product Manager essential).
    const body = (await recommend({ learner: { skills: [] }, target: { roleId: 'product-manager' } })).json();
    const none = body.uncovered.filter((u: { reason: string }) => u.reason === 'no_course').map((u: { skill: { uri: string } }) => u.skill.uri);
    expect(none).toContain('stakeholder-negotiation');
  });

  it('reports unknown ids with 404, unresolvable titles with 422 and candidates, a missing target with 400', async () => {
    const unknown = await recommend({ learner: { skills: [] }, target: { roleId: 'no-such-role' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'role_not_found', detail: expect.stringContaining('no-such-role') });

    const vague = await recommend({ learner: { skills: [] }, target: { title: 'chief vibes officer' } });
    expect(vague.statusCode).toBe(422);
    expect(vague.json().code).toBe('role_unresolved');
    expect(Array.isArray(vague.json().candidates)).toBe(true);

    const none = await recommend({ learner: { skills: [] }, target: {} });
    expect(none.statusCode).toBe(400);
    expect(none.json().code).toBe('target_required');
  });

  it('lists what it could not recognise instead of guessing', async () => {
    const body = (
      await recommend({ learner: { credentials: [{ name: 'Certified Underwater Basket Weaver' }], skills: [{ label: 'zxqv' }] }, target: { roleId: 'data-analyst' } })
    ).json();
    expect(body.learner.unresolved.map((u: { input: string }) => u.input)).toEqual(['Certified Underwater Basket Weaver', 'zxqv']);
    expect(body.learner.held).toEqual([]);
  });

  it("holds clear readings of the learner's text with their span, and only offers weak ones to confirm", async () => {
    const text = 'Mostly I write Python at work and make some charts.';
    const body = (await recommend({ learner: { credentials: [], skills: [], text }, target: { roleId: 'data-analyst' } })).json();
    const python = body.learner.held.find((h: { skill: { label: string } }) => h.skill.label === 'Python programming');
    expect(python.evidence[0]).toMatchObject({ kind: 'text', span: { text: 'Python', start: text.indexOf('Python'), end: text.indexOf('Python') + 6 } });
    // "charts" is a common word: the text may mean data visualisation, but that is for the learner to confirm.
    expect(body.learner.held.map((h: { skill: { label: string } }) => h.skill.label)).not.toContain('Data visualisation');
    const charts = body.learner.toConfirm.find((c: { skill: { label: string } }) => c.skill.label === 'Data visualisation');
    expect(charts).toMatchObject({ span: { text: 'charts', start: text.indexOf('charts') } });
    expect(charts.confidence).toBeLessThan(python.confidence);
    const required = body.gap.required.find((r: { skill: { label: string } }) => r.skill.label === 'Data visualisation');
    expect(required.status).toBe('missing');

    const report = (await t.app.inject({ method: 'POST', url: '/v1/gap-reports', payload: { learner: { id: 'ada', credentials: [], skills: [], text }, target: { roleId: 'data-analyst' } } })).json();
    const page = (await t.app.inject({ method: 'GET', url: `/reports/${report.id}` })).body;
    expect(page).toContain('Possibly held — confirm');
    expect(page).toMatch(/Data visualisation<\/strong> from “charts”/);
    expect(page).toContain(`characters ${text.indexOf('Python')}–${text.indexOf('Python') + 6} of the learner’s text`);
    const csv = (await t.app.inject({ method: 'GET', url: `/v1/gap-reports/${report.id}.csv` })).body;
    expect(csv.split('\r\n').find((l) => l.startsWith('Data visualisation,'))).toMatch(/confirm: ""charts"" \(confidence 0\.\d+\)/);
  });

  it('answers empty, blank, over-long and unreadable titles with a clear 4xx, never a guess', async () => {
    expect((await recommend({ learner: { credentials: [], skills: [] }, target: { title: '' } })).statusCode).toBe(400);
    const blank = await recommend({ learner: { credentials: [], skills: [] }, target: { title: '   ' } });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().code).toBe('target_required');
    expect((await recommend({ learner: { credentials: [], skills: [] }, target: { title: 'analyst '.repeat(30) } })).statusCode).toBe(400);
    const noise = await recommend({ learner: { credentials: [], skills: [] }, target: { title: 'Senior (m/w/d) - Level 2' } });
    expect(noise.statusCode).toBe(422);
    expect(noise.json()).toMatchObject({ code: 'role_unresolved', candidates: [] });
    expect(noise.json().detail).toMatch(/names no occupation/);
    for (const title of ['Krankenschwester (m/w/d)', 'Ingeniera de software sénior', '数据分析师', 'zzzz qqqq']) {
      const res = await recommend({ learner: { credentials: [], skills: [] }, target: { title } });
      expect(res.statusCode).toBeLessThan(500);
      if (res.statusCode === 422) expect(Array.isArray(res.json().candidates)).toBe(true);
    }
  });

  it('holds nothing from blank or non-English learner text, and says why', async () => {
    const blank = (await recommend({ learner: { credentials: [], skills: [], text: '   \n\t ' }, target: { roleId: 'data-analyst' } })).json();
    expect(blank.learner.held).toEqual([]);
    expect(blank.learner.toConfirm).toEqual([]);
    const german = 'Ich programmiere seit drei Jahren täglich in Python und pflege für unsere Kunden in München die Datenbanken mit SQL.';
    const body = (await recommend({ learner: { credentials: [], skills: [], text: german }, target: { roleId: 'data-analyst' } })).json();
    expect(body.learner.held).toEqual([]);
    expect(body.learner.toConfirm.map((c: { skill: { label: string } }) => c.skill.label)).toContain('Python programming');
    expect(body.learner.unresolved[0].reason).toMatch(/does not read as English/);
    const long = await recommend({ learner: { credentials: [], skills: [], text: 'I write SQL queries for the finance team and build reports with the data. '.repeat(65) }, target: { roleId: 'data-analyst' } });
    expect(long.statusCode).toBe(200);
    expect(long.json().learner.held.map((h: { skill: { label: string } }) => h.skill.label)).toContain('SQL');
    expect((await recommend({ learner: { credentials: [], skills: [], text: 'x'.repeat(5001) }, target: { roleId: 'data-analyst' } })).statusCode).toBe(400);
  });

  it("shows each step's credibility signals, and lets the request weigh them", async () => {
    const request = { learner: { skills: [] }, target: { roleId: 'data-analyst' } };
    const body = (await recommend(request)).json();
    expect(body.path.length).toBeGreaterThan(0);
    for (const step of body.path as (Step & { quality: { score: number; summary: string; providerType: string } })[]) {
      expect(step.quality.score).toBeGreaterThanOrEqual(0);
      expect(step.quality.score).toBeLessThanOrEqual(1);
      expect(step.quality.summary).toContain(step.course.provider);
      expect(['university', 'industry', 'other']).toContain(step.quality.providerType);
    }
    expect((await recommend({ ...request, weights: { quality: 0 } })).statusCode).toBe(200);
    const bad = await recommend({ ...request, weights: { quality: -1 } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('quality');
  });

  it("plans in the server's default language (en) unless the request names languages", async () => {
    // The starter catalog's one German course, "DevOps-Grundlagen", teaches DevOps essentials.
    const german = (b: { path: { course: { language: string | null; title: string } }[] }) => b.path.filter((s) => s.course.language === 'de').map((s) => s.course.title);
    const byDefault = (await recommend({ learner: { skills: [] }, target: { roleId: 'devops-engineer' } })).json();
    expect(byDefault.path.length).toBeGreaterThan(0);
    expect(german(byDefault)).toEqual([]);
    for (const alt of byDefault.alternatives) expect(german(alt)).toEqual([]);
    const inGerman = (await recommend({ learner: { skills: [] }, target: { roleId: 'devops-engineer' }, constraints: { languages: ['de'] } })).json();
    expect(german(inGerman)).toEqual(['DevOps-Grundlagen: Git, CI/CD und Docker']);
  });

  it('logs what it served with the versions it used', async () => {
    await recommend({ learner: { skills: [] }, target: { roleId: 'bookkeeper' } });
    await t.container.services.recommendationStore.flush();
    const result: unknown = await t.container.database.db.execute(sql`select count(*)::int as n from recommendation_log where kind = 'recommendation'`);
    const rows = Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows;
    expect((rows[0] as { n: number }).n).toBeGreaterThan(0);
  });

  it('logs a compact record of the request, not its text', async () => {
    const text = 'I keep the books for a small bakery and run payroll for six staff. '.repeat(40);
    await recommend({ learner: { id: 'compact-log', credentials: [], skills: [{ label: 'SQL' }], text }, target: { roleId: 'bookkeeper' } });
    await t.container.services.recommendationStore.flush();
    const result: unknown = await t.container.database.db.execute(
      sql`select request, summary, length(request::text) as bytes from recommendation_log where learner_ref = 'compact-log'`,
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { request: Record<string, unknown>; summary: { courses: number[] }; bytes: number }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.request).toMatchObject({ learnerId: 'compact-log', target: { roleId: 'bookkeeper' }, given: { skills: 1, textChars: text.length } });
    expect(rows[0]!.request.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows[0]!.request)).not.toContain('bakery');
    expect(rows[0]!.bytes).toBeLessThan(1000);
    expect(Array.isArray(rows[0]!.summary.courses)).toBe(true);
  });
});

describe('gap reports', () => {
  it('stores a report, serves it at its id and lists it for the learner', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/gap-reports',
      payload: { learner: { id: 'grace', skills: [{ label: 'SQL' }] }, target: { roleId: 'data-analyst' } },
    });
    expect(created.statusCode).toBe(201);
    const report = created.json();
    expect(created.headers.location).toBe(`/v1/gap-reports/${report.id}`);
    expect(report).toMatchObject({ learnerId: 'grace', recommendation: { target: { role: { code: 'data-analyst' } } } });

    const fetched = await t.app.inject({ method: 'GET', url: `/v1/gap-reports/${report.id}` });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json()).toEqual(report);

    // Listing a learner's reports always needs a key with the reports scope.
    expect((await t.app.inject({ method: 'GET', url: '/v1/gap-reports?learnerId=grace' })).statusCode).toBe(401);
    const { key } = await t.container.services.apiKeys.create('advisor', ['reports']);
    const list = (await t.app.inject({ method: 'GET', url: '/v1/gap-reports?learnerId=grace', headers: { authorization: `Bearer ${key}` } })).json();
    expect(list.items[0]).toMatchObject({ id: report.id, role: { title: 'Data Analyst' }, steps: report.recommendation.totals.steps });

    for (const csv of [
      await t.app.inject({ method: 'GET', url: `/v1/gap-reports/${report.id}.csv` }),
      await t.app.inject({ method: 'GET', url: `/v1/gap-reports/${report.id}`, headers: { accept: 'text/csv' } }),
    ]) {
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe('skill,skill_source,skill_uri,kind,weight,status,evidence,covered_by_step,course,provider,course_quality,course_quality_signals,course_cost,path_cost,possibly_held');
      expect(lines).toHaveLength(report.recommendation.gap.required.length + 1);
      const sqlRow = lines.find((l) => l.startsWith('SQL,'));
      expect(sqlRow).toMatch(/,held,/);
      const covered = report.recommendation.gap.required.findIndex((r: { coveredByStep: number | null }) => r.coveredByStep !== null);
      const step = report.recommendation.path[report.recommendation.gap.required[covered].coveredByStep - 1];
      expect(lines[covered + 1]).toContain(`,${step.quality.score},`);
      // The path cost note, then the possibly-held column (empty: this learner's text gave nothing to confirm).
      expect(lines[1]!.endsWith(`,${report.recommendation.totals.costNote},`)).toBe(true);
    }

    for (const accept of ['text/csv;q=0, application/json', 'application/json, text/csv;q=0.5', '*/*']) {
      const json = await t.app.inject({ method: 'GET', url: `/v1/gap-reports/${report.id}`, headers: { accept } });
      expect(json.headers['content-type'], accept).toMatch(/^application\/json/);
    }

    const missing = await t.app.inject({ method: 'GET', url: '/v1/gap-reports/3f0e0a4e-8a53-4c36-9d0b-6a3cfcf1a111' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('gap_report_not_found');
    const malformed = await t.app.inject({ method: 'GET', url: '/v1/gap-reports/not-a-uuid' });
    expect(malformed.statusCode).toBe(400);
  });
});
