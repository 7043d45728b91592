/**
 * Builds HNSW collections on a worker thread (piscina) and reads them back on this one.
 * hnswlib's insertions are synchronous; its file reads and writes already run off the event
 * loop. So a build here costs the serving thread only a copy of the vectors and an async read:
 * on the full shared data a forced refresh used to stall live requests for over a minute.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Piscina } from 'piscina';
import { createWorkerPool } from '../workers/worker-pool.js';
import { HnswCollection } from './hnsw-collection.js';
import type { HnswBuildTask } from './hnsw-build-worker.js';

let pool: Piscina | null = null;

// One build at a time: another core stays for serving, and memory stays bounded.
const builderPool = (): Piscina => (pool ??= createWorkerPool(import.meta.url, 'hnsw-build-worker', { maxThreads: 1 }));

/**
 * Builds a collection of `items` (ids with their vectors) off the event loop. The graph is
 * identical to building it here: same insertion order, same fixed seed.
 */
export async function buildCollectionOffThread(
  dimension: number,
  items: readonly { id: number }[],
  vectors: readonly Float32Array[],
): Promise<HnswCollection> {
  const ids = Float64Array.from(items, (item) => item.id);
  const block = new Float32Array(items.length * dimension);
  vectors.forEach((vector, i) => block.set(vector, i * dimension));
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'skillpath-hnsw-'));
  const file = path.join(dir, 'collection.hnsw');
  try {
    const task: HnswBuildTask = { dimension, ids, vectors: block, file };
    const count = (await builderPool().run(task, { transferList: [ids.buffer, block.buffer] })) as number;
    return await HnswCollection.read(file, dimension, count);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Ends the worker at once (tests and shutdown; idle workers also exit by themselves). */
export async function closeBuilderPool(): Promise<void> {
  const current = pool;
  pool = null;
  await current?.destroy();
}
