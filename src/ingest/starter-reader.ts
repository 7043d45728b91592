/**
 * Reads the bundled starter catalog (`data/starter/`): skills, roles and courses written by
 * this project in a compact JSON form keyed by kebab-case keys. Each item is validated on its
 * own, so one bad item is reported with its position and the rest still load.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { courseOfferingOf } from '../core/course-offering.js';
import type { CatalogBatch, CourseRecord, IngestProblem, RoleRecord, SkillRecord } from './records.js';

export const STARTER_SOURCE = 'starter';

const Key = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' });
const Level = Type.Enum(['beginner', 'intermediate', 'advanced']);

const StarterSkill = Type.Object({
  key: Key,
  label: Type.String({ minLength: 1 }),
  altLabels: Type.Array(Type.String({ minLength: 1 })),
  description: Type.String(),
  type: Type.Enum(['skill', 'knowledge', 'tool', 'transversal']),
  group: Type.String({ minLength: 1 }),
  broader: Type.Array(Key),
});

const StarterRole = Type.Object({
  key: Key,
  title: Type.String({ minLength: 1 }),
  altTitles: Type.Array(Type.String({ minLength: 1 })),
  description: Type.String(),
  requirements: Type.Array(
    Type.Object({
      skill: Key,
      kind: Type.Enum(['essential', 'optional']),
      importance: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
    }),
  ),
});

const StarterCourse = Type.Object({
  key: Key,
  provider: Type.String({ minLength: 1 }),
  title: Type.String({ minLength: 1 }),
  description: Type.String(),
  url: Type.String({ pattern: '^https?://' }),
  hours: Type.Number({ minimum: 0 }),
  cost: Type.Number({ minimum: 0 }),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  level: Level,
  language: Type.String({ minLength: 2 }),
  format: Type.String({ minLength: 1 }),
  credentialType: Type.String({ minLength: 1 }),
  issuer: Type.String({ minLength: 1 }),
  prerequisites: Type.Array(Key),
  stacksInto: Type.Array(Key),
  skills: Type.Array(
    Type.Object({
      skill: Key,
      confidence: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
      evidence: Type.Union([
        Type.Object({ kind: Type.Literal('tag') }),
        Type.Object({ kind: Type.Literal('text'), span: Type.String({ minLength: 1 }) }),
      ]),
    }),
  ),
});

const Manifest = Type.Object({ name: Type.String(), version: Type.String({ minLength: 1 }) });

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

/** Validates each array item; invalid ones become problems naming the item and the field. */
function validItems<S extends TSchema>(schema: S, data: unknown, file: string, problems: IngestProblem[]) {
  const items: Static<S>[] = [];
  if (!Array.isArray(data)) {
    problems.push({ file, line: null, message: 'expected a JSON array' });
    return items;
  }
  data.forEach((item: unknown, index) => {
    if (Value.Check(schema, item)) {
      items.push(item);
      return;
    }
    const first = [...Value.Errors(schema, item)][0];
    const where = first?.instancePath ? `${first.instancePath}: ` : '';
    problems.push({ file, line: index + 1, message: `${where}${first?.message ?? 'invalid item'}` });
  });
  return items;
}

export async function readStarterCatalog(dir: string): Promise<CatalogBatch> {
  const problems: IngestProblem[] = [];
  const manifestData = await readJson(path.join(dir, 'manifest.json'));
  if (!Value.Check(Manifest, manifestData)) throw new Error(`${dir}/manifest.json: needs a name and a version`);
  const version = manifestData.version;

  const skillsFile = path.join(dir, 'skills.json');
  const rolesFile = path.join(dir, 'roles.json');
  const coursesFile = path.join(dir, 'courses.json');
  const rawSkills = validItems(StarterSkill, await readJson(skillsFile), skillsFile, problems);
  const rawRoles = validItems(StarterRole, await readJson(rolesFile), rolesFile, problems);
  const rawCourses = validItems(StarterCourse, await readJson(coursesFile), coursesFile, problems);

  const skillKeys = new Set(rawSkills.map((s) => s.key));
  const courseKeys = new Set(rawCourses.map((c) => c.key));
  const knownSkill = (key: string, file: string, owner: string) => {
    if (skillKeys.has(key)) return true;
    problems.push({ file, line: null, message: `${owner}: unknown skill '${key}' (link dropped)` });
    return false;
  };
  const knownCourse = (key: string, owner: string) => {
    if (courseKeys.has(key)) return true;
    problems.push({ file: coursesFile, line: null, message: `${owner}: unknown course '${key}' (link dropped)` });
    return false;
  };

  const skills: SkillRecord[] = rawSkills.map((s) => ({
    source: STARTER_SOURCE,
    sourceVersion: version,
    uri: s.key,
    label: s.label,
    altLabels: s.altLabels,
    description: s.description,
    type: s.type,
    group: s.group,
    broader: s.broader.filter((b) => knownSkill(b, skillsFile, s.key)),
  }));

  const roles: RoleRecord[] = rawRoles.map((r) => ({
    source: STARTER_SOURCE,
    sourceVersion: version,
    code: r.key,
    title: r.title,
    altTitles: r.altTitles,
    description: r.description,
    requirements: r.requirements
      .filter((req) => knownSkill(req.skill, rolesFile, r.key))
      .map((req) => ({ skill: { source: STARTER_SOURCE, uri: req.skill }, kind: req.kind, importance: req.importance })),
  }));

  const courses: CourseRecord[] = rawCourses.map((c) => ({
    source: STARTER_SOURCE,
    externalId: c.key,
    ...courseOfferingOf(c),
    prerequisites: c.prerequisites.filter((p) => knownCourse(p, c.key)),
    stacksInto: c.stacksInto.filter((s) => knownCourse(s, c.key)),
    skills: c.skills
      .filter((link) => knownSkill(link.skill, coursesFile, c.key))
      .map((link) => ({
        skill: { source: STARTER_SOURCE, uri: link.skill },
        confidence: link.confidence,
        evidence: { kind: link.evidence.kind, span: link.evidence.kind === 'text' ? link.evidence.span : null },
      })),
  }));

  return { source: { name: STARTER_SOURCE, kind: 'catalog', version }, skills, roles, courses, problems };
}
