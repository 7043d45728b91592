/**
 * One HNSW graph (hnswlib-node) over unit-length vectors, labelled with database ids.
 * See https://github.com/yoshoku/hnswlib-node and hnswlib's ALGO_PARAMS.md for the parameters.
 */
import hnswlib from 'hnswlib-node';
import type { VectorHit } from '../../core/ports.js';
import { TimeSlicer } from '../../core/time-slice.js';

// hnswlib-node is CommonJS: named ESM imports of its classes fail at runtime.
const { HierarchicalNSW } = hnswlib;
type Graph = InstanceType<typeof HierarchicalNSW>;

export interface HnswOptions {
  /** Links per node: 16 is hnswlib's recommended middle ground for 100-1000-d embeddings. */
  m?: number;
  /** Build-time beam width; higher costs build time and buys recall. */
  efConstruction?: number;
  initialCapacity?: number;
}

const DEFAULTS = { m: 16, efConstruction: 200, initialCapacity: 1024 } as const;
// Fixed so that building the same vectors in the same order gives the same graph (and file bytes).
const RANDOM_SEED = 100;
/** Search beam width floor: below ~64 recall on 384-d sentence vectors drops noticeably. */
const MIN_SEARCH_EF = 64;
const MAX_LABEL = 0xffff_ffff; // hnswlib-node reads labels as uint32

export class HnswCollection {
  private readonly live: Set<number>;
  /**
   * Every vector in one contiguous block, filled by `materialise` once a version is loaded:
   * hnswlib hands a point out as a fresh JS array, and copying one per lookup was a tenth of a
   * recommendation's time. Dropped on any change.
   */
  private block: { data: Float32Array; offsets: Map<number, number> } | null = null;
  /** Bumped by every change, so a block copied while a change happened is not kept. */
  private generation = 0;

  private constructor(
    private readonly graph: Graph,
    readonly dimension: number,
    live: Iterable<number>,
  ) {
    this.live = new Set(live);
  }

  static create(dimension: number, options: HnswOptions = {}): HnswCollection {
    assertDimension(dimension);
    const graph = new HierarchicalNSW('ip', dimension);
    graph.initIndex({
      maxElements: Math.max(1, options.initialCapacity ?? DEFAULTS.initialCapacity),
      m: options.m ?? DEFAULTS.m,
      efConstruction: options.efConstruction ?? DEFAULTS.efConstruction,
      randomSeed: RANDOM_SEED,
    });
    return new HnswCollection(graph, dimension, []);
  }

  /**
   * Reads a file written by `write`. `expectedCount` is the live count recorded at write time:
   * hnswlib keeps deleted labels in the file and does not expose which, so they are only probed
   * for when the totals disagree.
   */
  static async read(file: string, dimension: number, expectedCount: number): Promise<HnswCollection> {
    assertDimension(dimension);
    const graph = new HierarchicalNSW('ip', dimension);
    await graph.readIndex(file);
    const labels = graph.getIdsList();
    let live = labels;
    if (labels.length !== expectedCount) {
      live = labels.filter((label) => {
        try {
          graph.getPoint(label);
          return true;
        } catch {
          return false; // hnswlib reports a deleted label as not found
        }
      });
    }
    if (live.length !== expectedCount) {
      throw new Error(`${file} holds ${live.length} vectors, expected ${expectedCount}`);
    }
    return new HnswCollection(graph, dimension, live);
  }

  get count(): number {
    return this.live.size;
  }

  get capacity(): number {
    return this.graph.getMaxElements();
  }

  has(id: number): boolean {
    return this.live.has(id);
  }

  /** Adds or replaces the vector for `id`. */
  add(id: number, vector: Float32Array | readonly number[]): void {
    this.addMany([{ id, vector }]);
  }

  addMany(items: readonly { id: number; vector: Float32Array | readonly number[] }[]): void {
    for (const { id, vector } of items) this.check(id, vector);
    // hnswlib throws once maxElements is reached, and re-adding a deleted label reuses its slot,
    // so the slots needed are those not yet in the graph; doubling keeps resizes logarithmic.
    const needed = this.graph.getCurrentCount() + items.length;
    if (needed > this.capacity) this.graph.resizeIndex(Math.max(needed, this.capacity * 2));
    this.block = null;
    this.generation++;
    for (const { id, vector } of items) {
      this.graph.addPoint(Array.from(vector), id);
      this.live.add(id);
    }
  }

  /** Marks `id` deleted (hnswlib cannot unlink a node); false when it was not present. */
  remove(id: number): boolean {
    if (!this.live.delete(id)) return false;
    this.block = null;
    this.generation++;
    this.graph.markDelete(id);
    return true;
  }

  /**
   * The stored vector of an id, or null when it is not in the collection. After `materialise`
   * it is a read-only view into the block (no copy); before, a copy.
   */
  vectorOf(id: number): Float32Array | null {
    if (!this.live.has(id)) return null;
    const block = this.block;
    if (block) {
      const offset = block.offsets.get(id)!;
      return block.data.subarray(offset, offset + this.dimension);
    }
    return Float32Array.from(this.graph.getPoint(id));
  }

  /**
   * Copies every vector into one contiguous block, so lookups stop copying (see `block`).
   * Time-sliced: a running server loads new versions, and 35,000 copies take a few hundred ms.
   */
  async materialise(): Promise<void> {
    const generation = this.generation;
    const ids = [...this.live].sort((a, b) => a - b);
    const data = new Float32Array(ids.length * this.dimension);
    const offsets = new Map<number, number>();
    const slicer = new TimeSlicer();
    for (const [i, id] of ids.entries()) {
      data.set(this.graph.getPoint(id), i * this.dimension);
      offsets.set(id, i * this.dimension);
      await slicer.pass();
    }
    if (generation === this.generation) this.block = { data, offsets };
  }

  search(vector: Float32Array | readonly number[], k: number, filter?: (id: number) => boolean): VectorHit[] {
    if (vector.length !== this.dimension) {
      throw new Error(`query vector has ${vector.length} dimensions, index has ${this.dimension}`);
    }
    // hnswlib rejects k above maxElements and k < 1.
    const limit = Math.min(Math.floor(k), this.live.size);
    if (!(limit > 0)) return [];
    this.graph.setEf(Math.max(MIN_SEARCH_EF, limit));
    const { neighbors, distances } = this.graph.searchKnn(Array.from(vector), limit, filter);
    const hits = neighbors.map((id, i) => ({ id, score: 1 - distances[i]! }));
    // hnswlib's heap order among equal distances is not specified; ids make it stable.
    return hits.sort((a, b) => b.score - a.score || a.id - b.id);
  }

  /** Writes the graph; hnswlib saves on a worker thread, so do not add while this runs. */
  async write(file: string): Promise<void> {
    await this.graph.writeIndex(file);
  }

  private check(id: number, vector: Float32Array | readonly number[]): void {
    if (!Number.isInteger(id) || id < 0 || id > MAX_LABEL) {
      throw new RangeError(`vector index labels must be integers in [0, ${MAX_LABEL}], got ${id}`);
    }
    if (vector.length !== this.dimension) {
      throw new RangeError(`vector for id ${id} has ${vector.length} dimensions, index has ${this.dimension}`);
    }
  }
}

function assertDimension(dimension: number): void {
  if (!Number.isInteger(dimension) || dimension < 1) throw new RangeError(`invalid vector dimension ${dimension}`);
}
