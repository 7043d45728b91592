/**
 * The opening and closing every course reader shares: one problem list, one collector that
 * applies the duplicate-id rule, and a catalog batch versioned by the caller or by content.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CourseCollector } from './course-collector.js';
import type { CatalogBatch, IngestProblem } from './records.js';

/** First 12 hex chars of sha256 over the bytes, so an unchanged input keeps its version. */
export async function contentVersion(files: string[], root?: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    // Directory inputs hash names too: a renamed or moved file is a different catalog.
    if (root !== undefined) hash.update(`${path.relative(root, file)}\0`);
    hash.update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 12);
}

export class CourseBatchBuilder {
  readonly problems: IngestProblem[] = [];
  readonly collector = new CourseCollector(this.problems);

  constructor(
    /** The catalog source name every record carries. */
    readonly source: string,
    /** The caller's version for the batch; by default a hash of the input. */
    private readonly version: string | undefined,
  ) {}

  /** A row-level problem: the record is skipped or repaired, the load goes on. */
  note(file: string, line: number | null, message: string): void {
    this.problems.push({ file, line, message });
  }

  /** The collected courses and problems; `files` (under `root` for a directory) give the version. */
  async batch(files: string[], root?: string): Promise<CatalogBatch> {
    const version = this.version ?? (await contentVersion(files, root));
    return { source: { name: this.source, kind: 'catalog', version }, skills: [], roles: [], courses: this.collector.courses(), problems: this.problems };
  }
}
