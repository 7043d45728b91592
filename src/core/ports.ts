/**
 * What the core needs from the outside world. Adapters implement these; tests use fakes.
 */
import type { Collection, CourseDetail, CourseSummary, DataSourceVersion, RoleDetail, RoleSummary, SearchCorpus, Skill, SkillDetail } from './catalog.js';

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

/** What the vector index holds: the three collections, plus one vector per name of each role (see search/role-labels). */
export type VectorCollection = Collection | 'roleLabels';

export interface VectorHit {
  /** The database id of the skill, role or course. */
  id: number;
  /** Cosine similarity in [-1, 1] (vectors are unit length, so inner product). */
  score: number;
}

/**
 * A read-only nearest-neighbour index over skills, roles and courses. Asynchronous, so an
 * index outside the process (pgvector, a vector database) can implement it; the in-process
 * HNSW index answers at once.
 */
export interface VectorIndex {
  readonly version: string;
  readonly model: string;
  readonly dimension: number;
  count(collection: VectorCollection): number;
  /**
   * The stored vectors of known items, in the order asked (null where the index has none), for
   * comparing items without embedding anything. Callers batch (see search/vector-view.ts), so an
   * index outside the process answers in one round trip.
   */
  vectorsOf(collection: VectorCollection, ids: readonly number[]): Promise<(Float32Array | null)[]>;
  search(collection: VectorCollection, vector: Float32Array, k: number, filter?: (id: number) => boolean): Promise<VectorHit[]>;
}

/** The command that builds an index version, named in messages that say how to get one. */
export const REFRESH_COMMAND = 'skillpath index refresh';

/** The collections every index version holds, in a fixed order. */
export const VECTOR_COLLECTIONS: readonly VectorCollection[] = ['skills', 'roles', 'courses', 'roleLabels'];

/** Which embedder an index must have been built with to be served. */
export interface ExpectedIndex {
  model: string;
  dimension: number;
}

/** What a published index version says about itself. */
export interface IndexVersion extends ExpectedIndex {
  version: string;
  createdAt: string;
  /** The refresh's hash of everything indexed plus the model, so an unchanged refresh can skip building. */
  fingerprint: string;
  counts: Record<VectorCollection, number>;
  sourceVersions: Record<string, string>;
}

/** One collection built during a refresh: searched in-process (course linking), then published. */
export interface BuiltCollection {
  readonly dimension: number;
  readonly count: number;
  search(vector: Float32Array, k: number, filter?: (id: number) => boolean): VectorHit[];
}

/**
 * Where index versions are built, published, listed, loaded and pruned: the write side of the
 * vector index. A refresh builds collections and publishes them as one version; a server loads
 * the newest version for its model and watches for newer ones. Versions are named so that
 * newer sorts after older.
 */
export interface IndexStore {
  /** Where versions live, for status lines (a folder today). */
  readonly location: string;
  build(dimension: number, items: readonly { id: number }[], vectors: readonly Float32Array[]): Promise<BuiltCollection>;
  /** Publishes all collections as one new version, atomically: readers see all of it or nothing. */
  publish(build: Omit<IndexVersion, 'version' | 'createdAt' | 'counts'> & { collections: Record<VectorCollection, BuiltCollection> }): Promise<IndexVersion>;
  /** Readable versions, newest first. */
  list(): Promise<IndexVersion[]>;
  /** Names of complete versions, newest first, cheaply (for watching); broken ones included so loading reports them. */
  versionNames(): Promise<string[]>;
  /** Loads and verifies one version; refuses a mismatched model (`index_mismatch`) or damaged files (`index_corrupt`). */
  load(version: string, expected: ExpectedIndex): Promise<VectorIndex>;
  /**
   * Keeps the `keep` newest versions (at least one), and any version a live node reported
   * serving, and removes leftovers of crashed builds; returns the removed versions.
   */
  prune(keep: number): Promise<string[]>;
  /** A serving node says which version it serves (called periodically), so pruning keeps it. */
  reportServing(node: string, version: string): Promise<void>;
  /** Removes leftovers of crashed builds (a server does this at start). */
  clean(): Promise<void>;
}

/** Background jobs (index refreshes) as several replicas share them: leased, with progress. */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobProgress {
  stage: string | null;
  done: number | null;
  total: number | null;
}

export interface Job {
  id: string;
  kind: string;
  status: JobStatus;
  progress: JobProgress;
  summary: Record<string, unknown> | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface JobStore {
  /** A queued job owned (leased) by `owner`, its heartbeat set to now; `params` let another replica run it again. */
  create(kind: string, owner: string, params?: Record<string, unknown>): Promise<Job>;
  /** Renews the lease of a job this owner runs; false when another replica took it over. */
  heartbeat(id: string, owner: string): Promise<boolean>;
  /** With `owner`, only while that owner holds the job; false when it does not (any more). */
  update(id: string, patch: Partial<Pick<Job, 'status' | 'progress' | 'summary' | 'error'>> & { started?: boolean; finished?: boolean }, owner?: string): Promise<boolean>;
  get(id: string): Promise<Job | null>;
  /**
   * Jobs whose owner stopped renewing the lease for `leaseMs` — a process that died — will never
   * finish: marks them failed. Jobs another live process runs are left alone.
   */
  failInterrupted(reason: string, leaseMs: number, exceptKinds?: readonly string[], maxAttempts?: number): Promise<number>;
  /**
   * Claims one job of these kinds whose lease lapsed for `leaseMs` (its owner died) and that
   * has run fewer than `maxAttempts` times: the claim makes `owner` its owner and counts an
   * attempt atomically, so of several replicas trying at once one gets it.
   */
  takeOver(owner: string, leaseMs: number, kinds: readonly string[], maxAttempts: number): Promise<{ job: Job; params: Record<string, unknown> } | null>;
}
