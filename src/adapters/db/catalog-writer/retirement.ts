import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { chunks, ID_CHUNK } from './chunks.js';
import type { CatalogTable, Tx } from './write-types.js';

export async function retire(tx: Tx, table: CatalogTable, ids: number[]): Promise<void> {
  for (const part of chunks(ids, ID_CHUNK)) {
    await tx
      .update(table)
      .set({ retiredAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(inArray(table.id, part), isNull(table.retiredAt)));
  }
}

/** Retires every active record of one source, the same way as records their source dropped; returns how many. */
export async function retireSource(tx: Tx, table: CatalogTable, source: string): Promise<number> {
  const rows = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.source, source), isNull(table.retiredAt)));
  await retire(tx, table, rows.map((r) => r.id));
  return rows.length;
}
