/**
 * Every vector ever computed, keyed by (model id, sha256 of the exact text), so re-ingesting
 * or re-indexing unchanged content embeds nothing.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from './client.js';
import { embeddingCache } from './schema.js';

const LOOKUP_CHUNK = 2000;
const INSERT_CHUNK = 500;

export const textHash = (text: string) => createHash('sha256').update(text).digest('hex');

export const vectorToBytes = (vector: Float32Array) => Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);

/** Copies, because a Buffer slice may not be 4-byte aligned for a Float32Array view. */
export const bytesToVector = (bytes: Buffer) => {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return new Float32Array(copy);
};

export class EmbeddingCache {
  constructor(private readonly db: Database) {}

  async get(model: string, hashes: string[]): Promise<Map<string, Float32Array>> {
    const found = new Map<string, Float32Array>();
    const unique = [...new Set(hashes)];
    for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) {
      const rows = await this.db
        .select({ hash: embeddingCache.contentHash, vector: embeddingCache.vector })
        .from(embeddingCache)
        .where(and(eq(embeddingCache.model, model), inArray(embeddingCache.contentHash, unique.slice(i, i + LOOKUP_CHUNK))));
      for (const row of rows) found.set(row.hash, bytesToVector(row.vector));
    }
    return found;
  }

  async put(model: string, entries: { hash: string; vector: Float32Array }[]): Promise<void> {
    for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
      await this.db
        .insert(embeddingCache)
        .values(
          entries.slice(i, i + INSERT_CHUNK).map((e) => ({
            model,
            contentHash: e.hash,
            dimension: e.vector.length,
            vector: vectorToBytes(e.vector),
          })),
        )
        .onConflictDoNothing();
    }
  }
}
