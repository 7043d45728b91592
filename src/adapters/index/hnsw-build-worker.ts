/**
 * Worker-thread task: builds one HNSW graph from a block of vectors and writes it to a file.
 * Inserting tens of thousands of points is seconds of synchronous native work; done here, the
 * server keeps answering while a refresh builds (see hnsw-builder.ts, which runs this).
 */
import { HnswCollection } from './hnsw-collection.js';

export interface HnswBuildTask {
  dimension: number;
  /** Database ids, in the order of the vectors in `vectors`. */
  ids: Float64Array;
  /** `ids.length × dimension` numbers, one vector after another. */
  vectors: Float32Array;
  file: string;
}

export default async function buildHnswFile(task: HnswBuildTask): Promise<number> {
  const { dimension, ids, vectors, file } = task;
  const collection = HnswCollection.create(dimension, { initialCapacity: Math.max(16, ids.length) });
  collection.addMany(Array.from(ids, (id, i) => ({ id, vector: vectors.subarray(i * dimension, (i + 1) * dimension) })));
  await collection.write(file);
  return collection.count;
}
