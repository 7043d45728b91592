/**
 * The one wiring path: config → adapters → core services. The server and every CLI command
 * build their world here, so there is no second copy of how things fit together.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DrizzleApiKeyStore } from './adapters/db/api-key-store.js';
import { isCatalogEmpty, loadCatalogBatch } from './adapters/db/catalog-writer.js';
import { DrizzleCatalogStore } from './adapters/db/catalog-store.js';
import { loadCatalogGraph } from './adapters/db/graph-source.js';
import { openDatabase, type Database, type DatabaseHandle } from './adapters/db/client.js';
import { EmbeddingCache } from './adapters/db/embedding-cache.js';
import { DrizzleJobStore } from './adapters/db/job-store.js';
import { pendingMigrations } from './adapters/db/migrations.js';
import { EmbedderLoader, providerLoader, type LoadEmbedder } from './adapters/embeddings/embedder-loader.js';
import { closeBuilderPool } from './adapters/index/hnsw-builder.js';
import { createOptimiserPool } from './adapters/workers/optimiser-pool.js';
import { IndexHolder } from './adapters/index/index-holder.js';
import { MiniSearchLexicalIndex } from './adapters/search/minisearch-lexical.js';
import type { Config } from './config.js';
import { ApiKeyService } from './core/api-keys.js';
import { CatalogService } from './core/catalog-service.js';
import { DomainError, unavailable } from './core/errors.js';
import { HealthService } from './core/health.js';
import type { ComponentHealth, Embedder } from './core/ports.js';
import { HybridSearch } from './core/search/hybrid-search.js';
import { emptyCorpus, type SearchSnapshot } from './core/search/corpus.js';
import { SearchState } from './core/search/search-state.js';
import { SkillExtractor } from './core/search/skill-extractor.js';
import { readBadgeForEngine } from './ingest/ctdl/open-badges.js';
import { readStarterCatalog } from './ingest/starter-reader.js';
import { DrizzleRecommendationStore } from './adapters/db/recommendation-store.js';
import type { OptimiseInput } from './core/path-optimiser.js';
import { RecommendationService } from './core/recommend/recommendation-service.js';
import { GapReportService, type RecommendationStore } from './core/recommend/reports.js';
import { refreshIndex, type RefreshSummary } from './jobs/index-refresh.js';
import { JobRunner } from './jobs/job-runner.js';
import type { Progress } from './jobs/progress.js';
import type { Logger } from './logger.js';
import { starterCatalogDir } from './paths.js';

/** How often a running server looks for an index version written by another process. */
const INDEX_WATCH_INTERVAL_MS = 5000;

export interface Services {
  apiKeys: ApiKeyService;
  catalog: CatalogService;
  recommendations: RecommendationService;
  gapReports: GapReportService;
  recommendationStore: RecommendationStore;
  health: HealthService;
  embedder: EmbedderLoader;
  indexing: Indexing;
  jobs: JobRunner;
  /** The catalog snapshot answering now (read-only; benchmarks and batch tools sample from it). */
  snapshot: () => SearchSnapshot;
}

export interface Indexing {
  /** Embeds, links and writes a new index version when anything changed, then serves it. */
  refresh(progress?: Progress, options?: { force?: boolean }): Promise<RefreshSummary>;
  /** Loads the newest index version for the current model, then keeps watching for newer ones. */
  serve(): Promise<void>;
  health(): ComponentHealth;
  /** Stops watching for new index versions. */
  stop(): void;
  readonly indexDir: string;
}

export interface Container {
  services: Services;
  database: DatabaseHandle;
  close(): Promise<void>;
}

export interface ContainerOptions {
  /** Open this database instead of the configured one (tests pass an in-memory PGlite). */
  database?: DatabaseHandle;
  /** Start loading the embedding model in the background (the server does; most CLI commands need not). */
  loadModel?: boolean;
  /** Replace the model loader (tests use it to simulate a missing model without touching disk). */
  loadEmbedder?: LoadEmbedder;
  /** Build the in-memory search snapshot now (the server and search commands do; batch jobs need not). */
  search?: boolean;
}

export async function createContainer(config: Config, logger: Logger, options: ContainerOptions = {}): Promise<Container> {
  const database = options.database ?? (await openDatabase(config.database));
  try {
    await prepareDatabase(database, config, logger);
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }

  const embedder = new EmbedderLoader(
    config.embedding,
    logger.child({ component: 'embeddings' }),
    options.loadEmbedder ?? providerLoader(config),
  );
  if (options.loadModel) void embedder.start();

  const store = new DrizzleCatalogStore(database.db);
  const searchState = new SearchState(
    // One repeatable-read transaction, so an ingest committing meanwhile cannot split the two.
    () =>
      database.db.transaction(
        async (tx) => {
          const db = tx as unknown as Database;
          return { corpus: await new DrizzleCatalogStore(db).searchCorpus(), graph: await loadCatalogGraph(db) };
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      ),
    (corpus) => MiniSearchLexicalIndex.build(corpus),
    new MiniSearchLexicalIndex(emptyCorpus()),
  );
  if (options.search !== false) await searchState.rebuild(null);
  const currentSnapshot = () => searchState.current();
  const search = new HybridSearch(currentSnapshot, () => embedder.current());

  const indexing = createIndexing(config, logger.child({ component: 'index' }), database, store, embedder, searchState);
  const health = new HealthService({
    database: async () => {
      try {
        await database.ping();
        return { status: 'ready', detail: database.kind };
      } catch {
        return { status: 'down', detail: `${database.kind} did not answer` };
      }
    },
    model: () => embedder.health(),
    index: () => indexing.health(),
  });

  const jobs = new JobRunner(new DrizzleJobStore(database.db), logger.child({ component: 'jobs' }), `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`);

  const extractor = new SkillExtractor(currentSnapshot, () => embedder.current());
  const optimiser = config.optimiserThreads > 0 ? createOptimiserPool(config.optimiserThreads) : null;
  const recommendations = new RecommendationService({
    snapshot: currentSnapshot,
    search,
    extractor,
    readBadge: readBadgeForEngine,
    modelId: () => embedder.current()?.modelId ?? null,
    optimiserDeadlineMs: config.optimiserDeadlineMs,
    optimiserWorkLimit: config.optimiserWorkLimit,
    ...(optimiser ? { optimise: (input: OptimiseInput) => optimiser.optimise(input) } : {}),
    defaultLanguages: config.defaultLanguages,
  });
  const recommendationStore = new DrizzleRecommendationStore(database.db, (error) =>
    logger.warn({ reason: error instanceof Error ? error.message.slice(0, 200) : String(error) }, 'could not write the recommendation log'),
  );

  const services: Services = {
    apiKeys: new ApiKeyService(new DrizzleApiKeyStore(database.db)),
    catalog: new CatalogService(store, search, currentSnapshot, extractor),
    recommendations,
    gapReports: new GapReportService(recommendations, recommendationStore),
    recommendationStore,
    health,
    embedder,
    indexing,
    jobs,
    snapshot: currentSnapshot,
  };

  return {
    services,
    database,
    close: async () => {
      health.markShuttingDown();
      indexing.stop();
      await jobs.drain();
      await closeBuilderPool();
      await optimiser?.close();
      await recommendationStore.flush();
      await database.close();
    },
  };
}

function createIndexing(
  config: Config,
  logger: Logger,
  database: DatabaseHandle,
  store: DrizzleCatalogStore,
  embedder: EmbedderLoader,
  searchState: SearchState,
): Indexing {
  const holder = new IndexHolder();
  let stopWatching: (() => void) | null = null;
  let servingStarted = false;

  const requireEmbedder = async (): Promise<Embedder> => {
    await embedder.start();
    const current = embedder.current();
    if (!current) {
      const detail = embedder.health().detail ?? 'the embedding model is not available';
      throw unavailable('model_unavailable', `The index needs the embedding model: ${detail}`);
    }
    return current;
  };

  const serveIndex = async (model: Embedder) => {
    if (stopWatching) return;
    const expected = { model: model.modelId, dimension: model.dimension };
    const newest = await holder.loadNewest(config.indexDir, expected);
    for (const skipped of newest.skipped) logger.warn({ version: skipped.version, reason: skipped.error.message }, 'index version not loaded');
    if (newest.index) {
      await searchState.rebuild(newest.index);
      logger.info({ version: newest.index.version }, 'serving vector index');
    }
    stopWatching = holder.startWatching(
      config.indexDir,
      expected,
      INDEX_WATCH_INTERVAL_MS,
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
    indexDir: config.indexDir,
    async refresh(progress, options) {
      const model = await requireEmbedder();
      const summary = await refreshIndex(
        {
          db: database.db,
          embedder: model,
          cache: new EmbeddingCache(database.db),
          indexDir: config.indexDir,
          logger,
          dataSources: () => store.dataSources(),
          skillDocuments: async () => [...(await store.searchCorpus()).skills.values()],
          progress,
        },
        options,
      );
      // A server refreshing itself swaps at once instead of waiting for the watcher.
      if (servingStarted && summary.version && summary.version !== holder.current()?.version) {
        await holder.loadNewest(config.indexDir, { model: model.modelId, dimension: model.dimension });
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

async function prepareDatabase(database: DatabaseHandle, config: Config, logger: Logger): Promise<void> {
  const log = logger.child({ component: 'database' });
  const pending = await pendingMigrations(database.db);
  if (pending > 0) {
    if (!config.autoMigrate) {
      throw new DomainError(
        'unavailable',
        'database_not_migrated',
        `The database has ${pending} pending migration(s). Run \`skillpath migrate\` (or set AUTO_MIGRATE=true).`,
      );
    }
    log.info({ pending, kind: database.kind }, 'applying database migrations');
    await database.migrate();
  }

  if (config.loadStarterCatalog && (await isCatalogEmpty(database.db))) {
    const batch = await readStarterCatalog(starterCatalogDir);
    const summary = await loadCatalogBatch(database.db, batch);
    for (const problem of summary.problems) log.warn({ problem }, 'starter catalog problem');
    log.info({ added: summary.added, byKind: summary.byKind, version: summary.version }, 'empty database: loaded the starter catalog');
  }
}
