/**
 * Makes an opened database ready to serve: pending migrations applied (or a clear refusal when
 * AUTO_MIGRATE is off), and the starter catalog loaded into an empty database so a fresh
 * install answers something before any real data is ingested.
 */
import { databaseNotMigrated } from '../../core/errors.js';
import { readStarterCatalog } from '../../ingest/starter-reader.js';
import type { Logger } from '../../logger.js';
import { starterCatalogDir } from '../../paths.js';
import { isCatalogEmpty, loadCatalogBatch } from './catalog-writer/index.js';
import type { DatabaseHandle } from './client.js';
import { pendingMigrations } from './migrations.js';

export interface PrepareOptions {
  autoMigrate: boolean;
  loadStarterCatalog: boolean;
}

export async function prepareDatabase(database: DatabaseHandle, options: PrepareOptions, logger: Logger): Promise<void> {
  const log = logger.child({ component: 'database' });
  const pending = await pendingMigrations(database.db);
  if (pending > 0) {
    if (!options.autoMigrate) {
      throw databaseNotMigrated(pending);
    }
    log.info({ pending, kind: database.kind }, 'applying database migrations');
    await database.migrate();
  }

  if (options.loadStarterCatalog && (await isCatalogEmpty(database.db))) {
    const batch = await readStarterCatalog(starterCatalogDir);
    const summary = await loadCatalogBatch(database.db, batch);
    for (const problem of summary.problems) log.warn({ problem }, 'starter catalog problem');
    log.info({ added: summary.added, byKind: summary.byKind, version: summary.version }, 'empty database: loaded the starter catalog');
  }
}
