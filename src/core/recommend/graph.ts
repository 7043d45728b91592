/**
 * The catalog as the recommendation engine reads it: an in-memory, read-only graph of skills,
 * roles, courses and the links between them. Loaded with each search snapshot, so a request
 * answers from one consistent version in microseconds instead of a dozen database queries.
 */
import type { CourseSummary, Level, RoleSummary, SkillRef, SkillType } from '../catalog.js';
import { courseQuality, type CourseQuality } from './course-quality.js';

export interface GraphSkill extends SkillRef {
  group: string | null;
  /** ESCO's transversal skills and O*NET's technology examples are weighted and planned differently. */
  type?: SkillType;
}

export interface GraphRequirement {
  skillId: number;
  kind: 'essential' | 'optional';
  importance: number;
  level: number | null;
  /** Source flags that signal demand (O*NET hot technology / in demand). */
  inDemand: boolean;
  hotTechnology: boolean;
}

export interface GraphCourseSkill {
  skillId: number;
  confidence: number;
  evidenceKind: 'title' | 'tag' | 'alignment' | 'outcome' | 'text';
  span: string | null;
}

export interface CatalogGraph {
  skills: Map<number, GraphSkill>;
  /** External URI or code → skill ids (one per taxonomy that uses it). */
  skillByUri: Map<string, number[]>;
  /** Skill id → more general skills. */
  broader: Map<number, number[]>;
  /** Skill id → more specific skills. */
  narrower: Map<number, number[]>;
  /** Skill id → equivalent skills in other taxonomies (both directions). */
  equivalent: Map<number, number[]>;
  roles: Map<number, RoleSummary>;
  /** O*NET-SOC code, ESCO URI or starter key → role id. */
  roleByCode: Map<string, number>;
  requirements: Map<number, GraphRequirement[]>;
  courses: Map<number, CourseSummary>;
  /** External id or URL → course id. */
  courseByExternalId: Map<string, number>;
  /** Course id → its credibility signals and score, computed once when the graph loads. */
  quality: Map<number, CourseQuality>;
  courseSkills: Map<number, GraphCourseSkill[]>;
  /** Skill id → courses that teach it. */
  coursesBySkill: Map<number, number[]>;
  prerequisites: Map<number, number[]>;
  stacksInto: Map<number, number[]>;
  stackedFrom: Map<number, number[]>;
  /** Source name → version, for the versions every answer carries. */
  sourceVersions: { taxonomies: Record<string, string>; catalogs: Record<string, string> };
  /** Typical hours and cost of a course, used (and flagged) where a catalog does not say. */
  typical: { hours: number; cost: number };
}

export const LEVEL_RANK: Record<Level, 0 | 1 | 2> = { beginner: 0, intermediate: 1, advanced: 2 };

export function emptyGraph(): CatalogGraph {
  return {
    skills: new Map(),
    skillByUri: new Map(),
    broader: new Map(),
    narrower: new Map(),
    equivalent: new Map(),
    roles: new Map(),
    roleByCode: new Map(),
    requirements: new Map(),
    courses: new Map(),
    courseByExternalId: new Map(),
    quality: new Map(),
    courseSkills: new Map(),
    coursesBySkill: new Map(),
    prerequisites: new Map(),
    stacksInto: new Map(),
    stackedFrom: new Map(),
    sourceVersions: { taxonomies: {}, catalogs: {} },
    typical: { hours: 10, cost: 0 },
  };
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A course's quality: as loaded with the graph, or read from its columns alone for a graph built by hand. */
export function qualityOf(graph: CatalogGraph, courseId: number): CourseQuality {
  return graph.quality.get(courseId) ?? courseQuality(graph.courses.get(courseId)!);
}
