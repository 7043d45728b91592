import { and, eq, inArray, sql } from 'drizzle-orm';
import { COURSE_OFFERING_FIELDS, courseOfferingOf } from '../../../core/course-offering.js';
import type { CatalogBatch, CourseRecord } from '../../../ingest/records.js';
import { coursePrerequisites, courseSkillTags, courseSkills, courseStacks, courses } from '../schema.js';
import { chunks } from './chunks.js';
import { writeIncrementally, type KindCounts, type LinkContext } from './incremental-write.js';
import { skillLinkRows } from './skill-links.js';
import { sourceLinks } from './source-links.js';
import { fromExcluded } from './upsert-sets.js';
import type { Tx } from './write-types.js';

const nameOf = (c: CourseRecord) => `course ${c.externalId}`;
const keyOf = (c: CourseRecord) => c.externalId;

export async function writeCourses(tx: Tx, batch: CatalogBatch, problem: (m: string) => void): Promise<KindCounts> {
  return writeIncrementally(tx, batch.source, problem, {
    table: courses,
    keyColumn: courses.externalId,
    records: batch.courses,
    keyOf,
    upsert: async (part, hashes) =>
      tx
        .insert(courses)
        .values(
          part.map((c: CourseRecord) => ({
            source: c.source,
            externalId: c.externalId,
            ...courseOfferingOf(c),
            attributes: c.attributes ?? {},
            contentHash: hashes.get(c.externalId),
            linkHash: null,
            retiredAt: null,
          })),
        )
        .onConflictDoUpdate({
          target: [courses.source, courses.externalId],
          set: {
            ...fromExcluded(courses, [...COURSE_OFFERING_FIELDS, 'attributes', 'contentHash']),
            // A changed course is linked again by the next index refresh.
            linkHash: sql`null`,
            retiredAt: sql`null`,
            updatedAt: sql`now()`,
          },
        })
        .returning({ id: courses.id, key: courses.externalId }),
    clearLinks: async (part) => {
      await tx.delete(courseSkills).where(and(inArray(courseSkills.courseId, part), eq(courseSkills.source, batch.source.name)));
      await tx.delete(courseSkillTags).where(inArray(courseSkillTags.courseId, part));
      await tx.delete(coursePrerequisites).where(inArray(coursePrerequisites.courseId, part));
      await tx.delete(courseStacks).where(inArray(courseStacks.courseId, part));
    },
    writeLinks: async (changed, links) => {
      await writeSkillLinks(tx, batch, changed, links);
      for (const part of chunks(tagRows(changed, links))) await tx.insert(courseSkillTags).values(part).onConflictDoNothing();
      const edges = (targets: (c: CourseRecord) => string[], what: string) =>
        sourceLinks(changed, links, { nameOf, keyOf, targets, targetKeyOf: (id) => id, what });
      for (const part of chunks(edges((c) => c.prerequisites, 'prerequisite'))) {
        await tx
          .insert(coursePrerequisites)
          .values(part.map(({ from, to }) => ({ courseId: from, prerequisiteId: to })))
          .onConflictDoNothing();
      }
      for (const part of chunks(edges((c) => c.stacksInto, 'stacked credential'))) {
        await tx
          .insert(courseStacks)
          .values(part.map(({ from, to }) => ({ courseId: from, stacksIntoId: to })))
          .onConflictDoNothing();
      }
    },
  });
}

async function writeSkillLinks(tx: Tx, batch: CatalogBatch, changed: CourseRecord[], links: LinkContext): Promise<void> {
  const linkRows = await skillLinkRows(tx, changed, links, {
    nameOf,
    keyOf,
    links: (c) => c.skills,
    skillOf: (link) => link.skill,
    row: (courseId, skillId, link) => ({
      courseId,
      skillId,
      confidence: link.confidence,
      evidenceKind: link.evidence.kind,
      evidenceSpan: link.evidence.span,
      source: batch.source.name,
    }),
  });
  for (const part of chunks(linkRows)) {
    await tx
      .insert(courseSkills)
      .values(part)
      .onConflictDoUpdate({
        target: [courseSkills.courseId, courseSkills.skillId],
        set: fromExcluded(courseSkills, ['confidence', 'evidenceKind', 'evidenceSpan', 'source']),
      });
  }
}

/** Skill names still to be linked through the index, one per course and trimmed label. */
function tagRows(changed: CourseRecord[], { ids }: LinkContext) {
  return changed.flatMap((c) => {
    const courseId = ids.get(c.externalId);
    if (courseId === undefined) return [];
    const seen = new Set<string>();
    return (c.skillTags ?? []).flatMap((tag) => {
      const label = tag.label.trim();
      if (!label || seen.has(label)) return [];
      seen.add(label);
      return [{ courseId, label, kind: tag.kind }];
    });
  });
}
