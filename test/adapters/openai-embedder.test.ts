/** The OpenAI provider against a local stub server: no network, real HTTP. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAiEmbedder } from '../../src/adapters/embeddings/openai-embedder.js';
import { EmbedderLoader } from '../../src/adapters/embeddings/embedder-loader.js';
import { providerLoader } from '../../src/adapters/embeddings/embedder-loader.js';
import { testConfig } from '../helpers/config.js';
import { memoryLogger } from '../helpers/logger.js';

interface Seen {
  auth: string | undefined;
  body: { model: string; input: string[]; encoding_format: string };
}

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];
let failWith: number | null = null;

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => resolve(data));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as Seen['body'];
    seen.push({ auth: req.headers.authorization, body });
    res.setHeader('content-type', 'application/json');
    if (failWith) {
      res.statusCode = failWith;
      res.end(JSON.stringify({ error: { message: 'upstream trouble', type: 'server_error' } }));
      return;
    }
    // Unnormalised 3-d vectors, returned out of order, to check sorting and normalisation.
    const data = body.input.map((text, index) => ({ object: 'embedding', index, embedding: [text.length, 0, 2] })).reverse();
    res.end(JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const config = (extra: Record<string, string> = {}) =>
  testConfig({
    EMBEDDING_PROVIDER: 'openai',
    EMBEDDING_MODEL: 'text-embedding-3-small',
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: baseUrl,
    OPENAI_MAX_RETRIES: '0',
    ...extra,
  });

describe('OpenAiEmbedder', () => {
  it('sends the model and key, batches, keeps input order and normalises', async () => {
    const c = config();
    const embedder = await OpenAiEmbedder.load(c.embedding, c.openai);
    expect(embedder.modelId).toBe('openai:text-embedding-3-small');
    expect(embedder.dimension).toBe(3);
    seen.length = 0;
    const texts = Array.from({ length: 300 }, (_, i) => 'x'.repeat(i + 1));
    const vectors = await embedder.embed(texts);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({ auth: 'Bearer sk-test', body: { model: 'text-embedding-3-small', encoding_format: 'float' } });
    expect(seen[0]!.body.input).toHaveLength(256);
    expect(vectors).toHaveLength(300);
    const [a, b] = [vectors[0]!, vectors[299]!];
    expect(a[0]! / a[2]!).toBeCloseTo(1 / 2, 5);
    expect(b[0]! / b[2]!).toBeCloseTo(300 / 2, 3);
    for (const v of [a, b]) expect(Math.hypot(...v)).toBeCloseTo(1, 5);
  });

  it('makes an upstream failure a clear unavailable model, not a crash', async () => {
    failWith = 500;
    try {
      const c = config();
      const { logger } = memoryLogger();
      const loader = new EmbedderLoader(c.embedding, logger, providerLoader(c));
      await loader.start();
      expect(loader.health().status).toBe('unavailable');
      expect(loader.health().detail).toMatch(/^text-embedding-3-small: /);
    } finally {
      failWith = null;
    }
  });

  it('is refused at start without an API key', () => {
    expect(() => testConfig({ EMBEDDING_PROVIDER: 'openai' })).toThrow(/OPENAI_API_KEY: required when EMBEDDING_PROVIDER=openai/);
  });
});
