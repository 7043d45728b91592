/**
 * CatalogStore over drizzle. Search here is PostgreSQL full-text search with a prefix match on
 * the last word (so search-as-you-type works) and a boost for exact and prefix title matches.
 */
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type {
  CourseDetail,
  CourseRef,
  CourseSummary,
  DataSourceVersion,
  Level,
  RoleDetail,
  RoleSummary,
  Skill,
  SkillDetail,
  SkillRef,
  SkillType,
} from '../../core/catalog.js';
import type { CatalogStore, CourseQuery, Page, RoleQuery, SkillQuery } from '../../core/ports.js';
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

/**
 * Builds a tsquery from free text without letting user input reach tsquery syntax: words are
 * reduced to [letters, digits], OR-ed so partial matches still rank, the last one as a prefix.
 */
export function toPrefixTsQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return null;
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' | ');
}

/** Exact title 1.0, title prefix 0.9, otherwise the full-text rank squashed into [0, 0.85). */
function relevance(title: SQL, document: SQL, tsquery: string, q: string): SQL<number> {
  const query = sql`to_tsquery('english', ${tsquery})`;
  return sql<number>`(case
      when lower(${title}) = lower(${q}) then 1.0
      when lower(${title}) like lower(${q}) || '%' then 0.9
      else 0.85 * ts_rank_cd(${document}, ${query}, 32)
    end)::float8`;
}

function matches(document: SQL, tsquery: string): SQL {
  return sql`${document} @@ to_tsquery('english', ${tsquery})`;
}

const skillDocument = sql`(
  setweight(to_tsvector('english', ${skills.label}), 'A') ||
  setweight(to_tsvector('english', array_to_string(${skills.altLabels}, ' ')), 'B') ||
  setweight(to_tsvector('english', ${skills.description}), 'C'))`;

const roleDocument = sql`(
  setweight(to_tsvector('english', ${roles.title}), 'A') ||
  setweight(to_tsvector('english', array_to_string(${roles.altTitles}, ' ')), 'B') ||
  setweight(to_tsvector('english', ${roles.description}), 'C'))`;

const courseDocument = sql`(
  setweight(to_tsvector('english', ${courses.title}), 'A') ||
  setweight(to_tsvector('english', ${courses.provider}), 'B') ||
  setweight(to_tsvector('english', ${courses.description}), 'C'))`;

const total = sql<number>`(count(*) over ())::int`;

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

const courseColumns = {
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

function toPage<T extends { total: number; score: number }, R>(rows: T[], map: (row: T) => R): Page<R> {
  return { items: rows.map((row) => ({ item: map(row), score: Number(row.score.toFixed(4)) })), total: rows[0]?.total ?? 0 };
}

const toSkill = (row: { type: string } & Omit<Skill, 'type'>): Skill => ({ ...row, type: row.type as SkillType });

export class DrizzleCatalogStore implements CatalogStore {
  constructor(private readonly db: Database) {}

  async searchSkills(query: SkillQuery): Promise<Page<Skill>> {
    const tsquery = query.q ? toPrefixTsQuery(query.q) : null;
    const filters: SQL[] = [];
    if (query.source) filters.push(eq(skills.source, query.source));
    if (tsquery) filters.push(matches(skillDocument, tsquery));
    const score = tsquery && query.q ? relevance(sql`${skills.label}`, skillDocument, tsquery, query.q) : sql<number>`1.0::float8`;
    const rows = await this.db
      .select({ ...skillColumns, score, total })
      .from(skills)
      .where(and(...filters))
      .orderBy(desc(score), asc(skills.label), asc(skills.id))
      .limit(query.limit)
      .offset(query.offset);
    return toPage(rows, ({ score: _s, total: _t, ...skill }) => toSkill(skill));
  }

  async getSkill(id: number): Promise<SkillDetail | null> {
    const [row] = await this.db.select(skillColumns).from(skills).where(eq(skills.id, id));
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

  async searchRoles(query: RoleQuery): Promise<Page<RoleSummary>> {
    const tsquery = query.q ? toPrefixTsQuery(query.q) : null;
    const filters: SQL[] = [];
    if (query.source) filters.push(eq(roles.source, query.source));
    if (tsquery) filters.push(matches(roleDocument, tsquery));
    const score = tsquery && query.q ? relevance(sql`${roles.title}`, roleDocument, tsquery, query.q) : sql<number>`1.0::float8`;
    const rows = await this.db
      .select({ ...roleColumns, score, total })
      .from(roles)
      .where(and(...filters))
      .orderBy(desc(score), asc(roles.title), asc(roles.id))
      .limit(query.limit)
      .offset(query.offset);
    return toPage(rows, ({ score: _s, total: _t, ...role }) => role);
  }

  async getRole(id: number): Promise<RoleDetail | null> {
    const [row] = await this.db
      .select({ ...roleColumns, sourceVersion: roles.sourceVersion })
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

  async searchCourses(query: CourseQuery): Promise<Page<CourseSummary>> {
    const tsquery = query.q ? toPrefixTsQuery(query.q) : null;
    const filters: SQL[] = [];
    if (query.provider) filters.push(sql`lower(${courses.provider}) = lower(${query.provider})`);
    if (query.skillId !== undefined) {
      filters.push(
        sql`exists (select 1 from ${courseSkills} where ${courseSkills.courseId} = ${courses.id} and ${courseSkills.skillId} = ${query.skillId})`,
      );
    }
    if (tsquery) filters.push(matches(courseDocument, tsquery));
    const score = tsquery && query.q ? relevance(sql`${courses.title}`, courseDocument, tsquery, query.q) : sql<number>`1.0::float8`;
    const rows = await this.db
      .select({ ...courseColumns, score, total })
      .from(courses)
      .where(and(...filters))
      .orderBy(desc(score), asc(courses.title), asc(courses.id))
      .limit(query.limit)
      .offset(query.offset);
    return toPage(rows, ({ score: _s, total: _t, ...course }) => toCourseSummary(course));
  }

  async getCourse(id: number): Promise<CourseDetail | null> {
    const [row] = await this.db.select(courseColumns).from(courses).where(eq(courses.id, id));
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
    return {
      ...toCourseSummary(row),
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

function dedupeById(refs: SkillRef[]): SkillRef[] {
  const seen = new Set<number>();
  return refs.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}
