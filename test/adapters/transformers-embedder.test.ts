/** The real ONNX model through transformers.js, when the shared model is on disk. */
import { describe, expect, it } from 'vitest';
import { TransformersEmbedder } from '../../src/adapters/embeddings/transformers-embedder.js';
import { sharedModel, testConfig } from '../helpers/config.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe.skipIf(!sharedModel.present)(`TransformersEmbedder with ${sharedModel.model}`, () => {
  it('returns one unit-length 384-d vector per text, similar texts closer than unrelated ones', async () => {
    const settings = testConfig({
      EMBEDDING_PROVIDER: 'transformers',
      MODEL_DIR: sharedModel.modelDir,
      EMBEDDING_MODEL: sharedModel.model,
      EMBEDDING_DTYPE: 'q8',
      ALLOW_REMOTE_MODELS: 'false',
    }).embedding;
    const embedder = await TransformersEmbedder.load(settings);
    expect(embedder.dimension).toBe(384);
    const texts = ['write SQL queries', 'query relational databases with SQL', 'bake sourdough bread'];
    // More texts than one batch, so batching keeps order and count.
    const many = Array.from({ length: 70 }, (_, i) => texts[i % 3]!);
    const vectors = await embedder.embed(many);
    expect(vectors).toHaveLength(70);
    for (const v of vectors) expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 4);
    const [sqlA, sqlB, bread] = vectors as [Float32Array, Float32Array, Float32Array];
    expect(dot(sqlA, sqlB)).toBeGreaterThan(dot(sqlA, bread));
    expect(vectors[69]).toEqual(vectors[0]);
  });
});
