/**
 * The one wiring path: config → adapters → core services. The server and every CLI command
 * build their world here, so there is no second copy of how things fit together.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DrizzleApiKeyStore } from './adapters/db/api-key-store.js';
import { catalogCounts } from './adapters/db/catalog-counts.js';
import { DrizzleCatalogStore } from './adapters/db/catalog-store.js';
import { openDatabase, type Database, type DatabaseHandle } from './adapters/db/client.js';
import { loadCatalogGraph } from './adapters/db/graph-source.js';
import { DrizzleJobStore } from './adapters/db/job-store.js';
import { prepareDatabase } from './adapters/db/prepare-database.js';
import { DrizzleRecommendationStore } from './adapters/db/recommendation-store.js';
import { EmbedderLoader, providerLoader, type LoadEmbedder } from './adapters/embeddings/embedder-loader.js';
import { closeBuilderPool } from './adapters/index/hnsw-builder.js';
import { DatabaseIndexStore } from './adapters/index/database-index-store.js';
import { HnswIndexStore } from './adapters/index/hnsw-index-store.js';
import { MiniSearchLexicalIndex } from './adapters/search/minisearch-lexical.js';
import { createOptimiserPool } from './adapters/workers/optimiser-pool.js';
import type { Config } from './config.js';
import { ApiKeyService } from './core/api-keys.js';
import { CatalogService } from './core/catalog-service.js';
import { HealthService } from './core/health.js';
import type { OptimiseInput } from './core/path/index.js';
import { RecommendationService } from './core/recommend/recommendation-service.js';
import { GapReportService } from './core/recommend/reports.js';
import { emptyCorpus } from './core/catalog.js';
import { HybridSearch } from './core/search/hybrid-search.js';
import { SearchState } from './core/search/search-state.js';
import { SkillExtractor } from './core/search/skill-extractor.js';
import { readBadgeForEngine } from './ingest/ctdl/open-badges.js';
import { createIndexing, INDEX_REFRESH_JOB } from './jobs/indexing.js';
import { ingest } from './jobs/ingest.js';
import { JobRunner } from './jobs/job-runner.js';
import type { Logger } from './logger.js';
import type { Services } from './services.js';

export type { Services } from './services.js';

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
  // This process among the replicas: the owner of the jobs it runs, the reader of the index it serves.
  const node = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
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

  const indexing = createIndexing({
    indexes: config.indexStore === 'database' ? new DatabaseIndexStore(database.db, config.indexDir) : new HnswIndexStore(config.indexDir),
    watchMs: config.indexWatchMs,
    node,
    logger: logger.child({ component: 'index' }),
    db: database.db,
    store,
    embedder,
    searchState,
  });
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

  const jobs = new JobRunner(new DrizzleJobStore(database.db), logger.child({ component: 'jobs' }), node, {
    leaseMs: config.jobLeaseMs,
    heartbeatMs: Math.max(50, Math.floor(config.jobLeaseMs / 6)),
  });
  jobs.handle(INDEX_REFRESH_JOB, (params, progress) => indexing.refresh(progress, { force: params.force === true }));

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
    ingestion: {
      ingest: (spec, ingestOptions) => ingest(database.db, spec, ingestOptions),
      counts: () => catalogCounts(database.db),
      databaseKind: database.kind,
    },
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
