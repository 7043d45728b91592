/**
 * An in-memory VectorIndex for engine tests: vectors are given by hand (normalised here), and
 * search is exact, so a test states the meanings it needs ("this course is about the role,
 * that one is not") without a model.
 */
import type { VectorCollection, VectorHit, VectorIndex } from '../../src/core/ports.js';

export class FakeVectors implements VectorIndex {
  readonly version = 'test';
  readonly model = 'fake';
  private readonly items: Record<VectorCollection, Map<number, Float32Array>> = { skills: new Map(), roles: new Map(), courses: new Map(), roleLabels: new Map() };

  constructor(readonly dimension: number) {}

  set(collection: VectorCollection, id: number, values: number[]): this {
    const v = Float32Array.from({ length: this.dimension }, (_, i) => values[i] ?? 0);
    const norm = Math.hypot(...v) || 1;
    this.items[collection].set(id, v.map((x) => x / norm));
    return this;
  }

  count(collection: VectorCollection): number {
    return this.items[collection].size;
  }

  async vectorsOf(collection: VectorCollection, ids: readonly number[]): Promise<(Float32Array | null)[]> {
    return ids.map((id) => this.items[collection].get(id) ?? null);
  }

  async search(collection: VectorCollection, vector: Float32Array, k: number, filter?: (id: number) => boolean): Promise<VectorHit[]> {
    return [...this.items[collection]]
      .filter(([id]) => !filter || filter(id))
      .map(([id, v]) => ({ id, score: v.reduce((s, x, i) => s + x * vector[i]!, 0) }))
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, k);
  }
}
