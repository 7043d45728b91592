/**
 * What the core needs from the outside world. Adapters implement these; tests use fakes.
 */
import type {
  CourseDetail,
  CourseSummary,
  DataSourceVersion,
  RoleDetail,
  RoleSummary,
  SearchHit,
  Skill,
  SkillDetail,
} from './catalog.js';

export interface SkillQuery {
  q?: string;
  source?: string;
  limit: number;
  offset: number;
}

export interface RoleQuery {
  q?: string;
  source?: string;
  limit: number;
  offset: number;
}

export interface CourseQuery {
  q?: string;
  /** Only courses linked to this skill id. */
  skillId?: number;
  provider?: string;
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: SearchHit<T>[];
  total: number;
}

/** Read access to the skills graph and course catalog. */
export interface CatalogStore {
  searchSkills(query: SkillQuery): Promise<Page<Skill>>;
  getSkill(id: number): Promise<SkillDetail | null>;
  /** Resolves an external identity (ESCO URI, O*NET code, starter key) to an internal id. */
  findSkillId(externalId: string): Promise<number | null>;
  searchRoles(query: RoleQuery): Promise<Page<RoleSummary>>;
  getRole(id: number): Promise<RoleDetail | null>;
  findRoleId(externalId: string): Promise<number | null>;
  searchCourses(query: CourseQuery): Promise<Page<CourseSummary>>;
  getCourse(id: number): Promise<CourseDetail | null>;
  findCourseId(externalId: string): Promise<number | null>;
  dataSources(): Promise<DataSourceVersion[]>;
}

/** Turns texts into unit-length vectors (cosine similarity = dot product). */
export interface Embedder {
  readonly modelId: string;
  readonly dimension: number;
  embed(texts: string[]): Promise<Float32Array[]>;
}

export type ComponentState = 'ready' | 'loading' | 'unavailable' | 'not_built' | 'disabled' | 'down';

export interface ComponentHealth {
  status: ComponentState;
  detail?: string;
}

export interface Clock {
  now(): Date;
}

export type Collection = 'skills' | 'roles' | 'courses';

export interface VectorHit {
  /** The database id of the skill, role or course. */
  id: number;
  /** Cosine similarity in [-1, 1] (vectors are unit length, so inner product). */
  score: number;
}

/** A loaded, read-only nearest-neighbour index over skills, roles and courses. */
export interface VectorIndex {
  readonly version: string;
  readonly model: string;
  readonly dimension: number;
  count(collection: Collection): number;
  search(collection: Collection, vector: Float32Array, k: number, filter?: (id: number) => boolean): VectorHit[];
}
