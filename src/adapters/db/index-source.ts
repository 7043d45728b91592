/**
 * What the index refresh reads from and writes back to the database: the texts to embed,
 * the courses whose skills need (re)linking, the links it infers, and the build record.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { VectorCollection } from '../../core/ports.js';
import { roleLabelId, roleLabels } from '../../core/search/role-labels.js';
import type { InferredLink } from '../../core/search/course-linker.js';
import { rowsOf, type Database } from './client.js';
import { courseSkillTags, courseSkills, courses, indexBuilds, roles, skillRelations, skills } from './schema.js';

export interface IndexItem {
  id: number;
  /** The text that is embedded for this item. */
  text: string;
  source: string;
}

export type IndexItems = Record<VectorCollection, IndexItem[]>;

/**
 * The model maps alternative labels and titles onto preferred labels and titles (that is what
 * it was trained on), so skills and roles are embedded by their name alone; courses by title
 * and the start of the description, which is what distinguishes two courses with one title.
 */
export const skillText = (label: string) => label;
export const roleText = (title: string) => title;
export const courseText = (title: string, description: string) =>
  description ? `${title}. ${description}`.slice(0, 600) : title;

export async function loadIndexItems(db: Database): Promise<IndexItems> {
  const [skillRows, roleRows, courseRows] = await Promise.all([
    db.select({ id: skills.id, label: skills.label, source: skills.source }).from(skills).where(isNull(skills.retiredAt)),
    db
      .select({ id: roles.id, title: roles.title, altTitles: roles.altTitles, source: roles.source })
      .from(roles)
      .where(isNull(roles.retiredAt)),
    db
      .select({ id: courses.id, title: courses.title, description: courses.description, source: courses.source })
      .from(courses)
      .where(isNull(courses.retiredAt)),
  ]);
  const byId = (a: IndexItem, b: IndexItem) => a.id - b.id;
  return {
    skills: skillRows.map((r) => ({ id: r.id, text: skillText(r.label), source: r.source })).sort(byId),
    roles: roleRows.map((r) => ({ id: r.id, text: roleText(r.title), source: r.source })).sort(byId),
    roleLabels: roleRows
      .flatMap((r) => roleLabels(r).map((label, k) => ({ id: roleLabelId(r.id, k), text: roleText(label), source: r.source })))
      .sort(byId),
    courses: courseRows.map((r) => ({ id: r.id, text: courseText(r.title, r.description), source: r.source })).sort(byId),
  };
}

export interface CourseToLink {
  id: number;
  title: string;
  description: string;
  outcomes: string[];
  language: string | null;
  source: string;
  linkHash: string | null;
  tags: { label: string; kind: 'tag' | 'alignment' }[];
}

export async function loadCoursesForLinking(db: Database): Promise<CourseToLink[]> {
  const [rows, tags] = await Promise.all([
    db
      .select({
        id: courses.id,
        title: courses.title,
        description: courses.description,
        language: courses.language,
        attributes: courses.attributes,
        source: courses.source,
        linkHash: courses.linkHash,
      })
      .from(courses)
      .where(isNull(courses.retiredAt))
      .orderBy(courses.id),
    db.select().from(courseSkillTags).orderBy(courseSkillTags.courseId, courseSkillTags.label),
  ]);
  const tagsByCourse = new Map<number, CourseToLink['tags']>();
  for (const tag of tags) {
    const list = tagsByCourse.get(tag.courseId) ?? [];
    list.push({ label: tag.label, kind: tag.kind });
    tagsByCourse.set(tag.courseId, list);
  }
  return rows.map(({ attributes, ...r }) => ({ ...r, outcomes: statedOutcomes(attributes), tags: tagsByCourse.get(r.id) ?? [] }));
}

/**
 * What a catalog states a learner will learn: Coursera's outcomes and edX's syllabus lines.
 * (edX's one-line summary is a blurb, read with the description's rules, not as outcomes.)
 */
function statedOutcomes(attributes: unknown): string[] {
  const a = (attributes ?? {}) as { outcomes?: unknown; syllabus?: unknown };
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const lines = (v: unknown) => (typeof v === 'string' ? v.split(/\n+| - (?=[A-Z])/).map((l) => l.trim()) : []);
  return [...list(a.outcomes), ...lines(a.syllabus)].filter((l) => l.length >= 3);
}

/** Source name of links this service infers, so re-linking replaces only its own rows. */
export const LINKER_SOURCE = 'skillpath-linker';

/** Replaces the inferred links of these courses and records what they were linked from. */
export async function writeCourseLinks(
  db: Database,
  linked: { courseId: number; linkHash: string; links: InferredLink[] }[],
): Promise<void> {
  if (linked.length === 0) return;
  await db.transaction(async (tx) => {
    const ids = linked.map((c) => c.courseId);
    for (let i = 0; i < ids.length; i += 5000) {
      await tx
        .delete(courseSkills)
        .where(and(inArray(courseSkills.courseId, ids.slice(i, i + 5000)), eq(courseSkills.source, LINKER_SOURCE)));
    }
    const rows = linked.flatMap((c) =>
      c.links.map((l) => ({
        courseId: c.courseId,
        skillId: l.skillId,
        confidence: l.confidence,
        evidenceKind: l.evidenceKind,
        evidenceSpan: l.span,
        source: LINKER_SOURCE,
      })),
    );
    for (let i = 0; i < rows.length; i += 500) {
      // A link the catalog itself states (e.g. an ESCO alignment) wins over an inferred one.
      await tx.insert(courseSkills).values(rows.slice(i, i + 500)).onConflictDoNothing();
    }
    for (const c of linked) {
      await tx.update(courses).set({ linkHash: c.linkHash }).where(eq(courses.id, c.courseId));
    }
  });
}

export interface Equivalence {
  fromSkillId: number;
  toSkillId: number;
  method: 'exact_label' | 'alt_label' | 'semantic';
  confidence: number;
}

/** Replaces all cross-taxonomy equivalences this service inferred. */
export async function writeEquivalences(db: Database, rows: Equivalence[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .delete(skillRelations)
      .where(and(eq(skillRelations.relation, 'equivalent'), eq(skillRelations.source, LINKER_SOURCE)));
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insert(skillRelations)
        .values(rows.slice(i, i + 500).map((r) => ({ ...r, relation: 'equivalent' as const, source: LINKER_SOURCE })))
        .onConflictDoNothing();
    }
  });
}

export async function countEquivalences(db: Database): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(skillRelations)
    .where(and(eq(skillRelations.relation, 'equivalent'), eq(skillRelations.source, LINKER_SOURCE)));
  return row?.n ?? 0;
}

export interface BuildRecord {
  version: string;
  model: string;
  dimension: number;
  fingerprint: string;
  taxonomyFingerprint: string;
  counts: Record<string, number>;
  sourceVersions: Record<string, string>;
  /** Per collection, id → text hash: what the next refresh compares against. */
  items: Record<VectorCollection, Record<string, string>>;
}

export async function recordIndexBuild(db: Database, build: BuildRecord): Promise<void> {
  await db.transaction(async (tx) => {
    // Only the newest build's item hashes are needed; older rows keep their summary only.
    await tx.update(indexBuilds).set({ items: null }).where(eq(indexBuilds.model, build.model));
    await tx.insert(indexBuilds).values({
      version: build.version,
      model: build.model,
      dimension: build.dimension,
      status: 'complete',
      fingerprint: build.fingerprint,
      taxonomyFingerprint: build.taxonomyFingerprint,
      counts: build.counts,
      items: build.items,
      sourceVersions: build.sourceVersions,
      completedAt: new Date(),
    });
  });
}

export async function latestIndexBuild(db: Database, model: string): Promise<BuildRecord | null> {
  const [row] = await db
    .select()
    .from(indexBuilds)
    .where(and(eq(indexBuilds.model, model), eq(indexBuilds.status, 'complete')))
    .orderBy(desc(indexBuilds.completedAt))
    .limit(1);
  if (!row) return null;
  return {
    version: row.version,
    model: row.model,
    dimension: row.dimension,
    fingerprint: row.fingerprint ?? '',
    taxonomyFingerprint: row.taxonomyFingerprint ?? '',
    counts: row.counts,
    sourceVersions: row.sourceVersions,
    items: (row.items as BuildRecord['items'] | null) ?? { skills: {}, roles: {}, courses: {}, roleLabels: {} },
  };
}

/**
 * A cheap signature of everything stored: records are rewritten (updated_at moves) only when
 * their content changed, and retiring one moves it too. Part of the index fingerprint, so a
 * change that does not alter any embedded text (a role's requirements, a course's price, an
 * alternative label) still produces a new version, which running servers reload.
 */
export async function catalogState(db: Database): Promise<{ skills: string; all: string }> {
  const result: unknown = await db.execute(sql`
    select (select count(*) || ':' || coalesce(max(updated_at)::text, '') from skills) as skills,
           (select count(*) || ':' || coalesce(max(updated_at)::text, '') from roles) as roles,
           (select count(*) || ':' || coalesce(max(updated_at)::text, '') from courses) as courses`);
  const rows = rowsOf<{ skills: string; roles: string; courses: string }>(result);
  const row = rows[0]!;
  return { skills: row.skills, all: `${row.skills}|${row.roles}|${row.courses}` };
}
