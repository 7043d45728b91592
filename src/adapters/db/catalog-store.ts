/**
 * CatalogStore over drizzle: details by id, lookups by external id, and the snapshot of active
 * records that in-memory search is built from. Ranking itself lives in core/search.
 */
import { asc, count, desc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import { type CourseDetail, type CourseRef, type CourseSummary, type DataSourceVersion, emptyCorpus, type Level, type RoleDetail, type RoleSummary, type SearchCorpus, type Skill, type SkillDetail, type SkillRef, type SkillType } from '../../core/catalog.js';
import type { CatalogStore } from '../../core/ports.js';
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

const skillColumns = {
  id: skills.id,
  source: skills.source,
  sourceVersion: skills.sourceVersion,
  uri: skills.uri,
  label: skills.label,
  altLabels: skills.altLabels,
  description: skills.description,
  type: skills.skillType,
  group: skills.skillGroup,
};

const skillRefColumns = { id: skills.id, label: skills.label, source: skills.source, uri: skills.uri };

const roleColumns = {
  id: roles.id,
  source: roles.source,
  code: roles.code,
  title: roles.title,
  altTitles: roles.altTitles,
  description: roles.description,
};

export const courseColumns = {
  id: courses.id,
  source: courses.source,
  externalId: courses.externalId,
  provider: courses.provider,
  title: courses.title,
  description: courses.description,
  url: courses.url,
  hours: courses.hours,
  cost: courses.cost,
  currency: courses.currency,
  level: courses.level,
  language: courses.language,
  format: courses.format,
  credentialType: courses.credentialType,
  issuer: courses.issuer,
};

const courseRefColumns = { id: courses.id, title: courses.title, provider: courses.provider };

const toSkill = (row: { type: string } & Omit<Skill, 'type'>): Skill => ({ ...row, type: row.type as SkillType });

export class DrizzleCatalogStore implements CatalogStore {
  constructor(private readonly db: Database) {}

  async skillsByIds(ids: number[]): Promise<Skill[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.select(skillColumns).from(skills).where(inArray(skills.id, ids));
    return inOrder(ids, rows.map(toSkill));
  }

  async rolesByIds(ids: number[]): Promise<RoleSummary[]> {
    if (ids.length === 0) return [];
    return inOrder(ids, await this.db.select(roleColumns).from(roles).where(inArray(roles.id, ids)));
  }

  async coursesByIds(ids: number[]): Promise<CourseSummary[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.select(courseColumns).from(courses).where(inArray(courses.id, ids));
    return inOrder(ids, rows.map(toCourseSummary));
  }

  async searchCorpus(): Promise<SearchCorpus> {
    const corpus = emptyCorpus();
    const [skillRows, roleRows, courseRows, links] = await Promise.all([
      this.db
        .select({ id: skills.id, title: skills.label, altTitles: skills.altLabels, description: skills.description, source: skills.source })
        .from(skills)
        .where(isNull(skills.retiredAt))
        .orderBy(skills.id),
      this.db
        .select({ id: roles.id, title: roles.title, altTitles: roles.altTitles, description: roles.description, source: roles.source })
        .from(roles)
        .where(isNull(roles.retiredAt))
        .orderBy(roles.id),
      this.db
        .select({ id: courses.id, title: courses.title, description: courses.description, source: courses.source, provider: courses.provider })
        .from(courses)
        .where(isNull(courses.retiredAt))
        .orderBy(courses.id),
      this.db
        .select({ courseId: courseSkills.courseId, skillId: courseSkills.skillId })
        .from(courseSkills)
        .orderBy(courseSkills.courseId, courseSkills.skillId),
    ]);
    for (const row of skillRows) corpus.skills.set(row.id, row);
    for (const row of roleRows) corpus.roles.set(row.id, row);
    const skillIdsByCourse = new Map<number, number[]>();
    for (const link of links) {
      const list = skillIdsByCourse.get(link.courseId) ?? [];
      list.push(link.skillId);
      skillIdsByCourse.set(link.courseId, list);
    }
    for (const row of courseRows) {
      corpus.courses.set(row.id, { ...row, altTitles: [], skillIds: skillIdsByCourse.get(row.id) ?? [] });
    }
    return corpus;
  }

  async getSkill(id: number): Promise<SkillDetail | null> {
    const [row] = await this.db.select({ ...skillColumns, retiredAt: skills.retiredAt }).from(skills).where(eq(skills.id, id));
    if (!row) return null;
    const [outgoing, incoming, [roleUsage], [courseUsage]] = await Promise.all([
      this.db
        .select({ relation: skillRelations.relation, ...skillRefColumns })
        .from(skillRelations)
        .innerJoin(skills, eq(skills.id, skillRelations.toSkillId))
        .where(eq(skillRelations.fromSkillId, id))
        .orderBy(asc(skills.label)),
      this.db
        .select({ relation: skillRelations.relation, ...skillRefColumns })
        .from(skillRelations)
        .innerJoin(skills, eq(skills.id, skillRelations.fromSkillId))
        .where(eq(skillRelations.toSkillId, id))
        .orderBy(asc(skills.label)),
      this.db.select({ n: count() }).from(roleSkills).where(eq(roleSkills.skillId, id)),
      this.db.select({ n: count() }).from(courseSkills).where(eq(courseSkills.skillId, id)),
    ]);
    const ref = ({ relation: _r, ...s }: { relation: string } & SkillRef): SkillRef => s;
    const related = [...outgoing, ...incoming].filter((r) => r.relation !== 'broader').map(ref);
    return {
      ...toSkill(row),
      retiredAt: row.retiredAt?.toISOString() ?? null,
      broader: outgoing.filter((r) => r.relation === 'broader').map(ref),
      narrower: incoming.filter((r) => r.relation === 'broader').map(ref),
      related: dedupeById(related),
      requiredByRoles: roleUsage?.n ?? 0,
      taughtByCourses: courseUsage?.n ?? 0,
    };
  }

  async findSkillId(externalId: string): Promise<number | null> {
    const [row] = await this.db
      .select({ id: skills.id })
      .from(skills)
      .where(eq(skills.uri, externalId))
      .orderBy(asc(skills.source))
      .limit(1);
    return row?.id ?? null;
  }

  async getRole(id: number): Promise<RoleDetail | null> {
    const [row] = await this.db
      .select({ ...roleColumns, sourceVersion: roles.sourceVersion, retiredAt: roles.retiredAt })
      .from(roles)
      .where(eq(roles.id, id));
    if (!row) return null;
    const requirements = await this.db
      .select({ kind: roleSkills.kind, importance: roleSkills.importance, origin: roleSkills.source, ...skillRefColumns })
      .from(roleSkills)
      .innerJoin(skills, eq(skills.id, roleSkills.skillId))
      .where(eq(roleSkills.roleId, id))
      .orderBy(asc(roleSkills.kind), desc(roleSkills.importance), asc(skills.label));
    return {
      ...row,
      retiredAt: row.retiredAt?.toISOString() ?? null,
      requirements: requirements.map(({ kind, importance, origin, ...skill }) => ({
        skill,
        kind,
        importance,
        source: origin,
      })),
    };
  }

  async findRoleId(externalId: string): Promise<number | null> {
    // O*NET-SOC codes are often written without the ".00" detail suffix.
    const candidates = /^\d{2}-\d{4}$/.test(externalId) ? [externalId, `${externalId}.00`] : [externalId];
    const [row] = await this.db
      .select({ id: roles.id })
      .from(roles)
      .where(inArray(roles.code, candidates))
      .orderBy(asc(roles.source), asc(roles.code))
      .limit(1);
    return row?.id ?? null;
  }

  async getCourse(id: number): Promise<CourseDetail | null> {
    const [row] = await this.db.select({ ...courseColumns, retiredAt: courses.retiredAt }).from(courses).where(eq(courses.id, id));
    if (!row) return null;
    const [links, prerequisites, stacksInto, stackedFrom] = await Promise.all([
      this.db
        .select({
          confidence: courseSkills.confidence,
          evidenceKind: courseSkills.evidenceKind,
          evidenceSpan: courseSkills.evidenceSpan,
          ...skillRefColumns,
        })
        .from(courseSkills)
        .innerJoin(skills, eq(skills.id, courseSkills.skillId))
        .where(eq(courseSkills.courseId, id))
        .orderBy(desc(courseSkills.confidence), asc(skills.label)),
      this.courseRefs(
        coursePrerequisites,
        eq(courses.id, coursePrerequisites.prerequisiteId),
        eq(coursePrerequisites.courseId, id),
      ),
      this.courseRefs(courseStacks, eq(courses.id, courseStacks.stacksIntoId), eq(courseStacks.courseId, id)),
      this.courseRefs(courseStacks, eq(courses.id, courseStacks.courseId), eq(courseStacks.stacksIntoId, id)),
    ]);
    const { retiredAt, ...summary } = row;
    return {
      ...toCourseSummary(summary),
      retiredAt: retiredAt?.toISOString() ?? null,
      skills: links.map(({ confidence, evidenceKind, evidenceSpan, ...skill }) => ({
        skill,
        confidence,
        evidence: { kind: evidenceKind, span: evidenceSpan },
      })),
      prerequisites,
      stacksInto,
      stackedFrom,
    };
  }

  private courseRefs(
    table: typeof coursePrerequisites | typeof courseStacks,
    join: SQL,
    where: SQL,
  ): Promise<CourseRef[]> {
    return this.db.select(courseRefColumns).from(table).innerJoin(courses, join).where(where).orderBy(asc(courses.title));
  }

  async findCourseId(externalId: string): Promise<number | null> {
    const [row] = await this.db
      .select({ id: courses.id })
      .from(courses)
      .where(or(eq(courses.externalId, externalId), eq(courses.url, externalId)))
      .orderBy(asc(courses.source), asc(courses.id))
      .limit(1);
    return row?.id ?? null;
  }

  async dataSources(): Promise<DataSourceVersion[]> {
    const rows = await this.db.select().from(dataSources).orderBy(asc(dataSources.kind), asc(dataSources.name));
    return rows.map((r) => ({
      name: r.name,
      kind: r.kind,
      version: r.version,
      counts: r.counts,
      loadedAt: r.loadedAt.toISOString(),
    }));
  }
}

function toCourseSummary(row: Omit<CourseSummary, 'level'> & { level: string | null }): CourseSummary {
  return { ...row, level: row.level as Level | null, cost: row.cost === null ? null : Number(row.cost) };
}

/** Rows in the order of the ids asked for (search order), skipping ids that no longer exist. */
function inOrder<T extends { id: number }>(ids: number[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function dedupeById(refs: SkillRef[]): SkillRef[] {
  const seen = new Set<number>();
  return refs.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}
