/**
 * Local sentence embeddings with transformers.js: mean pooling and L2 normalisation (the
 * pipeline's defaults return per-token vectors, which is not what a sentence index wants).
 */
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import type { Config } from '../../config.js';
import type { Embedder } from '../../core/ports.js';

/** Texts per forward pass: large enough to amortise overhead, small enough to bound memory. */
const BATCH_SIZE = 64;

export class TransformersEmbedder implements Embedder {
  private constructor(
    private readonly extractor: FeatureExtractionPipeline,
    readonly modelId: string,
    readonly dimension: number,
  ) {}

  /** Loads the model and embeds one text to learn and check its dimension. */
  static async load(settings: Config['embedding']): Promise<TransformersEmbedder> {
    // transformers.js keeps these on a module-global `env`; one embedder per process keeps that safe.
    env.localModelPath = settings.modelDir.endsWith('/') ? settings.modelDir : `${settings.modelDir}/`;
    env.cacheDir = settings.modelDir;
    env.allowRemoteModels = settings.allowRemoteModels;
    env.allowLocalModels = true;
    const extractor = await pipeline('feature-extraction', settings.model, {
      dtype: settings.dtype,
      device: 'cpu',
    });
    const probe = await extractor(['warm up'], { pooling: 'mean', normalize: true });
    const dimension = probe.dims.at(-1);
    if (!dimension) throw new Error(`model ${settings.model} returned no embedding dimension`);
    return new TransformersEmbedder(extractor, settings.model, dimension);
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += BATCH_SIZE) {
      const batch = texts.slice(start, start + BATCH_SIZE);
      const output = await this.extractor(batch, { pooling: 'mean', normalize: true });
      const data = output.data as Float32Array;
      for (let row = 0; row < batch.length; row++) {
        vectors.push(data.slice(row * this.dimension, (row + 1) * this.dimension));
      }
    }
    return vectors;
  }
}
