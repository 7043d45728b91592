/**
 * Ingest one source: read it into canonical records, then store them incrementally in one
 * transaction. With `strict`, any row-level problem aborts before anything is written.
 * A real taxonomy retires the invented starter catalog in that transaction, so a job title or a
 * course tag resolves to real skills and roles; `ingest starter` brings the starter back.
 */
import { loadCatalogBatch, type LoadSummary } from '../adapters/db/catalog-writer/index.js';
import type { Database } from '../adapters/db/client.js';
import { ingestRejected } from '../core/errors.js';
import { readCourses, type CourseFormat } from '../ingest/course-formats.js';
import { readEsco } from '../ingest/esco-reader.js';
import { readOnet } from '../ingest/onet-reader.js';
import type { CatalogBatch } from '../ingest/records.js';
import { readStarterCatalog, STARTER_SOURCE } from '../ingest/starter-reader.js';
import { starterCatalogDir } from '../paths.js';
import { silentProgress, type Progress } from './progress.js';

export type IngestSpec =
  | { kind: 'esco'; path: string }
  | { kind: 'onet'; path: string }
  | { kind: 'courses'; path: string; format: CourseFormat; source?: string }
  | { kind: 'starter' };

export interface IngestSummary extends Omit<LoadSummary, 'problems'> {
  /** Ingest only stores; vectors are computed by `skillpath index refresh` (or `--refresh`). */
  embedded: number;
  seconds: number;
  problems: LoadSummary['problems'];
}

/** The sources a batch replaces: the starter catalog stands in for a real taxonomy until one is loaded. */
function supersededBy(source: CatalogBatch['source']): string[] {
  return source.kind === 'taxonomy' && source.name !== STARTER_SOURCE ? [STARTER_SOURCE] : [];
}

function read(spec: IngestSpec): Promise<CatalogBatch> {
  switch (spec.kind) {
    case 'esco':
      return readEsco(spec.path);
    case 'onet':
      return readOnet(spec.path);
    case 'courses':
      return readCourses(spec.path, spec.format, spec.source ? { source: spec.source } : {});
    case 'starter':
      return readStarterCatalog(starterCatalogDir);
  }
}

export interface IngestOptions {
  /** Refuse the whole source when any row has a problem. */
  strict?: boolean;
  progress?: Progress;
}

export async function ingest(db: Database, spec: IngestSpec, options: IngestOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const progress = options.progress ?? silentProgress;
  progress.stage(`reading ${spec.kind === 'courses' ? `${spec.format} catalog` : spec.kind}`);
  const batch = await read(spec);
  if (options.strict && batch.problems.length > 0) {
    const shown = batch.problems.slice(0, 10).map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    throw ingestRejected(batch.problems.length, shown);
  }
  progress.stage(`storing ${batch.skills.length} skills, ${batch.roles.length} roles, ${batch.courses.length} courses`);
  const summary = await loadCatalogBatch(db, batch, { supersedes: supersededBy(batch.source) });
  return { ...summary, embedded: 0, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) };
}
