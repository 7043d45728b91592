import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { dataSources } from '../schema.js';

/**
 * True when nothing has been loaded yet: the first start of a fresh database. Judged by the
 * sources loaded, not by active records, so a database whose only records are a retired
 * starter catalog (superseded by a real taxonomy) is not empty and does not get it back.
 */
export async function isCatalogEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(dataSources);
  return (row?.n ?? 0) === 0;
}
