/**
 * The index lifecycle of one process: refresh (embed, link, write a version), serve the newest
 * version for the current model, watch for versions written by another process, and swap the
 * search snapshot when one appears. The container wires it; the CLI and admin routes drive it.
 */
import type { Database } from '../adapters/db/client.js';
import { EmbeddingCache } from '../adapters/db/embedding-cache.js';
import type { EmbedderLoader } from '../adapters/embeddings/embedder-loader.js';
import { modelUnavailable } from '../core/errors.js';
import type { CatalogStore, ComponentHealth, Embedder, IndexStore, IndexVersion } from '../core/ports.js';
import type { SearchState } from '../core/search/search-state.js';
import type { Logger } from '../logger.js';
import { IndexHolder } from './index-holder.js';
import { refreshIndex, type RefreshSummary } from './index-refresh.js';
import type { Progress } from './progress.js';

/** The job kind of an index refresh run in the background (admin route, taken over by replicas). */
export const INDEX_REFRESH_JOB = 'index_refresh';

export interface Indexing {
  /** Embeds, links and writes a new index version when anything changed, then serves it. */
  refresh(progress?: Progress, options?: { force?: boolean }): Promise<RefreshSummary>;
  /** Loads the newest index version for the current model, then keeps watching for newer ones. */
  serve(): Promise<void>;
  health(): ComponentHealth;
  /** Stops watching for new index versions. */
  stop(): void;
  /** The versions kept, newest first. */
  versions(): Promise<IndexVersion[]>;
  /** Where versions are kept, for status lines. */
  readonly location: string;
}

export interface IndexingDeps {
  indexes: IndexStore;
  /** How often to look for a version published by another process. */
  watchMs: number;
  /** This process, as it reports the version it serves. */
  node: string;
  logger: Logger;
  db: Database;
  store: CatalogStore;
  embedder: EmbedderLoader;
  searchState: SearchState;
}

export function createIndexing({ indexes, watchMs, node, logger, db, store, embedder, searchState }: IndexingDeps): Indexing {
  const holder = new IndexHolder(indexes, node);
  let stopWatching: (() => void) | null = null;
  let servingStarted = false;

  const requireEmbedder = async (): Promise<Embedder> => {
    await embedder.start();
    const current = embedder.current();
    if (!current) {
      const detail = embedder.health().detail ?? 'the embedding model is not available';
      throw modelUnavailable(detail);
    }
    return current;
  };

  const serveIndex = async (model: Embedder) => {
    if (stopWatching) return;
    const expected = { model: model.modelId, dimension: model.dimension };
    try {
      const newest = await holder.loadNewest(expected);
      for (const skipped of newest.skipped) logger.warn({ version: skipped.version, reason: skipped.error.message }, 'index version not loaded');
      if (newest.index) {
        await searchState.rebuild(newest.index);
        logger.info({ version: newest.index.version }, 'serving vector index');
      }
    } catch (error) {
      // The store itself failed (the database briefly down at start): keyword search answers
      // meanwhile, and the watcher below picks the newest version up once the store answers.
      logger.warn({ err: error }, 'could not list index versions; watching for them');
    }
    stopWatching = holder.startWatching(
      expected,
      watchMs,
      (next) => {
        void searchState.rebuild(next).then(
          () => logger.info({ version: next.version }, 'swapped to a newer vector index'),
          (error: unknown) => logger.error({ err: error }, 'could not rebuild search after an index swap'),
        );
      },
      (version, error) => logger.warn({ version, reason: error.message }, 'index version not loaded'),
    );
  };

  return {
    location: indexes.location,
    versions: () => indexes.list(),
    async refresh(progress, options) {
      const model = await requireEmbedder();
      const summary = await refreshIndex(
        {
          db,
          embedder: model,
          cache: new EmbeddingCache(db),
          indexes,
          logger,
          dataSources: () => store.dataSources(),
          skillDocuments: async () => [...(await store.searchCorpus()).skills.values()],
          progress,
        },
        options,
      );
      // A server refreshing itself swaps at once instead of waiting for the watcher.
      if (servingStarted && summary.version && summary.version !== holder.current()?.version) {
        await holder.loadNewest({ model: model.modelId, dimension: model.dimension });
        await searchState.rebuild(holder.current());
      } else if (servingStarted && summary.coursesLinked > 0) {
        await searchState.rebuild(holder.current());
      }
      return summary;
    },

    async serve() {
      servingStarted = true;
      await embedder.start();
      // The model may arrive late (a slow download after the load timeout): serve the index then.
      await new Promise<void>((resolve) => {
        if (!embedder.current()) resolve();
        embedder.onReady((model) => {
          void serveIndex(model).then(resolve, (error: unknown) => {
            logger.error({ err: error }, 'could not serve the vector index');
            resolve();
          });
        });
      });
    },

    health() {
      const model = embedder.health();
      if (holder.current() || model.status === 'ready') return holder.health();
      if (model.status === 'disabled') return { status: 'disabled', detail: 'EMBEDDING_PROVIDER=none: search is lexical' };
      if (model.status === 'loading') return { status: 'loading', detail: 'waiting for the embedding model' };
      return { status: 'unavailable', detail: 'needs the embedding model, which is unavailable: search is lexical' };
    },

    stop() {
      stopWatching?.();
    },
  };
}
