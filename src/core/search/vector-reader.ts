/**
 * Stored vectors read by id, for comparing known items (a course with a skill, a role with a
 * course) without embedding anything. Work that needs vectors first asks for them in one batch
 * per collection (`ensure`), then reads them synchronously in its scoring loops (`get`), so an
 * index outside the process answers in one round trip rather than one per comparison.
 *
 * One reader per index version, shared by every request: a vector is fetched once per version
 * (at most the catalog: 13 MB of course vectors for 8,400 courses at 384 dimensions).
 */
import type { VectorCollection, VectorIndex } from '../ports.js';

export type VectorRequest = Partial<Record<VectorCollection, Iterable<number>>>;

const readers = new WeakMap<VectorIndex, VectorReader>();

export class VectorReader {
  private readonly known = new Map<VectorCollection, Map<number, Float32Array | null>>();

  private constructor(readonly index: VectorIndex) {}

  static of(index: VectorIndex): VectorReader {
    let reader = readers.get(index);
    if (!reader) readers.set(index, (reader = new VectorReader(index)));
    return reader;
  }

  /** Fetches the vectors not read before; afterwards `get` answers for every id asked for. */
  async ensure(wanted: VectorRequest): Promise<this> {
    for (const [collection, ids] of Object.entries(wanted) as [VectorCollection, Iterable<number>][]) {
      let known = this.known.get(collection);
      if (!known) this.known.set(collection, (known = new Map()));
      const missing = [...new Set(ids)].filter((id) => !known.has(id));
      if (missing.length === 0) continue;
      const found = await this.index.vectorsOf(collection, missing);
      missing.forEach((id, i) => known.set(id, found[i] ?? null));
    }
    return this;
  }

  /** The vector of an item asked for before (null when the index has none). */
  get(collection: VectorCollection, id: number): Float32Array | null {
    const vector = this.known.get(collection)?.get(id);
    // Reading an item nobody asked for is a bug in the caller's `ensure`, not a missing vector.
    if (vector === undefined) throw new Error(`the vector of ${collection} ${id} was read before it was fetched`);
    return vector;
  }
}
