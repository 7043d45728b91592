/** The HNSW index adapter on a temp dir: search, versioned persistence, and the hot-swap holder. */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HnswCollection } from '../../src/adapters/index/hnsw-collection.js';
import { HnswIndexStore } from '../../src/adapters/index/hnsw-index-store.js';
import { IndexHolder } from '../../src/jobs/index-holder.js';
import {
  listIndexVersions,
  loadIndexVersion,
  loadNewestIndex,
  pruneIndexVersions,
  writeIndexVersion,
  type IndexManifest,
} from '../../src/adapters/index/index-store.js';
import { DomainError } from '../../src/core/errors.js';
import type { VectorIndex } from '../../src/core/ports.js';
import type { Collection } from '../../src/core/catalog.js';
import { prng } from '../helpers/prng.js';

const DIM = 24;
const MODEL = 'test/fake-model';
const expected = { model: MODEL, dimension: DIM };


function unitVectors(count: number, seed: number, dim = DIM): Float32Array[] {
  const next = prng(seed);
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: dim }, () => next() * 2 - 1);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

/** Database-like ids: sparse and not starting at zero. */
const idOf = (i: number) => 1000 + i * 7;

function bruteForce(items: { id: number; vector: Float32Array }[], query: Float32Array, k: number, filter?: (id: number) => boolean) {
  return items
    .filter(({ id }) => !filter || filter(id))
    .map(({ id, vector }) => ({ id, score: dot(query, vector) }))
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, k)
    .map(({ id }) => id);
}

function build(count: number, seed: number, dim = DIM) {
  const items = unitVectors(count, seed, dim).map((vector, i) => ({ id: idOf(i), vector }));
  const collection = HnswCollection.create(dim, { initialCapacity: 8 });
  collection.addMany(items);
  return { items, collection };
}

function buildAll(seed: number, dim = DIM) {
  const skills = build(300, seed, dim);
  const roles = build(40, seed + 1, dim);
  const courses = build(150, seed + 2, dim);
  const roleLabels = build(80, seed + 3, dim);
  return {
    items: { skills: skills.items, roles: roles.items, courses: courses.items, roleLabels: roleLabels.items },
    collections: { skills: skills.collection, roles: roles.collection, courses: courses.collection, roleLabels: roleLabels.collection },
  };
}

async function writeVersion(dir: string, seed: number, overrides: { model?: string; dimension?: number } = {}) {
  const dim = overrides.dimension ?? DIM;
  const built = buildAll(seed, dim);
  const manifest = await writeIndexVersion(dir, {
    model: overrides.model ?? MODEL,
    dimension: dim,
    fingerprint: `fp-${seed}`,
    sourceVersions: { esco: '1.2.0', starter: '2026-01' },
    collections: built.collections,
  });
  return { manifest, ...built };
}

async function expectDomainError(promise: Promise<unknown>, code: string): Promise<DomainError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

const queries = unitVectors(10, 999);

describe('HnswCollection', () => {
  const { items, collection } = build(300, 1);

  it('grows past its initial capacity and counts what it holds', () => {
    expect(collection.count).toBe(300);
    expect(collection.capacity).toBeGreaterThanOrEqual(300);
    collection.add(idOf(0), items[0]!.vector); // re-adding an id replaces, not duplicates
    expect(collection.count).toBe(300);
  });

  it('serves vectors from one contiguous block once materialised, and drops the block on a change', async () => {
    const own = build(20, 9);
    const before = own.items.map((i) => own.collection.vectorOf(i.id)!);
    await own.collection.materialise();
    const first = own.collection.vectorOf(own.items[3]!.id)!;
    const second = own.collection.vectorOf(own.items[7]!.id)!;
    // Views of one buffer, not copies, with the same values as hnswlib's.
    expect(first.buffer).toBe(second.buffer);
    own.items.forEach((item, i) => expect([...own.collection.vectorOf(item.id)!]).toEqual([...before[i]!]));
    expect(own.collection.vectorOf(999_999)).toBeNull();
    own.collection.add(own.items[3]!.id, own.items[4]!.vector);
    const changed = own.collection.vectorOf(own.items[3]!.id)!;
    expect(changed.buffer).not.toBe(second.buffer);
    expect([...changed]).toEqual([...own.collection.vectorOf(own.items[4]!.id)!]);
  });

  it('finds a stored vector as its own nearest neighbour with score ~1', () => {
    for (const { id, vector } of items.slice(0, 25)) {
      const [best] = collection.search(vector, 1);
      expect(best?.id).toBe(id);
      expect(best?.score).toBeCloseTo(1, 5);
    }
  });

  it('matches brute force for random queries, best first', () => {
    for (const query of queries) {
      const hits = collection.search(query, 5);
      expect(hits.map((h) => h.id)).toEqual(bruteForce(items, query, 5));
      for (const [i, hit] of hits.entries()) {
        expect(hit.score).toBeCloseTo(dot(query, items.find((it) => it.id === hit.id)!.vector), 5);
        if (i > 0) expect(hit.score).toBeLessThanOrEqual(hits[i - 1]!.score);
      }
    }
  });

  it('clamps k to the count and returns nothing for k < 1', () => {
    expect(collection.search(queries[0]!, 10_000)).toHaveLength(300);
    expect(collection.search(queries[0]!, 0)).toEqual([]);
    expect(HnswCollection.create(DIM).search(queries[0]!, 5)).toEqual([]);
  });

  it('applies the filter inside the search', () => {
    const even = (id: number) => id % 2 === 0;
    for (const query of queries) {
      const hits = collection.search(query, 5, even);
      expect(hits).toHaveLength(5);
      expect(hits.map((h) => h.id)).toEqual(bruteForce(items, query, 5, even));
    }
  });

  it('stops returning a removed id', () => {
    const local = build(50, 2);
    const target = local.items[3]!;
    expect(local.collection.remove(target.id)).toBe(true);
    expect(local.collection.remove(target.id)).toBe(false);
    expect(local.collection.count).toBe(49);
    expect(local.collection.search(target.vector, 49).map((h) => h.id)).not.toContain(target.id);
    expect(local.collection.search(target.vector, 100)).toHaveLength(49);
  });

  it('rejects labels hnswlib cannot hold and vectors of the wrong size', () => {
    expect(() => collection.add(-1, items[0]!.vector)).toThrow(RangeError);
    expect(() => collection.add(1.5, items[0]!.vector)).toThrow(RangeError);
    expect(() => collection.add(1, new Float32Array(DIM + 1))).toThrow(RangeError);
    expect(() => collection.search(new Float32Array(DIM - 1), 1)).toThrow(/dimensions/);
  });
});

describe('versioned index store', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'skillpath-index-'));
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('builds reproducibly: the same inputs give the same file bytes', async () => {
    const a = await writeVersion(dir, 7);
    const b = await writeVersion(dir, 7);
    expect(b.manifest.version).not.toBe(a.manifest.version);
    for (const name of ['skills', 'roles', 'courses'] as const) {
      expect(b.manifest.files[name].sha256).toBe(a.manifest.files[name].sha256);
    }
  });

  it('round-trips: write, list, load give the same search results and a complete manifest', async () => {
    const { manifest, collections, items } = await writeVersion(dir, 3);
    expect(manifest.version).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{6}$/);
    expect(manifest).toMatchObject({
      model: MODEL,
      dimension: DIM,
      fingerprint: 'fp-3',
      counts: { skills: 300, roles: 40, courses: 150 },
      sourceVersions: { esco: '1.2.0', starter: '2026-01' },
    });
    expect(Date.parse(manifest.createdAt)).not.toBeNaN();
    for (const name of ['skills', 'roles', 'courses'] as const) {
      const { file, sha256, bytes } = manifest.files[name];
      const content = await fs.readFile(path.join(dir, manifest.version, file));
      expect(content.length).toBe(bytes);
      expect(createHash('sha256').update(content).digest('hex')).toBe(sha256);
    }
    expect(await fs.readdir(dir)).toEqual([manifest.version]); // no temp dir left behind
    const onDisk = JSON.parse(await fs.readFile(path.join(dir, manifest.version, 'manifest.json'), 'utf8')) as IndexManifest;
    expect(onDisk).toEqual(manifest);

    expect(await listIndexVersions(dir)).toEqual([manifest]);

    const loaded = await loadIndexVersion(dir, manifest.version, expected);
    expect(loaded.manifest).toEqual(manifest);
    expect([loaded.version, loaded.model, loaded.dimension]).toEqual([manifest.version, MODEL, DIM]);
    for (const name of ['skills', 'roles', 'courses'] as const) {
      expect(loaded.count(name)).toBe(items[name].length);
      for (const query of queries) {
        expect(await loaded.search(name, query, 8)).toEqual(collections[name].search(query, 8));
      }
    }
    await expectDomainError(
      Promise.resolve().then(() => loaded.search('skills', new Float32Array(DIM + 1), 3)),
      'index_mismatch',
    );
  });

  it('persists empty collections and deletions', async () => {
    const skills = build(30, 4);
    skills.collection.remove(skills.items[0]!.id);
    const manifest = await writeIndexVersion(dir, {
      model: MODEL,
      dimension: DIM,
      fingerprint: 'fp',
      sourceVersions: {},
      collections: { skills: skills.collection, roles: HnswCollection.create(DIM), courses: HnswCollection.create(DIM), roleLabels: HnswCollection.create(DIM) },
    });
    expect(manifest.counts).toEqual({ skills: 29, roles: 0, courses: 0, roleLabels: 0 });
    const loaded = await loadIndexVersion(dir, manifest.version, expected);
    expect(loaded.count('skills')).toBe(29);
    expect(loaded.count('roles')).toBe(0);
    expect(await loaded.search('roles', queries[0]!, 5)).toEqual([]);
    expect((await loaded.search('skills', skills.items[0]!.vector, 100)).map((h) => h.id)).not.toContain(skills.items[0]!.id);
  });

  it('loads a version written before role labels had vectors, with that collection empty', async () => {
    const { manifest } = await writeVersion(dir, 11);
    const versionDir = path.join(dir, manifest.version);
    const { roleLabels: _dropped, ...files } = manifest.files;
    const { roleLabels: _count, ...counts } = manifest.counts;
    await fs.rm(path.join(versionDir, manifest.files.roleLabels.file));
    await fs.writeFile(path.join(versionDir, 'manifest.json'), JSON.stringify({ ...manifest, files, counts }));
    const loaded = await loadIndexVersion(dir, manifest.version, expected);
    expect(loaded.count('roleLabels')).toBe(0);
    expect(await loaded.search('roleLabels', queries[0]!, 5)).toEqual([]);
    expect(loaded.count('roles')).toBe(40);
  });

  it('detects a flipped byte and a missing file, and falls back to an older version', async () => {
    const older = await writeVersion(dir, 5);
    const newer = await writeVersion(dir, 6);
    const file = path.join(dir, newer.manifest.version, newer.manifest.files.courses.file);
    const content = await fs.readFile(file);
    content[Math.floor(content.length / 2)]! ^= 0xff;
    await fs.writeFile(file, content);

    const corrupt = await expectDomainError(loadIndexVersion(dir, newer.manifest.version, expected), 'index_corrupt');
    expect(corrupt.message).toContain('courses.hnsw');
    expect(corrupt.message).toContain('skillpath index refresh');

    const { index, skipped } = await loadNewestIndex(dir, expected);
    expect(index?.version).toBe(older.manifest.version);
    expect(skipped.map((s) => s.version)).toEqual([newer.manifest.version]);
    expect((skipped[0]!.error as DomainError).code).toBe('index_corrupt');

    await fs.rm(path.join(dir, older.manifest.version, older.manifest.files.roles.file));
    const missing = await expectDomainError(loadIndexVersion(dir, older.manifest.version, expected), 'index_corrupt');
    expect(missing.message).toContain('roles.hnsw');
    expect(await loadNewestIndex(dir, expected)).toMatchObject({ index: null, skipped: [{}, {}] });
  });

  it('refuses an index built with another model or dimension, naming the rebuild command', async () => {
    const { manifest } = await writeVersion(dir, 8);
    for (const other of [
      { model: 'other/model', dimension: DIM },
      { model: MODEL, dimension: DIM * 2 },
    ]) {
      const error = await expectDomainError(loadIndexVersion(dir, manifest.version, other), 'index_mismatch');
      expect(error.kind).toBe('unavailable');
      expect(error.message).toContain('`skillpath index refresh`');
    }
  });

  it('ignores temp dirs, dirs without a manifest and stray entries; the newest complete version wins', async () => {
    expect(await loadNewestIndex(path.join(dir, 'missing'), expected)).toEqual({ index: null, skipped: [] });
    const first = await writeVersion(dir, 9);
    const second = await writeVersion(dir, 10);
    expect(second.manifest.version > first.manifest.version).toBe(true);
    // Names that sort after every real version, so ignoring them is what makes the test pass.
    await fs.mkdir(path.join(dir, '.tmp-99991231T235959999Z-abcdef'));
    await fs.writeFile(path.join(dir, '.tmp-99991231T235959999Z-abcdef', 'skills.hnsw'), 'partial');
    await fs.mkdir(path.join(dir, '99991231T235959999Z-abcdef'));
    await fs.mkdir(path.join(dir, 'zzz-not-a-version'));
    await fs.writeFile(path.join(dir, 'README'), 'not an index');

    expect((await listIndexVersions(dir)).map((m) => m.version)).toEqual([second.manifest.version, first.manifest.version]);
    const { index, skipped } = await loadNewestIndex(dir, expected);
    expect(skipped).toEqual([]);
    expect(index?.version).toBe(second.manifest.version);
    expect(index?.manifest.fingerprint).toBe('fp-10');
  });

  it('prunes to the newest N, never the newest, and only stale temp dirs', async () => {
    const versions: string[] = [];
    for (const seed of [11, 12, 13, 14]) versions.push((await writeVersion(dir, seed)).manifest.version);
    const stale = path.join(dir, '.tmp-20000101T000000000Z-000000');
    const fresh = path.join(dir, '.tmp-20000101T000000000Z-111111');
    await fs.mkdir(stale);
    await fs.mkdir(fresh);
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await fs.utimes(stale, twoHoursAgo, twoHoursAgo);
    await fs.mkdir(path.join(dir, 'keep-me'));

    const result = await pruneIndexVersions(dir, 2);
    expect(result.removedVersions).toEqual([versions[1], versions[0]]);
    expect(result.removedTemp).toEqual([path.basename(stale)]);
    expect((await listIndexVersions(dir)).map((m) => m.version)).toEqual([versions[3], versions[2]]);
    expect((await fs.readdir(dir)).sort()).toEqual([path.basename(fresh), versions[2], versions[3], 'keep-me'].sort());

    await pruneIndexVersions(dir, 0);
    expect((await listIndexVersions(dir)).map((m) => m.version)).toEqual([versions[3]]);
  });
});

describe('IndexHolder', () => {
  let dir: string;
  const stops: (() => void)[] = [];

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'skillpath-holder-'));
  });

  afterEach(async () => {
    for (const stop of stops.splice(0)) stop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const topIds = async (index: VectorIndex, collection: Collection) => (await index.search(collection, queries[0]!, 5)).map((h) => h.id);

  it('reports not_built, then ready, and an in-flight reference keeps its index across a swap', async () => {
    const holder = new IndexHolder(new HnswIndexStore(dir));
    expect(holder.health()).toEqual({
      status: 'not_built',
      detail: 'no vector index yet: search is lexical; run `skillpath index refresh`',
    });

    const a = await writeVersion(dir, 20);
    const b = await writeVersion(dir, 21);
    const indexA = await loadIndexVersion(dir, a.manifest.version, expected);
    const indexB = await loadIndexVersion(dir, b.manifest.version, expected);
    expect(await topIds(indexA, 'skills')).not.toEqual(await topIds(indexB, 'skills'));

    expect(holder.swap(indexA)).toBeNull();
    const health = holder.health();
    expect(health.status).toBe('ready');
    expect(health.detail).toContain(a.manifest.version);
    expect(health.detail).toContain('300 skills, 40 roles, 150 courses');

    const inFlight = holder.current()!;
    expect(holder.swap(indexB)).toBe(indexA);
    expect(holder.current()).toBe(indexB);
    expect(await topIds(inFlight, 'skills')).toEqual(bruteForce(a.items.skills, queries[0]!, 5));
    expect(await topIds(holder.current()!, 'skills')).toEqual(bruteForce(b.items.skills, queries[0]!, 5));
  });

  it('reports unavailable with the reason when only a mismatched index exists', async () => {
    await writeVersion(dir, 22, { model: 'old/model' });
    const holder = new IndexHolder(new HnswIndexStore(dir));
    const { index, skipped } = await holder.loadNewest(expected);
    expect(index).toBeNull();
    expect(skipped).toHaveLength(1);
    const health = holder.health();
    expect(health.status).toBe('unavailable');
    expect(health.detail).toContain('old/model');
    expect(health.detail).toContain('skillpath index refresh');
  });

  it('watches for a newer version, swaps it in, and does not retry one that failed', async () => {
    const first = await writeVersion(dir, 23);
    const holder = new IndexHolder(new HnswIndexStore(dir));
    await holder.loadNewest(expected);
    expect(holder.current()?.version).toBe(first.manifest.version);

    const errors: string[] = [];
    let failed!: () => void;
    const failedOnce = new Promise<void>((resolve) => (failed = resolve));
    let swapped!: (next: VectorIndex, previous: VectorIndex | null) => void;
    const swap = new Promise<[VectorIndex, VectorIndex | null]>((resolve) => (swapped = (...args) => resolve(args)));
    stops.push(
      holder.startWatching(expected, 10, swapped, (version) => {
        errors.push(version);
        failed();
      }),
    );

    const mismatched = await writeVersion(dir, 24, { model: 'other/model' });
    await failedOnce;
    await new Promise((resolve) => setTimeout(resolve, 50)); // a few more ticks that must not retry it
    const second = await writeVersion(dir, 25);
    const [next, previous] = await swap;
    expect(next.version).toBe(second.manifest.version);
    expect(previous?.version).toBe(first.manifest.version);
    expect(holder.current()).toBe(next);
    expect(await topIds(next, 'courses')).toEqual(bruteForce(second.items.courses, queries[0]!, 5));
    // The mismatched version was tried by exactly one tick, even though later ticks saw it again.
    expect(errors).toEqual([mismatched.manifest.version]);
    expect(holder.health().status).toBe('ready');
  });
});
