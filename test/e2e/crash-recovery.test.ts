/**
 * kill -9 in the middle of an ingest, then the same ingest again: the database ends exactly as
 * after one clean run (no duplicates, nothing half-written), and the lock the killed process
 * left on its embedded database is taken over. The CLI runs as a real process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/db/client.js';
import { packageRoot } from '../../src/paths.js';
import { cliArgs, killedWhen } from '../helpers/processes.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'skillpath-crash-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const args = cliArgs('ingest', 'onet', path.join(packageRoot, 'test/fixtures/onet/29.2'));
const envFor = (dir: string) => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL')),
  // A killed run's lock lapses quickly here, so the re-run need not wait the default 20 s.
  PGLITE_LOCK_STALE_MS: '2000',
  PGLITE_DIR: dir,
  EMBEDDING_PROVIDER: 'none',
  LOG_LEVEL: 'info',
});

async function counts(dir: string) {
  const db = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    const result = (await db.db.execute(
      sql`select (select count(*) from skills)::int as skills, (select count(*) from roles)::int as roles,
                 (select count(*) from role_skills)::int as requirements, (select count(*) from data_sources)::int as sources`,
    )) as unknown as { rows: Record<string, number>[] };
    return result.rows[0];
  } finally {
    await db.close();
  }
}

describe('an ingest killed with SIGKILL and run again', () => {
  const clean = path.join(tmp, 'clean');
  beforeAll(() => {
    const run = spawnSync(process.execPath, args, { cwd: tmp, env: envFor(clean), encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
  }, 60_000);

  it.each([
    ['while migrating', /applying database migrations/],
    ['while reading the source', /reading onet/],
    ['while storing', /storing \d+ skills/],
  ])('ends as one clean run when killed %s', async (_when, marker) => {
    const dir = path.join(tmp, `killed-${marker.source.replace(/\W+/g, '')}`);
    await killedWhen(args, { cwd: tmp, env: envFor(dir) }, marker);
    const again = spawnSync(process.execPath, args, { cwd: tmp, env: envFor(dir), encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    expect(await counts(dir)).toEqual(await counts(clean));
  }, 120_000);
});
