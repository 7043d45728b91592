/** Building HNSW collections on a worker thread gives the graph a build on this thread gives. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCollectionOffThread, closeBuilderPool } from '../../src/adapters/index/hnsw-builder.js';
import { HnswCollection } from '../../src/adapters/index/hnsw-collection.js';
import { prng } from '../helpers/prng.js';

const DIM = 16;

function unitVectors(count: number, seed: number): Float32Array[] {
  const next = prng(seed);
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: DIM }, () => next() * 2 - 1);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

afterAll(() => closeBuilderPool());

describe('buildCollectionOffThread', () => {
  it('builds on a worker the same graph as building here, byte for byte, and leaves no temp file', async () => {
    const vectors = unitVectors(400, 7);
    const items = vectors.map((_, i) => ({ id: 500 + i * 3 }));
    const here = HnswCollection.create(DIM, { initialCapacity: items.length });
    here.addMany(items.map((item, i) => ({ id: item.id, vector: vectors[i]! })));

    const tmpBefore = (await fs.readdir(os.tmpdir())).filter((f) => f.startsWith('skillpath-hnsw-')).length;
    const there = await buildCollectionOffThread(DIM, items, vectors);
    expect(there.count).toBe(400);
    expect((await fs.readdir(os.tmpdir())).filter((f) => f.startsWith('skillpath-hnsw-')).length).toBe(tmpBefore);

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hnsw-builder-test-'));
    try {
      await here.write(path.join(dir, 'here.hnsw'));
      await there.write(path.join(dir, 'there.hnsw'));
      const [a, b] = await Promise.all([fs.readFile(path.join(dir, 'here.hnsw')), fs.readFile(path.join(dir, 'there.hnsw'))]);
      expect(b.equals(a)).toBe(true);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    // The caller's vectors are untouched (the worker got a copy).
    expect(vectors[0]!.length).toBe(DIM);
    expect(there.search(vectors[42]!, 1)[0]).toEqual({ id: items[42]!.id, score: expect.closeTo(1, 5) });
  });
});
