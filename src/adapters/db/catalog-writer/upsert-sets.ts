import { getTableColumns, sql, type SQL, type Table } from 'drizzle-orm';

/**
 * The part of an upsert's `set` that takes each named column from the row that was proposed
 * (`excluded.<column>`), so an entity lists its columns once instead of spelling each out.
 */
export function fromExcluded<T extends Table, K extends keyof T['_']['columns'] & string>(table: T, keys: readonly K[]): Record<K, SQL> {
  const columns = getTableColumns(table);
  return Object.fromEntries(keys.map((key) => [key, sql.raw(`excluded.${columns[key]!.name}`)])) as Record<K, SQL>;
}
