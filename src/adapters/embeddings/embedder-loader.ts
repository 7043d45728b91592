/**
 * Loads the embedding model in the background so the service starts serving at once. If the
 * model cannot be loaded (offline, missing files, a slow hub) the service keeps running on
 * lexical search: one warning is logged and readiness reports the model as `unavailable`.
 */
import type { Config } from '../../config.js';
import type { ComponentHealth, Embedder } from '../../core/ports.js';
import type { Logger } from '../../logger.js';
import { OpenAiEmbedder } from './openai-embedder.js';
import { TransformersEmbedder } from './transformers-embedder.js';

export type LoadEmbedder = (settings: Config['embedding']) => Promise<Embedder>;

/** The loader for the configured provider: local ONNX through transformers.js, or an OpenAI-compatible API. */
export function providerLoader(config: Pick<Config, 'embedding' | 'openai'>): LoadEmbedder {
  return config.embedding.provider === 'openai'
    ? (settings) => OpenAiEmbedder.load(settings, config.openai)
    : (settings) => TransformersEmbedder.load(settings);
}

export class EmbedderLoader {
  private embedder: Embedder | null = null;
  private state: ComponentHealth;
  private loading: Promise<void> | null = null;
  private readonly readyListeners: ((embedder: Embedder) => void)[] = [];

  constructor(
    private readonly settings: Config['embedding'],
    private readonly logger: Logger,
    private readonly load: LoadEmbedder,
  ) {
    this.state =
      settings.provider === 'none'
        ? { status: 'disabled', detail: 'EMBEDDING_PROVIDER=none: lexical search only' }
        : { status: 'loading', detail: `loading ${settings.model}` };
  }

  /** Starts loading once; resolves when the model is ready or has been given up on. Never rejects. */
  start(): Promise<void> {
    if (this.settings.provider === 'none') return Promise.resolve();
    this.loading ??= this.run();
    return this.loading;
  }

  current(): Embedder | null {
    return this.embedder;
  }

  /** Calls back once the model is ready, at once if it already is (also after a late load). */
  onReady(listener: (embedder: Embedder) => void): void {
    if (this.embedder) listener(this.embedder);
    else this.readyListeners.push(listener);
  }

  health(): ComponentHealth {
    return this.state;
  }

  private async run(): Promise<void> {
    const { loadTimeoutMs } = this.settings;
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const attempt = this.load(this.settings);
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), loadTimeoutMs);
      timer.unref();
    });
    try {
      const result = await Promise.race([attempt, timeout]);
      if (result === 'timeout') {
        this.giveUp(`loading did not finish within ${loadTimeoutMs} ms (MODEL_LOAD_TIMEOUT_MS)`);
        // A late success is still worth having: adopt it quietly when it arrives.
        attempt.then((late) => this.adopt(late, started), () => {});
        return;
      }
      this.adopt(result, started);
    } catch (error) {
      this.giveUp(error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  }

  private adopt(embedder: Embedder, started: number): void {
    this.embedder = embedder;
    for (const listener of this.readyListeners.splice(0)) listener(embedder);
    this.state = { status: 'ready', detail: `${embedder.modelId} (${embedder.dimension} dimensions)` };
    this.logger.info({ model: embedder.modelId, dimension: embedder.dimension, ms: Date.now() - started }, 'embedding model ready');
  }

  private giveUp(reason: string): void {
    const { model, modelDir, allowRemoteModels } = this.settings;
    const hint =
      this.settings.provider === 'openai'
        ? 'check OPENAI_API_KEY, OPENAI_BASE_URL and EMBEDDING_MODEL'
        : allowRemoteModels
          ? `put the model under ${modelDir}/${model} or make the model hub reachable`
          : `put the model under ${modelDir}/${model}, or set ALLOW_REMOTE_MODELS=true where the hub is reachable`;
    this.state = { status: 'unavailable', detail: `${model}: ${reason}` };
    this.logger.warn(
      { model, modelDir, reason },
      `embedding model ${model} could not be loaded; serving with lexical search only (${hint})`,
    );
  }
}
