import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleCatalogStore, toPrefixTsQuery } from '../../src/adapters/db/catalog-store.js';
import { isCatalogEmpty, loadCatalogBatch } from '../../src/adapters/db/catalog-writer.js';
import type { DatabaseHandle } from '../../src/adapters/db/client.js';
import { pendingMigrations } from '../../src/adapters/db/migrations.js';
import { tinyBatch } from '../helpers/fixtures.js';
import { testDatabases } from '../helpers/databases.js';

const countRows = async (handle: DatabaseHandle, table: string) => {
  const result: unknown = await handle.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return (rows[0] as { n: number }).n;
};

describe('toPrefixTsQuery', () => {
  it('keeps only words, ORs them and makes the last one a prefix', () => {
    expect(toPrefixTsQuery('Data  analy')).toBe('data | analy:*');
    expect(toPrefixTsQuery("C++ & 'drop table' | !")).toBe('c | drop | table:*');
    expect(toPrefixTsQuery('  ?! ')).toBeNull();
  });
});

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

  it('searches with prefixes, ranks exact title matches first and pages with a total', async () => {
    const roles = await store.searchRoles({ q: 'tiny data analyst', limit: 10, offset: 0 });
    expect(roles.items[0]?.item.title).toBe('Tiny Data Analyst');
    expect(roles.items[0]?.score).toBe(1);
    const typed = await store.searchSkills({ q: 'SQL quer', limit: 10, offset: 0 });
    expect(typed.items[0]?.item.label).toBe('SQL querying');
    const page = await store.searchSkills({ limit: 2, offset: 2 });
    expect(page.total).toBe(3);
    expect(page.items).toHaveLength(1);
    const bySkill = await store.searchCourses({ skillId: (await store.findSkillId('charts'))!, limit: 10, offset: 0 });
    expect(bySkill.items.map((h) => h.item.externalId).sort()).toEqual(['cert', 'charts-201']);
    const none = await store.searchCourses({ provider: 'Nobody', limit: 10, offset: 0 });
    expect(none).toEqual({ items: [], total: 0 });
  });

  it('loads the same batch again without duplicating anything (idempotent)', async () => {
    const before = await Promise.all(['skills', 'roles', 'courses', 'course_skills', 'role_skills', 'skill_relations'].map((t) => countRows(handle, t)));
    const idBefore = await store.findSkillId('sql');
    await loadCatalogBatch(handle.db, tinyBatch('2'));
    const after = await Promise.all(['skills', 'roles', 'courses', 'course_skills', 'role_skills', 'skill_relations'].map((t) => countRows(handle, t)));
    expect(after).toEqual(before);
    expect(await store.findSkillId('sql')).toBe(idBefore);
    expect((await store.dataSources()).find((s) => s.name === 'tiny')?.version).toBe('2');
  });

  it('rolls back a batch that fails half-way, leaving stored data untouched', async () => {
    const bad = tinyBatch('3');
    bad.skills[0]!.label = 'Analysis renamed';
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
});
