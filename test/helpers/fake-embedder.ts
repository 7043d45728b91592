/**
 * A deterministic stand-in for the embedding model: words are hashed into dimensions, so texts
 * sharing words are close and unrelated texts are not. Enough to test plumbing, caching and
 * fusion without loading ONNX; the real model is tested where it is on disk.
 */
import { createHash } from 'node:crypto';
import type { Embedder } from '../../src/core/ports.js';
import { tokenize } from '../../src/core/text.js';

export class FakeEmbedder implements Embedder {
  readonly dimension = 64;
  calls = 0;
  texts = 0;

  constructor(readonly modelId = 'test/fake-embedder') {}

  async embed(texts: string[]): Promise<Float32Array[]> {
    this.calls++;
    this.texts += texts.length;
    return texts.map((text) => {
      const v = new Float32Array(this.dimension);
      for (const token of tokenize(text)) {
        const h = createHash('md5').update(token.norm).digest();
        v[h[0]! % this.dimension]! += h[1]! % 2 ? 1 : -1;
      }
      const norm = Math.hypot(...v) || 1;
      return v.map((x) => x / norm);
    });
  }
}
