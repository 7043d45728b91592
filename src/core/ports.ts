/**
 * What the core needs from the outside world. Adapters implement these; tests use fakes.
 */
import type { CourseDetail, CourseSummary, DataSourceVersion, RoleDetail, RoleSummary, Skill, SkillDetail } from './catalog.js';
import type { SearchCorpus } from './search/corpus.js';

/** Read access to the skills graph and course catalog. */
export interface CatalogStore {
  skillsByIds(ids: number[]): Promise<Skill[]>;
  rolesByIds(ids: number[]): Promise<RoleSummary[]>;
  coursesByIds(ids: number[]): Promise<CourseSummary[]>;
  /** The active (not retired) records that in-memory search is built from. */
  searchCorpus(): Promise<SearchCorpus>;
  getSkill(id: number): Promise<SkillDetail | null>;
  /** Resolves an external identity (ESCO URI, O*NET code, starter key) to an internal id. */
  findSkillId(externalId: string): Promise<number | null>;
  getRole(id: number): Promise<RoleDetail | null>;
  findRoleId(externalId: string): Promise<number | null>;
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
/** What the vector index holds: the three collections, plus one vector per name of each role (see search/role-labels). */
export type VectorCollection = Collection | 'roleLabels';

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
  count(collection: VectorCollection): number;
  /** The stored vector of an item, for comparing two known items without embedding anything. */
  vectorOf(collection: VectorCollection, id: number): Float32Array | null;
  search(collection: VectorCollection, vector: Float32Array, k: number, filter?: (id: number) => boolean): VectorHit[];
}
