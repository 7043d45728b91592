/**
 * kill -9 in the middle of an index refresh (embedding, linking, building), then the refresh
 * again: the links, equivalences and index version match one clean refresh, with nothing
 * duplicated. Needs the real embedding model (skipped, visibly, without it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/db/client.js';
import { listIndexVersions } from '../../src/adapters/index/index-store.js';
import { cliArgs, killedWhen } from '../helpers/processes.js';
import { sharedModel } from '../helpers/config.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'skillpath-refresh-crash-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const args = cliArgs('index', 'refresh');
const envFor = (dir: string) => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL')),
  // A killed run's lock lapses quickly here, so the re-run need not wait the default 20 s.
  PGLITE_LOCK_STALE_MS: '2000',
  PGLITE_DIR: path.join(dir, 'pglite'),
  INDEX_DIR: path.join(dir, 'index'),
  MODEL_DIR: sharedModel.modelDir,
  EMBEDDING_MODEL: sharedModel.model,
  EMBEDDING_DTYPE: 'q8',
  ALLOW_REMOTE_MODELS: 'false',
  LOG_LEVEL: 'warn',
});

async function state(dir: string) {
  const db = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pglite') });
  try {
    const result = (await db.db.execute(
      sql`select (select count(*) from course_skills)::int as links,
                 (select count(*) from (select distinct course_id, skill_id from course_skills) d)::int as distinct_links,
                 (select count(*) from skill_relations where relation = 'equivalent')::int as equivalences`,
    )) as unknown as { rows: { links: number; distinct_links: number; equivalences: number }[] };
    const [newest] = await listIndexVersions(path.join(dir, 'index'));
    // (Not the fingerprint: it covers each database's own ingest times, so two databases differ.)
    return { ...result.rows[0]!, counts: newest?.counts ?? null };
  } finally {
    await db.close();
  }
}

describe.skipIf(!sharedModel.present)('an index refresh killed with SIGKILL and run again', () => {
  const clean = path.join(tmp, 'clean');
  beforeAll(() => {
    const run = spawnSync(process.execPath, args, { cwd: tmp, env: envFor(clean), encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
  }, 120_000);

  it.each([
    ['while embedding', /embedding skills/],
    ['while linking course skills', /linking course skills/],
    ['while building the vector index', /building vector index/],
  ])('ends as one clean refresh when killed %s', async (_when, marker) => {
    const dir = path.join(tmp, `killed-${marker.source.replace(/\W+/g, '')}`);
    await killedWhen(args, { cwd: tmp, env: envFor(dir) }, marker);
    const again = spawnSync(process.execPath, args, { cwd: tmp, env: envFor(dir), encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    const [mine, theirs] = [await state(dir), await state(clean)];
    expect(mine.links).toBe(mine.distinct_links);
    expect(mine).toEqual(theirs);
  }, 180_000);
});
