import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmbedderLoader } from '../../src/adapters/embeddings/embedder-loader.js';
import type { Embedder } from '../../src/core/ports.js';
import { testConfig } from '../helpers/config.js';
import { memoryLogger } from '../helpers/logger.js';

const settings = (overrides: Record<string, string> = {}) =>
  testConfig({ EMBEDDING_PROVIDER: 'transformers', MODEL_LOAD_TIMEOUT_MS: '1000', ...overrides }).embedding;

const fakeEmbedder: Embedder = { modelId: 'fake', dimension: 3, embed: async (texts) => texts.map(() => new Float32Array(3)) };

/**
 * Only the load timeout is faked: the late-arrival test still yields to the event loop with a
 * real setImmediate.
 */
const fakeTimeouts = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

/** Starts the load and moves the clock past MODEL_LOAD_TIMEOUT_MS; it is still loading 1 ms before. */
async function startAndWaitOutTimeout(loader: EmbedderLoader): Promise<void> {
  const started = loader.start();
  await vi.advanceTimersByTimeAsync(999);
  expect(loader.health().status).toBe('loading');
  await vi.advanceTimersByTimeAsync(1);
  await started;
}

describe('EmbedderLoader', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports loading, then ready with the model and dimension', async () => {
    const { logger } = memoryLogger();
    const loader = new EmbedderLoader(settings(), logger, async () => fakeEmbedder);
    expect(loader.health().status).toBe('loading');
    await loader.start();
    expect(loader.health()).toEqual({ status: 'ready', detail: 'fake (3 dimensions)' });
    expect(loader.current()).toBe(fakeEmbedder);
  });

  it('turns a load failure into one warning and an unavailable model, without throwing', async () => {
    const { logger, lines } = memoryLogger();
    const loader = new EmbedderLoader(settings(), logger, async () => {
      throw new Error('file was not found locally');
    });
    await expect(loader.start()).resolves.toBeUndefined();
    expect(loader.health().status).toBe('unavailable');
    expect(loader.health().detail).toContain('file was not found locally');
    expect(loader.current()).toBeNull();
    const warnings = lines().filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.msg)).toMatch(/could not be loaded; serving with lexical search only/);
  });

  it('gives up on a load that hangs once the timeout passes', async () => {
    fakeTimeouts();
    const { logger } = memoryLogger();
    const loader = new EmbedderLoader(settings(), logger, () => new Promise<Embedder>(() => {}));
    await startAndWaitOutTimeout(loader);
    expect(loader.health().status).toBe('unavailable');
    expect(loader.health().detail).toMatch(/did not finish within 1000 ms/);
  });

  it('adopts a model that arrives after the timeout and tells whoever waits for it', async () => {
    fakeTimeouts();
    const { logger } = memoryLogger();
    let arrive: (e: Embedder) => void = () => {};
    const loader = new EmbedderLoader(settings(), logger, () => new Promise<Embedder>((resolve) => (arrive = resolve)));
    const seen: string[] = [];
    loader.onReady((e) => seen.push(e.modelId));
    await startAndWaitOutTimeout(loader);
    expect(loader.health().status).toBe('unavailable');
    arrive(fakeEmbedder);
    await new Promise((resolve) => setImmediate(resolve));
    expect(loader.health().status).toBe('ready');
    expect(seen).toEqual(['fake']);
    loader.onReady((e) => seen.push(`${e.modelId} again`));
    expect(seen).toEqual(['fake', 'fake again']);
  });

  it('is disabled, and never loads, when EMBEDDING_PROVIDER=none', async () => {
    const { logger } = memoryLogger();
    let called = false;
    const loader = new EmbedderLoader(testConfig().embedding, logger, async () => {
      called = true;
      return fakeEmbedder;
    });
    await loader.start();
    expect(called).toBe(false);
    expect(loader.health().status).toBe('disabled');
  });
});
