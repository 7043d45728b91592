import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleCatalogStore } from '../../src/adapters/db/catalog-store.js';
import { isCatalogEmpty, loadCatalogBatch } from '../../src/adapters/db/catalog-writer/index.js';
import type { DatabaseHandle } from '../../src/adapters/db/client.js';
import { pendingMigrations } from '../../src/adapters/db/migrations.js';
import { tinyBatch } from '../helpers/fixtures.js';
import { testDatabases } from '../helpers/databases.js';

const countRows = async (handle: DatabaseHandle, table: string) => {
  const result: unknown = await handle.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return (rows[0] as { n: number }).n;
};

describe.each(testDatabases)('catalog store on $name', (testDb) => {
  let handle: Awaited<ReturnType<typeof testDb.open>>;
  let store: DrizzleCatalogStore;

  beforeAll(async () => {
    handle = await testDb.open();
    expect(await pendingMigrations(handle.db)).toBeGreaterThan(0);
    await handle.migrate();
    expect(await pendingMigrations(handle.db)).toBe(0);
    expect(await isCatalogEmpty(handle.db)).toBe(true);
    const summary = await loadCatalogBatch(handle.db, tinyBatch());
    expect(summary.problems).toEqual([]);
    store = new DrizzleCatalogStore(handle.db);
  });

  afterAll(async () => {
    await handle?.drop();
  });

  it('stores skills with their hierarchy', async () => {
    const id = await store.findSkillId('analysis');
    expect(id).not.toBeNull();
    const analysis = await store.getSkill(id!);
    expect(analysis?.label).toBe('Analysis');
    expect(analysis?.narrower.map((s) => s.label)).toEqual(['Chart design', 'SQL querying']);
    const sqlSkill = await store.getSkill((await store.findSkillId('sql'))!);
    expect(sqlSkill?.broader.map((s) => s.uri)).toEqual(['analysis']);
    expect(sqlSkill?.requiredByRoles).toBe(1);
    expect(sqlSkill?.taughtByCourses).toBe(2);
  });

  it('finds roles by O*NET code with or without the .00 suffix and lists requirements essential first', async () => {
    const id = await store.findRoleId('15-2051');
    expect(id).toBe(await store.findRoleId('15-2051.00'));
    const role = await store.getRole(id!);
    expect(role?.requirements.map((r) => [r.skill.uri, r.kind, r.importance])).toEqual([
      ['sql', 'essential', expect.closeTo(0.9, 5)],
      ['charts', 'optional', expect.closeTo(0.4, 5)],
    ]);
  });

  it('returns a course with its skills, prerequisites and stacking, cost as a number', async () => {
    const course = await store.getCourse((await store.findCourseId('charts-201'))!);
    expect(course).toMatchObject({ title: 'Charts 201', cost: 20.5, currency: 'EUR', hours: 10, level: 'beginner' });
    expect(course?.prerequisites.map((c) => c.title)).toEqual(['SQL 101']);
    expect(course?.stacksInto.map((c) => c.title)).toEqual(['Tiny Analytics Certificate']);
    expect(course?.skills[0]).toMatchObject({ skill: { uri: 'charts' }, confidence: expect.closeTo(0.9, 5), evidence: { kind: 'tag', span: null } });
    const cert = await store.getCourse((await store.findCourseId('cert'))!);
    expect(cert?.stackedFrom.map((c) => c.title)).toEqual(['Charts 201', 'SQL 101']);
  });

  it('gives search its corpus of active records and returns records in the order asked', async () => {
    const corpus = await store.searchCorpus();
    expect([...corpus.skills.values()].map((d) => d.title).sort()).toEqual(['Analysis', 'Chart design', 'SQL querying']);
    expect([...corpus.roles.values()][0]).toMatchObject({ title: 'Tiny Data Analyst', altTitles: ['Reporting analyst'], source: 'tiny' });
    const charts = [...corpus.courses.values()].find((c) => c.title === 'Charts 201');
    expect(charts).toMatchObject({ provider: 'Tiny Academy', skillIds: [await store.findSkillId('charts')] });
    const ids = [...corpus.skills.keys()].sort((a, b) => b - a);
    expect((await store.skillsByIds(ids)).map((s) => s.id)).toEqual(ids);
    expect(await store.coursesByIds([])).toEqual([]);
  });

  it('loads the same batch again without writing anything (idempotent)', async () => {
    const tables = ['skills', 'roles', 'courses', 'course_skills', 'role_skills', 'skill_relations', 'course_skill_tags'];
    const before = await Promise.all(tables.map((t) => countRows(handle, t)));
    const idBefore = await store.findSkillId('sql');
    const again = await loadCatalogBatch(handle.db, tinyBatch());
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 7, removed: 0, failed: 0 });
    const after = await Promise.all(tables.map((t) => countRows(handle, t)));
    expect(after).toEqual(before);
    expect(await store.findSkillId('sql')).toBe(idBefore);
  });

  it('updates a changed record in place, keeps its id, and retires one its source dropped', async () => {
    const idBefore = await store.findSkillId('charts');
    const next = tinyBatch('2');
    next.skills.find((s) => s.uri === 'charts')!.label = 'Chart and dashboard design';
    next.courses = next.courses.filter((c) => c.externalId !== 'cert').map((c) => ({ ...c, stacksInto: [] }));
    const summary = await loadCatalogBatch(handle.db, next);
    expect(summary.byKind.skills).toEqual({ added: 0, updated: 1, unchanged: 2, removed: 0 });
    // The two remaining courses changed (their stacking link went), the certificate was removed.
    expect(summary.byKind.courses).toEqual({ added: 0, updated: 2, unchanged: 0, removed: 1 });
    expect(await store.findSkillId('charts')).toBe(idBefore);
    expect((await store.getSkill(idBefore!))?.label).toBe('Chart and dashboard design');
    expect((await store.getCourse((await store.findCourseId('cert'))!))?.retiredAt).not.toBeNull();
    expect((await store.dataSources()).find((s) => s.name === 'tiny')?.version).toBe('2');
    // Loading the original again revives the retired certificate under the same id.
    const certId = await store.findCourseId('cert');
    const back = await loadCatalogBatch(handle.db, tinyBatch('2'));
    expect(back.byKind.courses).toEqual({ added: 0, updated: 3, unchanged: 0, removed: 0 });
    expect(await store.findCourseId('cert')).toBe(certId);
    expect((await store.getCourse(certId!))?.retiredAt).toBeNull();
  });

  it('rolls back a batch that fails half-way, leaving stored data untouched', async () => {
    const bad = tinyBatch('3');
    bad.skills[0]!.label = 'Analysis renamed';
    bad.courses[0]!.title = 'SQL 101 renamed';
    bad.courses[0]!.hours = -5; // violates courses_hours_nonnegative after skills were written
    await expect(loadCatalogBatch(handle.db, bad)).rejects.toThrow();
    const analysis = await store.getSkill((await store.findSkillId('analysis'))!);
    expect(analysis?.label).toBe('Analysis');
    expect((await store.dataSources()).find((s) => s.name === 'tiny')?.version).toBe('2');
  });

  it('reports references it cannot resolve as problems instead of failing', async () => {
    const batch = tinyBatch('4');
    batch.roles[0]!.requirements.push({ skill: { source: 'tiny', uri: 'ghost' }, kind: 'essential', importance: 0.5 });
    const summary = await loadCatalogBatch(handle.db, batch);
    expect(summary.problems).toEqual([{ file: 'tiny 4', line: null, message: "role 15-2051.00: skill 'ghost' not found" }]);
  });

  it('retries a record whose reference could not be resolved once the reference exists', async () => {
    const batch = tinyBatch('5');
    batch.source = { name: 'later', kind: 'catalog', version: '1' };
    batch.skills = [];
    batch.roles = [];
    batch.courses = [{ ...batch.courses[0]!, source: 'later', externalId: 'later-1', stacksInto: [], skills: [{ skill: { source: 'future', uri: 'f1' }, confidence: 0.9, evidence: { kind: 'alignment', span: null } }] }];
    expect((await loadCatalogBatch(handle.db, batch)).problems).toHaveLength(1);
    const future = tinyBatch('1');
    future.source = { name: 'future', kind: 'taxonomy', version: '1' };
    future.skills = [{ ...future.skills[0]!, source: 'future', uri: 'f1', broader: [] }];
    future.roles = [];
    future.courses = [];
    await loadCatalogBatch(handle.db, future);
    // Same input as before, but not "unchanged": the link that failed is written now.
    const again = await loadCatalogBatch(handle.db, batch);
    expect(again).toMatchObject({ updated: 1, unchanged: 0, failed: 0 });
    const course = await store.getCourse((await store.findCourseId('later-1'))!);
    expect(course!.skills.map((s) => s.skill.source)).toEqual(['future']);
  });
});
