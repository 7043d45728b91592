import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleCatalogStore } from '../../src/adapters/db/catalog-store.js';
import { loadCatalogBatch } from '../../src/adapters/db/catalog-writer/index.js';
import { EmbeddingCache } from '../../src/adapters/db/embedding-cache.js';
import { LINKER_SOURCE } from '../../src/adapters/db/index-source.js';
import { HnswIndexStore } from '../../src/adapters/index/hnsw-index-store.js';
import { listIndexVersions, loadIndexVersion } from '../../src/adapters/index/index-store.js';
import { LINK_CONFIDENCE } from '../../src/core/search/course-linker.js';
import type { CatalogBatch } from '../../src/ingest/records.js';
import { refreshIndex, type RefreshDeps } from '../../src/jobs/index-refresh.js';
import { testDatabases } from '../helpers/databases.js';
import { FakeEmbedder } from '../helpers/fake-embedder.js';
import { tinyBatch } from '../helpers/fixtures.js';
import { memoryLogger } from '../helpers/logger.js';

/** A catalog whose courses state skills as free-text tags and describe others in prose. */
function taggedCatalog(description = 'Hands-on chart design for busy analysts.'): CatalogBatch {
  const course = (externalId: string, title: string, tags: string[], text: string) => ({
    source: 'tagged',
    externalId,
    provider: 'Tag School',
    title,
    description: text,
    url: null,
    hours: 5,
    cost: 0,
    currency: 'USD',
    level: null,
    language: 'en',
    format: null,
    credentialType: null,
    issuer: null,
    prerequisites: [],
    stacksInto: [],
    skills: [],
    skillTags: tags.map((label) => ({ label, kind: 'tag' as const })),
  });
  return {
    source: { name: 'tagged', kind: 'catalog', version: '1' },
    skills: [],
    roles: [],
    courses: [
      course('t1', 'Querying for beginners', ['SQL querying', 'Analysis alt'], 'Learn to ask questions of data.'),
      course('t2', 'Visual stories', [], description),
    ],
    problems: [],
  };
}

describe.each(testDatabases)('index refresh on $name', (testDb) => {
  let handle: Awaited<ReturnType<typeof testDb.open>>;
  let deps: RefreshDeps;
  let embedder: FakeEmbedder;
  let store: DrizzleCatalogStore;
  const indexDir = mkdtempSync(path.join(tmpdir(), 'skillpath-index-'));

  beforeAll(async () => {
    handle = await testDb.open();
    await handle.migrate();
    await loadCatalogBatch(handle.db, tinyBatch());
    // The same skills as an "esco" taxonomy, so cross-taxonomy equivalences have a hub to point at.
    const hub = tinyBatch();
    hub.source = { name: 'esco', kind: 'taxonomy', version: '1.1.1' };
    hub.skills = hub.skills.map((s) => ({ ...s, source: 'esco', uri: `esco:${s.uri}`, broader: s.broader.map((b) => `esco:${b}`) }));
    hub.roles = [];
    hub.courses = [];
    await loadCatalogBatch(handle.db, hub);
    await loadCatalogBatch(handle.db, taggedCatalog());
    store = new DrizzleCatalogStore(handle.db);
    embedder = new FakeEmbedder();
    deps = {
      db: handle.db,
      embedder,
      cache: new EmbeddingCache(handle.db),
      indexes: new HnswIndexStore(indexDir),
      logger: memoryLogger().logger,
      dataSources: () => store.dataSources(),
      skillDocuments: async () => [...(await store.searchCorpus()).skills.values()],
    };
  });

  afterAll(async () => {
    await handle?.drop();
    rmSync(indexDir, { recursive: true, force: true });
  });

  it('embeds everything once, links course skills with evidence, and writes an index version', async () => {
    const summary = await refreshIndex(deps);
    expect(summary).toMatchObject({ built: true, added: 6 + 1 + 5, updated: 0, unchanged: 0, removed: 0, failed: 0 });
    // The role is embedded once by its title and once per distinct name (its title and one alternative title).
    expect(summary.counts).toEqual({ skills: 6, roles: 1, courses: 5, roleLabels: 2 });
    expect(summary.embedded).toBeGreaterThan(0);
    const [manifest] = await listIndexVersions(indexDir);
    expect(manifest).toMatchObject({ version: summary.version, model: 'test/fake-embedder', dimension: 64 });
    const index = await loadIndexVersion(indexDir, summary.version!, { model: 'test/fake-embedder', dimension: 64 });
    expect(index.count('skills')).toBe(6);

    const t1 = await store.getCourse((await store.findCourseId('t1'))!);
    const tagLinks = t1!.skills.filter((s) => s.evidence.kind === 'tag');
    // "SQL querying" is a preferred label in both taxonomies; "Analysis alt" an alternative label.
    expect(tagLinks.map((l) => [l.skill.source, l.skill.label, l.confidence, l.evidence.span]).sort()).toEqual(
      [
        ['esco', 'Analysis', expect.closeTo(LINK_CONFIDENCE.tagAlt, 5), 'Analysis alt'],
        ['esco', 'SQL querying', expect.closeTo(LINK_CONFIDENCE.tagLabel, 5), 'SQL querying'],
        ['tiny', 'Analysis', expect.closeTo(LINK_CONFIDENCE.tagAlt, 5), 'Analysis alt'],
        ['tiny', 'SQL querying', expect.closeTo(LINK_CONFIDENCE.tagLabel, 5), 'SQL querying'],
      ].sort(),
    );
    const t2 = await store.getCourse((await store.findCourseId('t2'))!);
    const textLinks = t2!.skills.filter((s) => s.evidence.kind === 'text' && s.evidence.span === 'chart design');
    expect(textLinks.map((l) => l.skill.label)).toEqual(['Chart design', 'Chart design']);
  });

  it('links each non-ESCO skill to its ESCO equivalent and says how', async () => {
    const sql = await store.getSkill((await store.findSkillId('sql'))!);
    expect(sql?.related.map((r) => [r.source, r.uri])).toContainEqual(['esco', 'esco:sql']);
  });

  it('does nothing on a second run: no embedding, no new version', async () => {
    const before = embedder.texts;
    const [newest] = await listIndexVersions(indexDir);
    const summary = await refreshIndex(deps);
    expect(summary).toMatchObject({ built: false, embedded: 0, added: 0, updated: 0, removed: 0, unchanged: 12, coursesLinked: 0 });
    expect(summary.version).toBe(newest!.version);
    expect(embedder.texts).toBe(before);
    expect(await listIndexVersions(indexDir)).toHaveLength(1);
  });

  it('re-embeds and relinks only what changed, then writes a new version', async () => {
    await loadCatalogBatch(handle.db, taggedCatalog('Dashboards and SQL querying in practice.'));
    const summary = await refreshIndex(deps);
    expect(summary).toMatchObject({ built: true, updated: 1, unchanged: 11, coursesLinked: 1 });
    expect(summary.embedded).toBeGreaterThan(0);
    expect(summary.embedded).toBeLessThan(5);
    const t2 = await store.getCourse((await store.findCourseId('t2'))!);
    expect(t2!.skills.filter((s) => s.evidence.kind === 'text').map((s) => s.skill.label)).toContain('SQL querying');
    expect(t2!.skills.some((s) => s.skill.label === 'Chart design')).toBe(false);
    expect(await listIndexVersions(indexDir)).toHaveLength(2);
  });

  it('keeps linker rows separate from what catalogs state', async () => {
    const course = await store.getCourse((await store.findCourseId('charts-201'))!);
    expect(course!.skills.map((s) => s.skill.uri)).toEqual(['charts']);
    expect(LINKER_SOURCE).toBe('skillpath-linker');
  });
});
