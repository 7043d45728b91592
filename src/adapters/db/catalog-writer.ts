/**
 * Stores a CatalogBatch in one transaction: a failure leaves what was stored before untouched.
 * Records are upserted by their external identity, so loading the same batch twice changes
 * nothing and loading a newer version updates in place (ids stay stable for the index).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { CatalogBatch, IngestProblem, SkillKey } from '../../ingest/records.js';
import type { Database } from './client.js';
import {
  coursePrerequisites,
  courseSkills,
  courseStacks,
  courses,
  dataSources,
  roleSkills,
  roles,
  skillRelations,
  skills,
} from './schema.js';

/** Rows per INSERT: well under PostgreSQL's 65,535 bind-parameter limit for our widest table. */
const CHUNK = 500;

function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

const skillKey = (k: SkillKey) => `${k.source}\u0000${k.uri}`;

export interface LoadSummary {
  source: string;
  version: string;
  skills: number;
  roles: number;
  courses: number;
  roleRequirements: number;
  courseSkillLinks: number;
  problems: IngestProblem[];
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

async function skillIdsFor(tx: Tx, keys: SkillKey[], known: Map<string, number>): Promise<Map<string, number>> {
  const missing = new Map<string, string[]>();
  for (const key of keys) {
    if (known.has(skillKey(key))) continue;
    const list = missing.get(key.source) ?? [];
    list.push(key.uri);
    missing.set(key.source, list);
  }
  for (const [source, uris] of missing) {
    for (const part of chunks([...new Set(uris)], 5000)) {
      const rows = await tx
        .select({ id: skills.id, uri: skills.uri })
        .from(skills)
        .where(and(eq(skills.source, source), inArray(skills.uri, part)));
      for (const row of rows) known.set(skillKey({ source, uri: row.uri }), row.id);
    }
  }
  return known;
}

export async function loadCatalogBatch(db: Database, batch: CatalogBatch): Promise<LoadSummary> {
  const problems: IngestProblem[] = [...batch.problems];
  const origin = `${batch.source.name} ${batch.source.version}`;
  let roleRequirements = 0;
  let courseSkillLinks = 0;

  await db.transaction(async (tx) => {
    // Skills, then the hierarchy among them.
    const skillIds = new Map<string, number>();
    for (const part of chunks(batch.skills)) {
      const rows = await tx
        .insert(skills)
        .values(
          part.map((s) => ({
            source: s.source,
            sourceVersion: s.sourceVersion,
            uri: s.uri,
            label: s.label,
            altLabels: s.altLabels,
            description: s.description,
            skillType: s.type,
            skillGroup: s.group,
          })),
        )
        .onConflictDoUpdate({
          target: [skills.source, skills.uri],
          set: {
            sourceVersion: sql`excluded.source_version`,
            label: sql`excluded.label`,
            altLabels: sql`excluded.alt_labels`,
            description: sql`excluded.description`,
            skillType: sql`excluded.skill_type`,
            skillGroup: sql`excluded.skill_group`,
            updatedAt: sql`now()`,
          },
        })
        .returning({ id: skills.id, source: skills.source, uri: skills.uri });
      for (const row of rows) skillIds.set(skillKey(row), row.id);
    }

    const broaderKeys = batch.skills.flatMap((s) => s.broader.map((uri) => ({ source: s.source, uri })));
    await skillIdsFor(tx, broaderKeys, skillIds);
    const relationRows = batch.skills.flatMap((s) =>
      s.broader.flatMap((uri) => {
        const from = skillIds.get(skillKey(s));
        const to = skillIds.get(skillKey({ source: s.source, uri }));
        if (from === undefined || to === undefined) {
          problems.push({ file: origin, line: null, message: `skill ${s.uri}: broader skill '${uri}' not found` });
          return [];
        }
        return [{ fromSkillId: from, toSkillId: to, relation: 'broader' as const, source: s.source }];
      }),
    );
    const batchSkillIds = batch.skills.map((s) => skillIds.get(skillKey(s))).filter((id) => id !== undefined);
    for (const part of chunks(batchSkillIds, 5000)) {
      await tx
        .delete(skillRelations)
        .where(
          and(
            inArray(skillRelations.fromSkillId, part),
            eq(skillRelations.relation, 'broader'),
            eq(skillRelations.source, batch.source.name),
          ),
        );
    }
    for (const part of chunks(relationRows)) await tx.insert(skillRelations).values(part).onConflictDoNothing();

    // Roles and what they require.
    const roleIds = new Map<string, number>();
    for (const part of chunks(batch.roles)) {
      const rows = await tx
        .insert(roles)
        .values(
          part.map((r) => ({
            source: r.source,
            sourceVersion: r.sourceVersion,
            code: r.code,
            title: r.title,
            altTitles: r.altTitles,
            description: r.description,
          })),
        )
        .onConflictDoUpdate({
          target: [roles.source, roles.code],
          set: {
            sourceVersion: sql`excluded.source_version`,
            title: sql`excluded.title`,
            altTitles: sql`excluded.alt_titles`,
            description: sql`excluded.description`,
            updatedAt: sql`now()`,
          },
        })
        .returning({ id: roles.id, code: roles.code });
      for (const row of rows) roleIds.set(row.code, row.id);
    }
    await skillIdsFor(
      tx,
      batch.roles.flatMap((r) => r.requirements.map((req) => req.skill)),
      skillIds,
    );
    const requirementRows = batch.roles.flatMap((r) => {
      const roleId = roleIds.get(r.code);
      if (roleId === undefined) return [];
      const seen = new Set<number>();
      return r.requirements.flatMap((req) => {
        const skillId = skillIds.get(skillKey(req.skill));
        if (skillId === undefined) {
          problems.push({ file: origin, line: null, message: `role ${r.code}: skill '${req.skill.uri}' not found` });
          return [];
        }
        if (seen.has(skillId)) return [];
        seen.add(skillId);
        return [{ roleId, skillId, kind: req.kind, importance: req.importance, source: batch.source.name }];
      });
    });
    for (const part of chunks([...roleIds.values()], 5000)) {
      await tx.delete(roleSkills).where(and(inArray(roleSkills.roleId, part), eq(roleSkills.source, batch.source.name)));
    }
    for (const part of chunks(requirementRows)) {
      await tx
        .insert(roleSkills)
        .values(part)
        .onConflictDoUpdate({
          target: [roleSkills.roleId, roleSkills.skillId],
          set: { kind: sql`excluded.kind`, importance: sql`excluded.importance`, source: sql`excluded.source` },
        });
    }
    roleRequirements = requirementRows.length;

    // Courses, their skills, prerequisites and stacking.
    const courseIds = new Map<string, number>();
    for (const part of chunks(batch.courses)) {
      const rows = await tx
        .insert(courses)
        .values(
          part.map((c) => ({
            source: c.source,
            externalId: c.externalId,
            provider: c.provider,
            title: c.title,
            description: c.description,
            url: c.url,
            hours: c.hours,
            cost: c.cost,
            currency: c.currency,
            level: c.level,
            language: c.language,
            format: c.format,
            credentialType: c.credentialType,
            issuer: c.issuer,
          })),
        )
        .onConflictDoUpdate({
          target: [courses.source, courses.externalId],
          set: {
            provider: sql`excluded.provider`,
            title: sql`excluded.title`,
            description: sql`excluded.description`,
            url: sql`excluded.url`,
            hours: sql`excluded.hours`,
            cost: sql`excluded.cost`,
            currency: sql`excluded.currency`,
            level: sql`excluded.level`,
            language: sql`excluded.language`,
            format: sql`excluded.format`,
            credentialType: sql`excluded.credential_type`,
            issuer: sql`excluded.issuer`,
            updatedAt: sql`now()`,
          },
        })
        .returning({ id: courses.id, externalId: courses.externalId });
      for (const row of rows) courseIds.set(row.externalId, row.id);
    }
    const batchCourseIds = [...courseIds.values()];
    for (const part of chunks(batchCourseIds, 5000)) {
      await tx.delete(courseSkills).where(and(inArray(courseSkills.courseId, part), eq(courseSkills.source, batch.source.name)));
      await tx.delete(coursePrerequisites).where(inArray(coursePrerequisites.courseId, part));
      await tx.delete(courseStacks).where(inArray(courseStacks.courseId, part));
    }

    await skillIdsFor(
      tx,
      batch.courses.flatMap((c) => c.skills.map((link) => link.skill)),
      skillIds,
    );
    const linkRows = batch.courses.flatMap((c) => {
      const courseId = courseIds.get(c.externalId);
      if (courseId === undefined) return [];
      const seen = new Set<number>();
      return c.skills.flatMap((link) => {
        const skillId = skillIds.get(skillKey(link.skill));
        if (skillId === undefined) {
          problems.push({ file: origin, line: null, message: `course ${c.externalId}: skill '${link.skill.uri}' not found` });
          return [];
        }
        if (seen.has(skillId)) return [];
        seen.add(skillId);
        return [
          {
            courseId,
            skillId,
            confidence: link.confidence,
            evidenceKind: link.evidence.kind,
            evidenceSpan: link.evidence.span,
            source: batch.source.name,
          },
        ];
      });
    });
    for (const part of chunks(linkRows)) {
      await tx
        .insert(courseSkills)
        .values(part)
        .onConflictDoUpdate({
          target: [courseSkills.courseId, courseSkills.skillId],
          set: {
            confidence: sql`excluded.confidence`,
            evidenceKind: sql`excluded.evidence_kind`,
            evidenceSpan: sql`excluded.evidence_span`,
            source: sql`excluded.source`,
          },
        });
    }
    courseSkillLinks = linkRows.length;

    const courseEdges = (pick: (c: CatalogBatch['courses'][number]) => string[], what: string) =>
      batch.courses.flatMap((c) =>
        pick(c).flatMap((otherId) => {
          const from = courseIds.get(c.externalId);
          const to = courseIds.get(otherId);
          if (from === undefined || to === undefined || from === to) {
            problems.push({ file: origin, line: null, message: `course ${c.externalId}: ${what} '${otherId}' not found` });
            return [];
          }
          return [[from, to] as const];
        }),
      );
    for (const part of chunks(courseEdges((c) => c.prerequisites, 'prerequisite'))) {
      await tx
        .insert(coursePrerequisites)
        .values(part.map(([courseId, prerequisiteId]) => ({ courseId, prerequisiteId })))
        .onConflictDoNothing();
    }
    for (const part of chunks(courseEdges((c) => c.stacksInto, 'stacked credential'))) {
      await tx
        .insert(courseStacks)
        .values(part.map(([courseId, stacksIntoId]) => ({ courseId, stacksIntoId })))
        .onConflictDoNothing();
    }

    const counts = { skills: batch.skills.length, roles: batch.roles.length, courses: batch.courses.length };
    await tx
      .insert(dataSources)
      .values({ name: batch.source.name, kind: batch.source.kind, version: batch.source.version, counts })
      .onConflictDoUpdate({
        target: [dataSources.name, dataSources.kind],
        set: { version: batch.source.version, counts, loadedAt: sql`now()` },
      });
  });

  return {
    source: batch.source.name,
    version: batch.source.version,
    skills: batch.skills.length,
    roles: batch.roles.length,
    courses: batch.courses.length,
    roleRequirements,
    courseSkillLinks,
    problems,
  };
}

/** True when nothing has been loaded yet: the first start of a fresh database. */
export async function isCatalogEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(dataSources);
  return (row?.n ?? 0) === 0;
}
