/**
 * Index versions published to the database (PGlite and PostgreSQL): one version per publish,
 * listed newest first, loaded into a node's own cache folder and verified, and pruned by
 * retention without ever removing a version a live node reported serving.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../src/adapters/db/client.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseIndexStore } from '../../src/adapters/index/database-index-store.js';
import { closeBuilderPool } from '../../src/adapters/index/hnsw-builder.js';
import { VECTOR_COLLECTIONS, type VectorCollection } from '../../src/core/ports.js';
import { testDatabases } from '../helpers/databases.js';

const DIM = 8;
const unit = (i: number) => Float32Array.from({ length: DIM }, (_, d) => (d === i % DIM ? 1 : 0.1));

describe.each(testDatabases)('database index store on $name', (database) => {
  let handle: Awaited<ReturnType<typeof database.open>>;
  const dirs: string[] = [];
  const cache = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skillpath-db-index-'));
    dirs.push(dir);
    return dir;
  };
  beforeAll(async () => {
    handle = await database.open();
    await handle.migrate();
  });
  afterAll(async () => {
    await closeBuilderPool();
    await handle.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const publish = async (store: DatabaseIndexStore, n: number) => {
    const items = Array.from({ length: n }, (_, i) => ({ id: 100 + i }));
    const collections = {} as Record<VectorCollection, Awaited<ReturnType<DatabaseIndexStore['build']>>>;
    for (const name of VECTOR_COLLECTIONS) collections[name] = await store.build(DIM, items, items.map((_, i) => unit(i)));
    return store.publish({ model: 'test/model', dimension: DIM, fingerprint: `f${n}`, sourceVersions: { t: '1' }, collections });
  };

  it('publishes versions that another node, with an empty cache, lists and loads', async () => {
    // Chunks of 1,000 bytes: every file is stored in several and must be put back together in order.
    const writer = new DatabaseIndexStore(handle.db, cache(), 1000);
    const first = await publish(writer, 5);
    const second = await publish(writer, 7);
    const [chunks] = rowsOf<{ n: number }>(await handle.db.execute(sql`select max(seq)::int as n from index_files where version = ${second.version}`));
    expect(chunks!.n).toBeGreaterThanOrEqual(1);
    const reader = new DatabaseIndexStore(handle.db, cache());
    expect((await reader.list()).map((v) => v.version)).toEqual([second.version, first.version]);
    expect(await reader.versionNames()).toEqual([second.version, first.version]);
    const index = await reader.load(second.version, { model: 'test/model', dimension: DIM });
    expect(index.count('skills')).toBe(7);
    expect((await index.search('skills', unit(3), 1))[0]!.id).toBe(103);
    await expect(reader.load(second.version, { model: 'other/model', dimension: DIM })).rejects.toMatchObject({ code: 'index_mismatch' });

    // A cached copy damaged on the node's own disk is fetched again, not refused for good.
    const cached = path.join(reader.cacheDir, second.version, 'skills.hnsw');
    const bytes = readFileSync(cached);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    writeFileSync(cached, bytes);
    const again = await new DatabaseIndexStore(handle.db, reader.cacheDir).load(second.version, { model: 'test/model', dimension: DIM });
    expect(again.count('skills')).toBe(7);
  });

  it('refuses a published manifest whose names would leave the cache folder, before touching the disk', async () => {
    const root = cache();
    const store = new DatabaseIndexStore(handle.db, path.join(root, 'cache'));
    const [good] = await store.list();
    const hostile = { ...good, version: '29991231T000000000Z-bad0bd', files: { skills: { file: '../../outside.hnsw', sha256: 'x', bytes: 1 } } };
    await handle.db.execute(sql`insert into index_versions (version, model, dimension, fingerprint, manifest)
      values (${hostile.version}, 'test/model', ${DIM}, 'f', ${JSON.stringify(hostile)}::jsonb)`);
    await handle.db.execute(sql`insert into index_files (version, file, seq, data) values (${hostile.version}, '../../outside.hnsw', 0, '\\x00'::bytea)`);
    await expect(store.load(hostile.version, { model: 'test/model', dimension: DIM })).rejects.toMatchObject({ code: 'index_corrupt' });
    expect(existsSync(path.join(root, '..', 'outside.hnsw'))).toBe(false);
    expect(existsSync(path.join(root, 'outside.hnsw'))).toBe(false);
    await handle.db.execute(sql`delete from index_versions where version = ${hostile.version}`);
  });

  it('prunes to the newest versions but keeps one a live node reported serving', async () => {
    const store = new DatabaseIndexStore(handle.db, cache());
    const old = (await store.versionNames()).at(-1)!;
    await store.reportServing('node-a:1:aaaaaa', old);
    const third = await publish(store, 3);
    const fourth = await publish(store, 4);
    const removed = await store.prune(2);
    expect(await store.versionNames()).toEqual([fourth.version, third.version, old]);
    expect(removed).toHaveLength(1);
    expect(removed).not.toContain(old);
  });
});
