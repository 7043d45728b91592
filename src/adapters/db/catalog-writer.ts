/**
 * Stores a CatalogBatch in one transaction: a failure (or a Ctrl-C) leaves what was stored
 * before untouched. Loading is incremental: each record's content hash is compared with the
 * stored one, so an unchanged record is not written at all, a changed one is updated in place
 * (its id stays stable for the index), and a record its source no longer contains is retired.
 * A batch may also supersede other sources (a real taxonomy supersedes the starter catalog):
 * their active records are retired in the same transaction, and loading them again revives them.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { stableStringify } from '../../core/stable-json.js';
import type { CatalogBatch, CourseRecord, IngestProblem, RoleRecord, SkillKey, SkillRecord } from '../../ingest/records.js';
import type { Database } from './client.js';
import {
  coursePrerequisites,
  courseSkillTags,
  courseSkills,
  courseStacks,
  courses,
  dataSources,
  roleRelations,
  roleSkills,
  roles,
  skillRelations,
  skills,
} from './schema.js';

/** Rows per INSERT: well under PostgreSQL's 65,535 bind-parameter limit for our widest table. */
const CHUNK = 500;
/** Ids per `IN (...)` list. */
const ID_CHUNK = 5000;

function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export const contentHashOf = (record: unknown) => createHash('sha256').update(stableStringify(record)).digest('hex');

const skillKey = (k: SkillKey) => `${k.source}\u0000${k.uri}`;

export interface KindCounts {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
}

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

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
type CatalogTable = typeof skills | typeof roles | typeof courses;

interface Existing {
  id: number;
  hash: string | null;
  retired: boolean;
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

async function skillIdsFor(tx: Tx, keys: SkillKey[], known: Map<string, number>): Promise<void> {
  const missing = new Map<string, Set<string>>();
  for (const key of keys) {
    if (known.has(skillKey(key))) continue;
    const set = missing.get(key.source) ?? new Set<string>();
    set.add(key.uri);
    missing.set(key.source, set);
  }
  for (const [source, uris] of missing) {
    for (const part of chunks([...uris], ID_CHUNK)) {
      const rows = await tx
        .select({ id: skills.id, uri: skills.uri })
        .from(skills)
        .where(and(eq(skills.source, source), inArray(skills.uri, part)));
      for (const row of rows) known.set(skillKey({ source, uri: row.uri }), row.id);
    }
  }
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

async function writeSkills(tx: Tx, batch: CatalogBatch, problem: (m: string) => void): Promise<KindCounts> {
  const existingRows = await tx
    .select({ id: skills.id, uri: skills.uri, hash: skills.contentHash, retiredAt: skills.retiredAt })
    .from(skills)
    .where(eq(skills.source, batch.source.name));
  const existing = new Map(existingRows.map((r) => [r.uri, { id: r.id, hash: r.hash, retired: r.retiredAt !== null }]));
  const { changed, hashes, removedIds, counts } = diff(batch.skills, (s) => s.uri, existing);

  const ids = new Map<string, number>(existingRows.map((r) => [skillKey({ source: batch.source.name, uri: r.uri }), r.id]));
  for (const part of chunks(changed)) {
    const rows = await tx
      .insert(skills)
      .values(
        part.map((s: SkillRecord) => ({
          source: s.source,
          sourceVersion: s.sourceVersion,
          uri: s.uri,
          label: s.label,
          altLabels: s.altLabels,
          description: s.description,
          skillType: s.type,
          skillGroup: s.group,
          attributes: s.attributes ?? {},
          contentHash: hashes.get(s.uri),
          retiredAt: null,
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
          attributes: sql`excluded.attributes`,
          contentHash: sql`excluded.content_hash`,
          retiredAt: sql`null`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: skills.id, source: skills.source, uri: skills.uri });
    for (const row of rows) ids.set(skillKey(row), row.id);
  }
  await retire(tx, skills, removedIds);
  await tx
    .update(skills)
    .set({ sourceVersion: batch.source.version })
    .where(and(eq(skills.source, batch.source.name), ne(skills.sourceVersion, batch.source.version)));

  const incomplete = new Set<number>();
  // Links of changed skills are rewritten; unchanged skills keep theirs.
  const changedIds = changed.map((s) => ids.get(skillKey(s))).filter((id) => id !== undefined);
  for (const part of chunks(changedIds, ID_CHUNK)) {
    await tx
      .delete(skillRelations)
      .where(
        and(
          inArray(skillRelations.fromSkillId, part),
          inArray(skillRelations.relation, ['broader', 'related']),
          eq(skillRelations.source, batch.source.name),
        ),
      );
  }
  const relationRows = changed.flatMap((s) => {
    const from = ids.get(skillKey(s));
    if (from === undefined) return [];
    const links = [
      ...s.broader.map((uri) => ({ uri, relation: 'broader' as const, method: null as string | null })),
      ...(s.related ?? []).map((r) => ({ uri: r.uri, relation: 'related' as const, method: r.kind })),
    ];
    return links.flatMap(({ uri, relation, method }) => {
      const to = ids.get(skillKey({ source: s.source, uri }));
      if (to === undefined || to === from) {
        problem(`skill ${s.uri}: ${relation} skill '${uri}' ${to === from ? 'is the skill itself (link skipped)' : 'not found'}`);
        if (to === undefined) incomplete.add(from);
        return [];
      }
      return [{ fromSkillId: from, toSkillId: to, relation, source: s.source, method }];
    });
  });
  for (const part of chunks(relationRows)) await tx.insert(skillRelations).values(part).onConflictDoNothing();
  await forgetHashes(tx, skills, incomplete);
  return counts;
}

async function writeRoles(tx: Tx, batch: CatalogBatch, problem: (m: string) => void): Promise<KindCounts> {
  const existingRows = await tx
    .select({ id: roles.id, code: roles.code, hash: roles.contentHash, retiredAt: roles.retiredAt })
    .from(roles)
    .where(eq(roles.source, batch.source.name));
  const existing = new Map(existingRows.map((r) => [r.code, { id: r.id, hash: r.hash, retired: r.retiredAt !== null }]));
  const { changed, hashes, removedIds, counts } = diff(batch.roles, (r) => r.code, existing);

  const ids = new Map<string, number>(existingRows.map((r) => [r.code, r.id]));
  for (const part of chunks(changed)) {
    const rows = await tx
      .insert(roles)
      .values(
        part.map((r: RoleRecord) => ({
          source: r.source,
          sourceVersion: r.sourceVersion,
          code: r.code,
          title: r.title,
          altTitles: r.altTitles,
          description: r.description,
          attributes: r.attributes ?? {},
          contentHash: hashes.get(r.code),
          retiredAt: null,
        })),
      )
      .onConflictDoUpdate({
        target: [roles.source, roles.code],
        set: {
          sourceVersion: sql`excluded.source_version`,
          title: sql`excluded.title`,
          altTitles: sql`excluded.alt_titles`,
          description: sql`excluded.description`,
          attributes: sql`excluded.attributes`,
          contentHash: sql`excluded.content_hash`,
          retiredAt: sql`null`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: roles.id, code: roles.code });
    for (const row of rows) ids.set(row.code, row.id);
  }
  await retire(tx, roles, removedIds);
  await tx
    .update(roles)
    .set({ sourceVersion: batch.source.version })
    .where(and(eq(roles.source, batch.source.name), ne(roles.sourceVersion, batch.source.version)));

  const changedIds = changed.map((r) => ids.get(r.code)).filter((id) => id !== undefined);
  for (const part of chunks(changedIds, ID_CHUNK)) {
    await tx.delete(roleSkills).where(and(inArray(roleSkills.roleId, part), eq(roleSkills.source, batch.source.name)));
    await tx.delete(roleRelations).where(and(inArray(roleRelations.fromRoleId, part), eq(roleRelations.source, batch.source.name)));
  }

  const incomplete = new Set<number>();
  const skillIds = new Map<string, number>();
  await skillIdsFor(tx, changed.flatMap((r) => r.requirements.map((req) => req.skill)), skillIds);
  const requirementRows = changed.flatMap((r) => {
    const roleId = ids.get(r.code);
    if (roleId === undefined) return [];
    const seen = new Set<number>();
    return r.requirements.flatMap((req) => {
      const skillId = skillIds.get(skillKey(req.skill));
      if (skillId === undefined) {
        problem(`role ${r.code}: skill '${req.skill.uri}' not found`);
        incomplete.add(roleId);
        return [];
      }
      if (seen.has(skillId)) return [];
      seen.add(skillId);
      return [
        {
          roleId,
          skillId,
          kind: req.kind,
          importance: req.importance,
          level: req.level ?? null,
          attributes: req.attributes ?? {},
          source: batch.source.name,
        },
      ];
    });
  });
  for (const part of chunks(requirementRows)) {
    await tx
      .insert(roleSkills)
      .values(part)
      .onConflictDoUpdate({
        target: [roleSkills.roleId, roleSkills.skillId],
        set: {
          kind: sql`excluded.kind`,
          importance: sql`excluded.importance`,
          level: sql`excluded.level`,
          attributes: sql`excluded.attributes`,
          source: sql`excluded.source`,
        },
      });
  }

  const relatedRows = changed.flatMap((r) => {
    const from = ids.get(r.code);
    return (r.related ?? []).flatMap((rel) => {
      const to = ids.get(rel.code);
      if (from === undefined || to === undefined || from === to) {
        problem(`role ${r.code}: related role '${rel.code}' not found`);
        if (from !== undefined && to === undefined) incomplete.add(from);
        return [];
      }
      return [{ fromRoleId: from, toRoleId: to, kind: rel.kind, rank: rel.rank, source: batch.source.name }];
    });
  });
  for (const part of chunks(relatedRows)) await tx.insert(roleRelations).values(part).onConflictDoNothing();
  await forgetHashes(tx, roles, incomplete);
  return counts;
}

async function writeCourses(tx: Tx, batch: CatalogBatch, problem: (m: string) => void): Promise<KindCounts> {
  const existingRows = await tx
    .select({ id: courses.id, externalId: courses.externalId, hash: courses.contentHash, retiredAt: courses.retiredAt })
    .from(courses)
    .where(eq(courses.source, batch.source.name));
  const existing = new Map(existingRows.map((r) => [r.externalId, { id: r.id, hash: r.hash, retired: r.retiredAt !== null }]));
  const { changed, hashes, removedIds, counts } = diff(batch.courses, (c) => c.externalId, existing);

  const ids = new Map<string, number>(existingRows.map((r) => [r.externalId, r.id]));
  for (const part of chunks(changed)) {
    const rows = await tx
      .insert(courses)
      .values(
        part.map((c: CourseRecord) => ({
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
          attributes: c.attributes ?? {},
          contentHash: hashes.get(c.externalId),
          linkHash: null,
          retiredAt: null,
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
          attributes: sql`excluded.attributes`,
          contentHash: sql`excluded.content_hash`,
          // A changed course is linked again by the next index refresh.
          linkHash: sql`null`,
          retiredAt: sql`null`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: courses.id, externalId: courses.externalId });
    for (const row of rows) ids.set(row.externalId, row.id);
  }
  await retire(tx, courses, removedIds);

  const changedIds = changed.map((c) => ids.get(c.externalId)).filter((id) => id !== undefined);
  for (const part of chunks(changedIds, ID_CHUNK)) {
    await tx.delete(courseSkills).where(and(inArray(courseSkills.courseId, part), eq(courseSkills.source, batch.source.name)));
    await tx.delete(courseSkillTags).where(inArray(courseSkillTags.courseId, part));
    await tx.delete(coursePrerequisites).where(inArray(coursePrerequisites.courseId, part));
    await tx.delete(courseStacks).where(inArray(courseStacks.courseId, part));
  }

  const incomplete = new Set<number>();
  const skillIds = new Map<string, number>();
  await skillIdsFor(tx, changed.flatMap((c) => c.skills.map((link) => link.skill)), skillIds);
  const linkRows = changed.flatMap((c) => {
    const courseId = ids.get(c.externalId);
    if (courseId === undefined) return [];
    const seen = new Set<number>();
    return c.skills.flatMap((link) => {
      const skillId = skillIds.get(skillKey(link.skill));
      if (skillId === undefined) {
        problem(`course ${c.externalId}: skill '${link.skill.uri}' not found`);
        incomplete.add(courseId);
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

  const tagRows = changed.flatMap((c) => {
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
  for (const part of chunks(tagRows)) await tx.insert(courseSkillTags).values(part).onConflictDoNothing();

  const courseEdges = (pick: (c: CourseRecord) => string[], what: string) =>
    changed.flatMap((c) =>
      pick(c).flatMap((otherId) => {
        const from = ids.get(c.externalId);
        const to = ids.get(otherId);
        if (from === undefined || to === undefined || from === to) {
          problem(`course ${c.externalId}: ${what} '${otherId}' not found`);
          if (from !== undefined && to === undefined) incomplete.add(from);
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
  await forgetHashes(tx, courses, incomplete);
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

async function retire(tx: Tx, table: CatalogTable, ids: number[]): Promise<void> {
  for (const part of chunks(ids, ID_CHUNK)) {
    await tx
      .update(table)
      .set({ retiredAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(inArray(table.id, part), isNull(table.retiredAt)));
  }
}

/** Retires every active record of one source, the same way as records their source dropped; returns how many. */
async function retireSource(tx: Tx, table: CatalogTable, source: string): Promise<number> {
  const rows = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.source, source), isNull(table.retiredAt)));
  await retire(tx, table, rows.map((r) => r.id));
  return rows.length;
}

/**
 * True when nothing has been loaded yet: the first start of a fresh database. Judged by the
 * sources loaded, not by active records, so a database whose only records are a retired
 * starter catalog (superseded by a real taxonomy) is not empty and does not get it back.
 */
export async function isCatalogEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(dataSources);
  return (row?.n ?? 0) === 0;
}
