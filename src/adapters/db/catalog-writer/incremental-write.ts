/**
 * The skeleton every catalog entity is written with: read what the source stored before,
 * compare content hashes, upsert only new and changed records, retire the ones the source
 * dropped, then rewrite the links of the changed records. Entities supply their SQL.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { stableStringify } from '../../../core/stable-json.js';
import type { SourceInfo } from '../../../ingest/records.js';
import type { courses, roles, skills } from '../schema.js';
import { chunks, ID_CHUNK } from './chunks.js';
import { retire } from './retirement.js';
import type { CatalogTable, Tx } from './write-types.js';

export const contentHashOf = (record: unknown) => createHash('sha256').update(stableStringify(record)).digest('hex');

export interface KindCounts {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
}

interface Existing {
  id: number;
  hash: string | null;
  retired: boolean;
}

/** What the links of changed records are written with. */
export interface LinkContext {
  /** Stored ids by `idKeyOf`: every record of the source, changed or not. */
  ids: Map<string, number>;
  /** Records with a reference that could not be resolved (see forgetHashes). */
  incomplete: Set<number>;
  problem: (message: string) => void;
}

export interface IncrementalWrite<R extends { source: string }> {
  table: CatalogTable;
  /** The column that names a record within its source. */
  keyColumn: typeof skills.uri | typeof roles.code | typeof courses.externalId;
  records: R[];
  keyOf: (record: R) => string;
  /** How `LinkContext.ids` names a record; by default its key alone. */
  idKeyOf?: (source: string, key: string) => string;
  /** Inserts or updates one chunk of new and changed records; returns their ids. */
  upsert: (part: R[], hashes: Map<string, string>) => Promise<{ id: number; key: string; source?: string }[]>;
  /** Deletes the links of one chunk of changed records before they are written again. */
  clearLinks: (ids: number[]) => Promise<void>;
  writeLinks: (changed: R[], links: LinkContext) => Promise<void>;
}

/** Splits records into new, changed and unchanged against what is stored, and finds the removed. */
function diff<R>(records: R[], keyOf: (r: R) => string, existing: Map<string, Existing>) {
  const hashes = new Map<string, string>();
  const changed: R[] = [];
  let added = 0;
  let unchanged = 0;
  const seen = new Set<string>();
  for (const record of records) {
    const key = keyOf(record);
    if (seen.has(key)) continue;
    seen.add(key);
    // The source version is not content: a new release with the same record leaves it unchanged.
    const { sourceVersion: _version, ...content } = record as R & { sourceVersion?: string };
    const hash = contentHashOf(content);
    hashes.set(key, hash);
    const stored = existing.get(key);
    if (!stored) added++;
    else if (stored.hash === hash && !stored.retired) {
      unchanged++;
      continue;
    }
    changed.push(record);
  }
  const removedIds = [...existing.entries()].filter(([key, e]) => !seen.has(key) && !e.retired).map(([, e]) => e.id);
  const counts: KindCounts = { added, updated: changed.length - added, unchanged, removed: removedIds.length };
  return { changed, hashes, removedIds, counts };
}

export async function writeIncrementally<R extends { source: string }>(
  tx: Tx,
  source: SourceInfo,
  problem: (message: string) => void,
  entity: IncrementalWrite<R>,
): Promise<KindCounts> {
  const { table, keyOf } = entity;
  const idKeyOf = entity.idKeyOf ?? ((_source: string, key: string) => key);
  const existingRows = await tx
    .select({ id: table.id, key: entity.keyColumn, hash: table.contentHash, retiredAt: table.retiredAt })
    .from(table)
    .where(eq(table.source, source.name));
  const existing = new Map(existingRows.map((r) => [r.key, { id: r.id, hash: r.hash, retired: r.retiredAt !== null }]));
  const { changed, hashes, removedIds, counts } = diff(entity.records, keyOf, existing);

  const ids = new Map<string, number>(existingRows.map((r) => [idKeyOf(source.name, r.key), r.id]));
  for (const part of chunks(changed)) {
    const rows = await entity.upsert(part, hashes);
    for (const row of rows) ids.set(idKeyOf(row.source ?? source.name, row.key), row.id);
  }
  await retire(tx, table, removedIds);
  // Tables that record the source version (skills, roles) name the new release on every row,
  // unchanged ones included.
  if ('sourceVersion' in table) {
    await tx
      .update(table)
      .set({ sourceVersion: source.version })
      .where(and(eq(table.source, source.name), ne(table.sourceVersion, source.version)));
  }

  const changedIds = changed.map((r) => ids.get(idKeyOf(r.source, keyOf(r)))).filter((id) => id !== undefined);
  for (const part of chunks(changedIds, ID_CHUNK)) await entity.clearLinks(part);

  const incomplete = new Set<number>();
  await entity.writeLinks(changed, { ids, incomplete, problem });
  await forgetHashes(tx, table, incomplete);
  return counts;
}

/**
 * Records stored with a reference that could not be resolved (a skill from a taxonomy not
 * loaded yet) forget their content hash, so the next load writes them again and picks the
 * link up once it resolves, instead of calling them unchanged forever.
 */
async function forgetHashes(tx: Tx, table: CatalogTable, ids: Set<number>): Promise<void> {
  for (const part of chunks([...ids], ID_CHUNK)) {
    await tx.update(table).set({ contentHash: null }).where(inArray(table.id, part));
  }
}
