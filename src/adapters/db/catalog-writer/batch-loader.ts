/**
 * Stores a CatalogBatch in one transaction: a failure (or a Ctrl-C) leaves what was stored
 * before untouched. Loading is incremental: each record's content hash is compared with the
 * stored one, so an unchanged record is not written at all, a changed one is updated in place
 * (its id stays stable for the index), and a record its source no longer contains is retired.
 * A batch may also supersede other sources (a real taxonomy supersedes the starter catalog):
 * their active records are retired in the same transaction, and loading them again revives them.
 */
import { sql } from 'drizzle-orm';
import type { CatalogBatch, IngestProblem } from '../../../ingest/records.js';
import type { Database } from '../client.js';
import { courses, dataSources, roles, skills } from '../schema.js';
import { writeCourses } from './course-writer.js';
import type { KindCounts } from './incremental-write.js';
import { retireSource } from './retirement.js';
import { writeRoles } from './role-writer.js';
import { writeSkills } from './skill-writer.js';

export interface LoadSummary extends KindCounts {
  source: string;
  version: string;
  /** Rows the reader or the writer could not use (see problems). */
  failed: number;
  byKind: { skills: KindCounts; roles: KindCounts; courses: KindCounts };
  /** Active records of each superseded source that this load retired (sources with none are left out). */
  superseded: SupersededCounts[];
  problems: IngestProblem[];
}

export interface SupersededCounts {
  source: string;
  skills: number;
  roles: number;
  courses: number;
}

export interface LoadOptions {
  /** Sources whose active records this batch replaces: they are retired (kept, no longer searched). */
  supersedes?: readonly string[];
}

export async function loadCatalogBatch(db: Database, batch: CatalogBatch, options: LoadOptions = {}): Promise<LoadSummary> {
  const problems: IngestProblem[] = [...batch.problems];
  const origin = `${batch.source.name} ${batch.source.version}`;
  const problem = (message: string) => problems.push({ file: origin, line: null, message });
  let byKind: LoadSummary['byKind'] | undefined;
  const superseded: SupersededCounts[] = [];

  await db.transaction(async (tx) => {
    const skillCounts = await writeSkills(tx, batch, problem);
    const roleCounts = await writeRoles(tx, batch, problem);
    const courseCounts = await writeCourses(tx, batch, problem);
    byKind = { skills: skillCounts, roles: roleCounts, courses: courseCounts };

    for (const source of options.supersedes ?? []) {
      if (source === batch.source.name) continue;
      const counts = {
        source,
        skills: await retireSource(tx, skills, source),
        roles: await retireSource(tx, roles, source),
        courses: await retireSource(tx, courses, source),
      };
      if (counts.skills + counts.roles + counts.courses > 0) superseded.push(counts);
    }

    const counts = {
      skills: batch.skills.length,
      roles: batch.roles.length,
      courses: batch.courses.length,
      problems: problems.length,
    };
    await tx
      .insert(dataSources)
      .values({ name: batch.source.name, kind: batch.source.kind, version: batch.source.version, counts })
      .onConflictDoUpdate({
        target: [dataSources.name, dataSources.kind],
        set: { version: batch.source.version, counts, loadedAt: sql`now()` },
      });
  });

  const kinds = byKind!;
  const total = (field: keyof KindCounts) => kinds.skills[field] + kinds.roles[field] + kinds.courses[field];
  return {
    source: batch.source.name,
    version: batch.source.version,
    added: total('added'),
    updated: total('updated'),
    unchanged: total('unchanged'),
    removed: total('removed'),
    failed: problems.length,
    byKind: kinds,
    superseded,
    problems,
  };
}
