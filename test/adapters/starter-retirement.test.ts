import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/adapters/db/client.js';
import { createContainer } from '../../src/container.js';
import { ingest } from '../../src/jobs/ingest.js';
import { packageRoot } from '../../src/paths.js';
import { testConfig } from '../helpers/config.js';
import { testDatabases } from '../helpers/databases.js';
import { memoryLogger } from '../helpers/logger.js';

const escoFixture = path.join(packageRoot, 'test/fixtures/esco/v1.1.1');

interface StarterCounts {
  skills: number;
  roles: number;
  courses: number;
}

describe.each(testDatabases)('starter catalog superseded by a real taxonomy on $name', (testDb) => {
  let handle: Awaited<ReturnType<typeof testDb.open>>;

  /** Active (or retired) starter records per table, straight from the database. */
  const starterCounts = async (retired: boolean): Promise<StarterCounts> => {
    const counts = { skills: 0, roles: 0, courses: 0 };
    for (const table of ['skills', 'roles', 'courses'] as const) {
      const result: unknown = await handle.db.execute(
        sql.raw(`select count(*)::int as n from ${table} where source = 'starter' and retired_at is ${retired ? 'not ' : ''}null`),
      );
      const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
      counts[table] = (rows[0] as { n: number }).n;
    }
    return counts;
  };

  /** A start of the service (server or CLI) on the same database, with the first-run load on. */
  const start = () => {
    // The container closes its database on close; this one outlives each "restart".
    const database: DatabaseHandle = { ...handle, close: async () => {} };
    return createContainer(testConfig({ LOAD_STARTER_CATALOG: 'true' }), memoryLogger().logger, { database });
  };

  const roleSourcesFor = async (q: string) => {
    const container = await start();
    try {
      const page = await container.services.catalog.searchRoles({ q, limit: 10, offset: 0 });
      return page.items.map((hit) => `${hit.item.source}:${hit.item.title}`);
    } finally {
      await container.close();
    }
  };

  let loaded: StarterCounts;
  let dataAnalystId: number;

  beforeAll(async () => {
    handle = await testDb.open();
    await handle.migrate();
  });

  afterAll(async () => {
    await handle?.drop();
  });

  it('loads the starter catalog into an empty database on first start', async () => {
    const container = await start();
    try {
      const page = await container.services.catalog.searchRoles({ q: 'data analyst', limit: 5, offset: 0 });
      expect(page.items[0]?.item).toMatchObject({ source: 'starter', title: 'Data Analyst' });
      dataAnalystId = page.items[0]!.item.id;
    } finally {
      await container.close();
    }
    loaded = await starterCounts(false);
    expect(loaded.skills).toBeGreaterThan(0);
    expect(loaded.roles).toBeGreaterThan(0);
    expect(loaded.courses).toBeGreaterThan(0);
  });

  it('retires every starter record when ESCO is ingested, in the same load, and says so', async () => {
    const summary = await ingest(handle.db, { kind: 'esco', path: escoFixture });
    expect(summary.source).toBe('esco');
    expect(summary.added).toBeGreaterThan(0);
    expect(summary.superseded).toEqual([{ source: 'starter', ...loaded }]);
    expect(await starterCounts(false)).toEqual({ skills: 0, roles: 0, courses: 0 });
    // Kept, not deleted.
    expect(await starterCounts(true)).toEqual(loaded);

    expect(await roleSourcesFor('data analyst')).not.toContainEqual(expect.stringMatching(/^starter:/));
    expect(await roleSourcesFor('brewery pitch manager')).toContain('esco:brewery pitch manager');

    // An unchanged ESCO run has nothing left to retire.
    const again = await ingest(handle.db, { kind: 'esco', path: escoFixture });
    expect(again.superseded).toEqual([]);
  });

  it('does not bring the starter catalog back on a restart with LOAD_STARTER_CATALOG=true', async () => {
    const container = await start();
    try {
      expect((await container.services.catalog.searchRoles({ q: 'data analyst', limit: 10, offset: 0 })).items).toEqual([]);
      expect((await container.services.catalog.getRole('data-analyst')).retiredAt).not.toBeNull();
    } finally {
      await container.close();
    }
    expect(await starterCounts(false)).toEqual({ skills: 0, roles: 0, courses: 0 });
  });

  it('revives the starter catalog under the same ids with `ingest starter`, next to the real taxonomy', async () => {
    const summary = await ingest(handle.db, { kind: 'starter' });
    expect(summary.superseded).toEqual([]);
    expect(summary.byKind.skills).toEqual({ added: 0, updated: loaded.skills, unchanged: 0, removed: 0 });
    expect(summary.byKind.roles).toEqual({ added: 0, updated: loaded.roles, unchanged: 0, removed: 0 });
    expect(summary.byKind.courses).toEqual({ added: 0, updated: loaded.courses, unchanged: 0, removed: 0 });
    expect(await starterCounts(false)).toEqual(loaded);
    expect(await starterCounts(true)).toEqual({ skills: 0, roles: 0, courses: 0 });

    const container = await start();
    try {
      const page = await container.services.catalog.searchRoles({ q: 'data analyst', limit: 5, offset: 0 });
      expect(page.items[0]?.item).toMatchObject({ id: dataAnalystId, source: 'starter', title: 'Data Analyst' });
      expect((await container.services.catalog.searchRoles({ q: 'brewery pitch manager', limit: 5, offset: 0 })).items[0]?.item.source).toBe('esco');
    } finally {
      await container.close();
    }
  });
});
