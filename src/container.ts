/**
 * The one wiring path: config → adapters → core services. The server and every CLI command
 * build their world here, so there is no second copy of how things fit together.
 */
import { isCatalogEmpty, loadCatalogBatch } from './adapters/db/catalog-writer.js';
import { DrizzleCatalogStore } from './adapters/db/catalog-store.js';
import { openDatabase, type DatabaseHandle } from './adapters/db/client.js';
import { pendingMigrations } from './adapters/db/migrations.js';
import { EmbedderLoader, type LoadEmbedder } from './adapters/embeddings/embedder-loader.js';
import type { Config } from './config.js';
import { CatalogService } from './core/catalog-service.js';
import { HybridSearch } from './core/search/hybrid-search.js';
import { SearchState } from './core/search/search-state.js';
import { MiniSearchLexicalIndex } from './adapters/search/minisearch-lexical.js';
import { DomainError } from './core/errors.js';
import { HealthService } from './core/health.js';
import { readStarterCatalog } from './ingest/starter-reader.js';
import type { Logger } from './logger.js';
import { starterCatalogDir } from './paths.js';

export interface Services {
  catalog: CatalogService;
  health: HealthService;
  embedder: EmbedderLoader;
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
}

export async function createContainer(config: Config, logger: Logger, options: ContainerOptions = {}): Promise<Container> {
  const database = options.database ?? (await openDatabase(config.database));
  try {
    await prepareDatabase(database, config, logger);
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }

  const embedder = new EmbedderLoader(config.embedding, logger.child({ component: 'embeddings' }), options.loadEmbedder);
  if (options.loadModel) void embedder.start();

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
    // The vector index arrives with the skills-index work; until then search is lexical.
    index: () => ({ status: 'not_built', detail: 'no vector index yet: search is lexical' }),
  });

  const store = new DrizzleCatalogStore(database.db);
  const searchState = new SearchState(
    () => store.searchCorpus(),
    (corpus) => new MiniSearchLexicalIndex(corpus),
  );
  await searchState.rebuild(null);
  const search = new HybridSearch(
    () => searchState.current(),
    () => embedder.current(),
  );

  const services: Services = {
    catalog: new CatalogService(store, search, () => searchState.current()),
    health,
    embedder,
  };

  return {
    services,
    database,
    close: async () => {
      health.markShuttingDown();
      await database.close();
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
    log.info(
      { added: summary.added, byKind: summary.byKind, version: summary.version },
      'empty database: loaded the starter catalog',
    );
  }
}
