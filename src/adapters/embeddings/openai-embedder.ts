/**
 * Embeddings from an OpenAI-compatible API (OpenAI, Azure OpenAI, or any server speaking the
 * same protocol at OPENAI_BASE_URL). The client's defaults (10-minute timeout) are replaced by
 * our own so a slow upstream cannot hold a request or a batch job hostage.
 */
import OpenAI from 'openai';
import type { Config } from '../../config.js';
import type { Embedder } from '../../core/ports.js';

/** Inputs per request: well under the API's 2,048 limit, small enough to retry cheaply. */
const BATCH_SIZE = 256;

export class OpenAiEmbedder implements Embedder {
  private constructor(
    private readonly client: OpenAI,
    private readonly model: string,
    readonly modelId: string,
    readonly dimension: number,
  ) {}

  static async load(embedding: Config['embedding'], openai: Config['openai']): Promise<OpenAiEmbedder> {
    if (!openai.apiKey) throw new Error('EMBEDDING_PROVIDER=openai needs OPENAI_API_KEY');
    const client = new OpenAI({
      apiKey: openai.apiKey,
      baseURL: openai.baseUrl,
      timeout: openai.timeoutMs,
      maxRetries: openai.maxRetries,
    });
    // Prefixed so vectors of a hosted model never share cache entries with a local model of the same name.
    const probe = await OpenAiEmbedder.request(client, embedding.model, ['warm up']);
    return new OpenAiEmbedder(client, embedding.model, `openai:${embedding.model}`, probe[0]!.length);
  }

  private static async request(client: OpenAI, model: string, input: string[]): Promise<Float32Array[]> {
    const response = await client.embeddings.create({ model, input, encoding_format: 'float' });
    const ordered = [...response.data].sort((a, b) => a.index - b.index);
    if (ordered.length !== input.length) throw new Error(`expected ${input.length} embeddings, got ${ordered.length}`);
    return ordered.map((d) => normalize(Float32Array.from(d.embedding)));
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += BATCH_SIZE) {
      // The API rejects empty strings; a single space embeds as "nothing" just the same.
      const batch = texts.slice(start, start + BATCH_SIZE).map((t) => (t.trim() === '' ? ' ' : t));
      const result = await OpenAiEmbedder.request(this.client, this.model, batch);
      for (const v of result) {
        if (v.length !== this.dimension) throw new Error(`embedding dimension changed from ${this.dimension} to ${v.length}`);
        vectors.push(v);
      }
    }
    return vectors;
  }
}

/** Unit length, so inner product is cosine like for every other embedder. */
function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum) || 1;
  return v.map((x) => x / norm);
}
