/**
 * Opens the database: PostgreSQL through postgres.js when DATABASE_URL is set, otherwise an
 * embedded PGlite under PGLITE_DIR. Both are exposed as the common `PgDatabase` type so every
 * store runs the same code on either driver.
 */
import { mkdir } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Config } from '../../config.js';
import { lockDatabaseDir } from './pglite-lock.js';
import { migrationsDir } from '../../paths.js';
import * as schema from './schema.js';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** postgres-js returns `execute`'s rows as an array; PGlite returns `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: 'postgres' | 'pglite';
  /** Applies pending migrations from `drizzle/`; a no-op when up to date. */
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export async function openDatabase(config: Config['database']): Promise<DatabaseHandle> {
  if (config.kind === 'postgres') {
    // Notices (e.g. "schema already exists, skipping" from the migrator) are not errors; keep them out of logs.
    const client = postgres(config.url, {
      max: 10,
      onnotice: () => {},
      connect_timeout: Math.max(1, Math.ceil(config.connectTimeoutMs / 1000)),
      connection: { statement_timeout: config.statementTimeoutMs },
    });
    const db = drizzlePostgres({ client, schema });
    return {
      db: db as unknown as Database,
      kind: 'postgres',
      migrate: () => migratePostgres(db, { migrationsFolder: migrationsDir }),
      ping: async () => {
        await client`select 1`;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }

  await mkdir(config.dataDir, { recursive: true });
  const release = await lockDatabaseDir(config.dataDir, config.lockStaleMs);
  try {
    const handle = await openPglite(config.dataDir);
    return {
      ...handle,
      close: async () => {
        try {
          await handle.close();
        } finally {
          await release();
        }
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

/** PGlite on disk, or in memory when no directory is given (tests and throwaway runs). */
export async function openPglite(dataDir?: string): Promise<DatabaseHandle> {
  const client = await PGlite.create(dataDir);
  yieldBetweenStatements(client);
  const db = drizzlePglite({ client, schema });
  return {
    db: db as unknown as Database,
    kind: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder: migrationsDir }),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}

/**
 * PGlite runs PostgreSQL as WebAssembly on this thread, and its promises resolve without giving
 * timers or sockets a turn: an index refresh reading and writing thousands of rows in a row
 * starved a serving process for 30 s on the full shared data. One event-loop turn before each
 * protocol exchange bounds such a stall to one statement. (PGlite's worker mode is for browsers.)
 */
function yieldBetweenStatements(client: PGlite): void {
  const exchange = client.execProtocolStream.bind(client);
  client.execProtocolStream = async (...args: Parameters<PGlite['execProtocolStream']>) => {
    await nextTurn();
    return exchange(...args);
  };
}
