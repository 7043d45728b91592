/** Catalog entities as the core sees them: plain data, independent of storage. */

export type SkillType = 'skill' | 'knowledge' | 'tool' | 'transversal';
export type Level = 'beginner' | 'intermediate' | 'advanced';

export interface SkillRef {
  id: number;
  label: string;
  source: string;
  uri: string;
}

export interface Skill extends SkillRef {
  sourceVersion: string;
  altLabels: string[];
  description: string;
  type: SkillType;
  group: string | null;
}

export interface SkillDetail extends Skill {
  /** When its source stopped listing it; retired records are kept but no longer searched. */
  retiredAt: string | null;
  broader: SkillRef[];
  narrower: SkillRef[];
  related: SkillRef[];
  /** Number of roles that require this skill and courses that teach it. */
  requiredByRoles: number;
  taughtByCourses: number;
}

export interface RoleSummary {
  id: number;
  source: string;
  code: string;
  title: string;
  altTitles: string[];
  description: string;
}

export interface RoleRequirement {
  skill: SkillRef;
  kind: 'essential' | 'optional';
  importance: number;
  source: string;
}

export interface RoleDetail extends RoleSummary {
  retiredAt: string | null;
  sourceVersion: string;
  requirements: RoleRequirement[];
}

/**
 * A course's own fields, declared once: the core's CourseSummary and the ingest CourseRecord
 * both extend it, so a new course field is added here.
 */
export interface CourseFields {
  source: string;
  externalId: string;
  title: string;
  provider: string;
  description: string;
  url: string | null;
  hours: number | null;
  cost: number | null;
  currency: string | null;
  level: Level | null;
  language: string | null;
  format: string | null;
  credentialType: string | null;
  issuer: string | null;
}

export interface CourseRef extends Pick<CourseFields, 'title' | 'provider'> {
  id: number;
}

export interface CourseSummary extends CourseRef, CourseFields {}

export interface CourseSkillLink {
  skill: SkillRef;
  confidence: number;
  evidence: { kind: 'title' | 'tag' | 'alignment' | 'outcome' | 'text'; span: string | null };
}

export interface CourseDetail extends CourseSummary {
  retiredAt: string | null;
  skills: CourseSkillLink[];
  prerequisites: CourseRef[];
  stacksInto: CourseRef[];
  stackedFrom: CourseRef[];
}

export interface SearchHit<T> {
  item: T;
  /** Relevance in [0, 1]; comparable within one result list only. */
  score: number;
}

export interface DataSourceVersion {
  name: string;
  kind: 'taxonomy' | 'catalog';
  version: string;
  counts: Record<string, number>;
  loadedAt: string;
}

/** The three kinds of catalog record that search and the vector index hold. */
export type Collection = 'skills' | 'roles' | 'courses';

export interface SearchDocument {
  id: number;
  /** Skill label, role title or course title. */
  title: string;
  altTitles: string[];
  description: string;
  /** Taxonomy or catalog name. */
  source: string;
  /** Courses: the provider, for filtering. */
  provider?: string;
  /** Courses: the skills they teach, for filtering. */
  skillIds?: number[];
}

export type SearchCorpus = Record<Collection, Map<number, SearchDocument>>;

export const emptyCorpus = (): SearchCorpus => ({ skills: new Map(), roles: new Map(), courses: new Map() });
