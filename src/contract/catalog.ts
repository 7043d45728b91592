import { Type } from 'typebox';
import { CourseRef, Level, Nullable, Paging, SearchText, SkillRef } from './common.js';

const Score = Type.Number({ minimum: 0, maximum: 1, description: 'Relevance within this result list' });
const Total = Type.Integer({ minimum: 0, description: 'Matches across all pages (searches rank at most the best few hundred)' });
const Mode = Type.Enum(['hybrid', 'lexical', 'list'], {
  description: 'hybrid: keyword and embedding search fused; lexical: keyword search alone (no model or index); list: no query, by title',
});

export const Skill = Type.Object(
  {
    id: Type.Integer(),
    source: Type.String({ description: 'Taxonomy: esco, onet, starter, ...' }),
    sourceVersion: Type.String(),
    uri: Type.String({ description: 'External identity in its taxonomy' }),
    label: Type.String(),
    altLabels: Type.Array(Type.String()),
    description: Type.String(),
    type: Type.Enum(['skill', 'knowledge', 'tool', 'transversal']),
    group: Nullable(Type.String()),
  },
  { $id: 'Skill' },
);

export const SkillDetail = Type.Object(
  {
    ...Skill.properties,
    broader: Type.Array(Type.Ref('SkillRef')),
    narrower: Type.Array(Type.Ref('SkillRef')),
    related: Type.Array(Type.Ref('SkillRef')),
    requiredByRoles: Type.Integer({ minimum: 0 }),
    taughtByCourses: Type.Integer({ minimum: 0 }),
    retiredAt: Nullable(Type.String({ format: 'date-time', description: 'Set when its source stopped listing it' })),
  },
  { $id: 'SkillDetail' },
);

export const SkillList = Type.Object({
  items: Type.Array(Type.Object({ ...Skill.properties, score: Score })),
  total: Total,
  limit: Type.Integer(),
  offset: Type.Integer(),
  mode: Mode,
});

export const SkillSearchQuery = Type.Object(
  { q: Type.Optional(SearchText), source: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })), ...Paging },
  { additionalProperties: false },
);

export const Role = Type.Object(
  {
    id: Type.Integer(),
    source: Type.String({ description: 'esco, onet or starter' }),
    code: Type.String({ description: 'O*NET-SOC code (e.g. 15-2051.00), ESCO occupation URI, or starter key' }),
    title: Type.String(),
    altTitles: Type.Array(Type.String()),
    description: Type.String(),
  },
  { $id: 'Role' },
);

export const RoleDetail = Type.Object(
  {
    ...Role.properties,
    sourceVersion: Type.String(),
    retiredAt: Nullable(Type.String({ format: 'date-time' })),
    requirements: Type.Array(
      Type.Object({
        skill: Type.Ref('SkillRef'),
        kind: Type.Enum(['essential', 'optional']),
        importance: Type.Number({ minimum: 0, maximum: 1 }),
        source: Type.String(),
      }),
    ),
  },
  { $id: 'RoleDetail' },
);

export const RoleList = Type.Object({
  items: Type.Array(Type.Object({ ...Role.properties, score: Score })),
  total: Total,
  limit: Type.Integer(),
  offset: Type.Integer(),
  mode: Mode,
});

export const RoleSearchQuery = SkillSearchQuery;

export const Course = Type.Object(
  {
    id: Type.Integer(),
    source: Type.String({ description: 'The catalog it came from' }),
    externalId: Type.String(),
    provider: Type.String(),
    title: Type.String(),
    description: Type.String(),
    url: Nullable(Type.String()),
    hours: Nullable(Type.Number({ minimum: 0 })),
    cost: Nullable(Type.Number({ minimum: 0 })),
    currency: Nullable(Type.String()),
    level: Nullable(Level),
    language: Nullable(Type.String()),
    format: Nullable(Type.String()),
    credentialType: Nullable(Type.String()),
    issuer: Nullable(Type.String()),
  },
  { $id: 'Course' },
);

export const CourseDetail = Type.Object(
  {
    ...Course.properties,
    skills: Type.Array(
      Type.Object({
        skill: Type.Ref('SkillRef'),
        confidence: Type.Number({ minimum: 0, maximum: 1 }),
        evidence: Type.Object({
          kind: Type.Enum(['title', 'tag', 'alignment', 'outcome', 'text'], {
            description: 'tag: listed by the catalog; alignment: a credential alignment; title, outcome (stated outcomes or syllabus), text (description): inferred from those words',
          }),
          span: Nullable(Type.String({ description: 'The words that gave the skill, for text evidence' })),
        }),
      }),
    ),
    prerequisites: Type.Array(Type.Ref('CourseRef')),
    stacksInto: Type.Array(Type.Ref('CourseRef'), { description: 'Larger credentials this one counts towards' }),
    stackedFrom: Type.Array(Type.Ref('CourseRef'), { description: 'Smaller credentials that count towards this one' }),
    retiredAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'CourseDetail' },
);

export const CourseList = Type.Object({
  items: Type.Array(Type.Object({ ...Course.properties, score: Score })),
  total: Total,
  limit: Type.Integer(),
  offset: Type.Integer(),
  mode: Mode,
});

export const CourseSearchQuery = Type.Object(
  {
    q: Type.Optional(SearchText),
    skill: Type.Optional(Type.String({ minLength: 1, maxLength: 512, description: 'Only courses teaching this skill (id or URI)' })),
    provider: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    ...Paging,
  },
  { additionalProperties: false },
);

export const sharedSchemas = [SkillRef, CourseRef, Skill, SkillDetail, Role, RoleDetail, Course, CourseDetail];
