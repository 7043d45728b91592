/**
 * Embeds texts through the cache: looks every text up by (model, hash), embeds only the
 * misses in batches, stores them, and reports progress as it goes.
 */
import type { Embedder } from '../../core/ports.js';
import { textHash, type EmbeddingCache } from '../db/embedding-cache.js';

/** Texts per embed-and-store round: progress moves and a crash loses at most this much work. */
const ROUND = 256;

export interface CachedEmbeddingResult {
  vectors: Float32Array[];
  /** How many texts had to be embedded (cache misses). */
  embedded: number;
}

export async function embedWithCache(
  embedder: Embedder,
  cache: EmbeddingCache,
  texts: string[],
  onProgress?: (done: number, total: number) => void,
): Promise<CachedEmbeddingResult> {
  const hashes = texts.map(textHash);
  const known = await cache.get(embedder.modelId, hashes);
  const missing: number[] = [];
  const queued = new Set<string>();
  hashes.forEach((hash, i) => {
    if (!known.has(hash) && !queued.has(hash)) {
      queued.add(hash);
      missing.push(i);
    }
  });
  onProgress?.(0, missing.length);
  for (let start = 0; start < missing.length; start += ROUND) {
    const round = missing.slice(start, start + ROUND);
    const vectors = await embedder.embed(round.map((i) => texts[i]!));
    const entries = round.map((i, j) => ({ hash: hashes[i]!, vector: vectors[j]! }));
    await cache.put(embedder.modelId, entries);
    for (const entry of entries) known.set(entry.hash, entry.vector);
    onProgress?.(Math.min(start + ROUND, missing.length), missing.length);
  }
  return { vectors: hashes.map((hash) => known.get(hash)!), embedded: missing.length };
}
