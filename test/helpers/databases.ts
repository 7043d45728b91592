/**
 * The database suites run against an in-memory PGlite always, and against a real PostgreSQL
 * when TEST_DATABASE_URL is set (CI sets it). Each PostgreSQL run gets its own throwaway
 * database, dropped afterwards, so runs never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, openPglite, type DatabaseHandle } from '../../src/adapters/db/client.js';

export interface TestDatabase {
  name: string;
  /** `url` is the throwaway database's address (PostgreSQL only). */
  open(): Promise<DatabaseHandle & { drop(): Promise<void>; url?: string }>;
}

const adminUrl = process.env.TEST_DATABASE_URL;

export const testDatabases: TestDatabase[] = [
  {
    name: 'pglite',
    async open() {
      const handle = await openPglite();
      return { ...handle, drop: () => handle.close() };
    },
  },
  ...(adminUrl
    ? [
        {
          name: 'postgres',
          async open() {
            const dbName = `skillpath_test_${process.pid}_${randomBytes(4).toString('hex')}`;
            const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
            await admin.unsafe(`create database "${dbName}"`);
            const url = new URL(adminUrl);
            url.pathname = `/${dbName}`;
            const handle = await openDatabase({ kind: 'postgres', url: url.toString(), connectTimeoutMs: 5000, statementTimeoutMs: 30_000 });
            return {
              ...handle,
              url: url.toString(),
              drop: async () => {
                await handle.close();
                await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
                await admin.end();
              },
            };
          },
        },
      ]
    : []),
];
