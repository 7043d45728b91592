/**
 * The relational model. The database is the source of truth; the vector index is derived
 * from it and can always be rebuilt.
 *
 * Ids are integer identities because hnswlib labels must be integers and joins stay cheap;
 * every catalog record also keeps its external identity (`source` + `uri`/`code`/`externalId`)
 * so re-ingesting a source upserts instead of duplicating.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Raw bytes. Vectors are stored as little-endian float32 bytes rather than `real[]`: reading
 * tens of thousands of vectors back is a memcpy instead of parsing millions of decimal strings.
 */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // postgres.js hands back a Buffer, PGlite a Uint8Array.
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
});

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** sha256 of the record as its source gave it: equal hash on re-ingest means "unchanged", skip it. */
const contentHash = () => text('content_hash');
/** Set when a re-ingest of its source no longer contains the record; kept so ids and history stay valid. */
const retiredAt = () => timestamp('retired_at', { withTimezone: true });
const attributes = () => jsonb('attributes').$type<Record<string, unknown>>().notNull().default({});

/** Loaded taxonomies and catalogs with their versions, so every answer can cite them. */
export const dataSources = pgTable(
  'data_sources',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** Short stable name: `esco`, `onet`, `starter`, `coursera`, ... */
    name: text('name').notNull(),
    kind: text('kind', { enum: ['taxonomy', 'catalog'] }).notNull(),
    version: text('version').notNull(),
    /** Record counts by type, e.g. `{ "skills": 150, "roles": 18 }`. */
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    checksum: text('checksum'),
    loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('data_sources_name_kind_key').on(t.name, t.kind)],
);

export const skills = pgTable(
  'skills',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    source: text('source').notNull(),
    sourceVersion: text('source_version').notNull(),
    /** ESCO concept URI, O*NET element id / commodity code, or the starter key. */
    uri: text('uri').notNull(),
    label: text('label').notNull(),
    altLabels: text('alt_labels').array().notNull().default(sql`'{}'::text[]`),
    description: text('description').notNull().default(''),
    /** `skill`, `knowledge`, `tool`, `transversal` (ESCO's skill/competence types and O*NET's element kinds map here). */
    skillType: text('skill_type').notNull(),
    /** Display group used by charts; the broader hierarchy carries the real structure. */
    skillGroup: text('skill_group'),
    attributes: attributes(),
    contentHash: contentHash(),
    retiredAt: retiredAt(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('skills_source_uri_key').on(t.source, t.uri), index('skills_label_idx').on(t.label)],
);

/**
 * Directed skill-to-skill links. `broader` means from is narrower than to; narrower links are
 * read in reverse, never stored twice. `equivalent` links skills across taxonomies and `method`
 * records how the equivalence was established.
 */
export const skillRelations = pgTable(
  'skill_relations',
  {
    fromSkillId: integer('from_skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    toSkillId: integer('to_skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    relation: text('relation', { enum: ['broader', 'related', 'equivalent'] }).notNull(),
    source: text('source').notNull(),
    method: text('method'),
    confidence: real('confidence'),
  },
  (t) => [
    primaryKey({ columns: [t.fromSkillId, t.toSkillId, t.relation] }),
    index('skill_relations_to_idx').on(t.toSkillId, t.relation),
  ],
);

export const roles = pgTable(
  'roles',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    source: text('source').notNull(),
    sourceVersion: text('source_version').notNull(),
    /** O*NET-SOC code (`15-2051.00`), ESCO occupation URI, or the starter key. */
    code: text('code').notNull(),
    title: text('title').notNull(),
    altTitles: text('alt_titles').array().notNull().default(sql`'{}'::text[]`),
    description: text('description').notNull().default(''),
    attributes: attributes(),
    contentHash: contentHash(),
    retiredAt: retiredAt(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('roles_source_code_key').on(t.source, t.code)],
);

export const roleSkills = pgTable(
  'role_skills',
  {
    roleId: integer('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    skillId: integer('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['essential', 'optional'] }).notNull(),
    /** Normalised to (0, 1]: O*NET importance ratings and ESCO essential/optional both map here. */
    importance: real('importance').notNull(),
    /** [0, 1]: how much of the skill the role needs, where the source rates it (O*NET level / 7). */
    level: real('level'),
    attributes: attributes(),
    source: text('source').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.roleId, t.skillId] }),
    index('role_skills_skill_idx').on(t.skillId),
    check('role_skills_importance_range', sql`${t.importance} > 0 and ${t.importance} <= 1`),
  ],
);

export const courses = pgTable(
  'courses',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The catalog it came from (`starter`, `coursera`, `edx`, ...). */
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    provider: text('provider').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    url: text('url'),
    hours: real('hours'),
    cost: numeric('cost', { precision: 12, scale: 2, mode: 'number' }),
    currency: text('currency'),
    level: text('level', { enum: ['beginner', 'intermediate', 'advanced'] }),
    language: text('language'),
    format: text('format'),
    credentialType: text('credential_type'),
    issuer: text('issuer'),
    attributes: attributes(),
    contentHash: contentHash(),
    /** Hash of what skill linking last read (tags, description, taxonomy); equal means no relinking needed. */
    linkHash: text('link_hash'),
    retiredAt: retiredAt(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('courses_source_external_id_key').on(t.source, t.externalId),
    index('courses_provider_idx').on(t.provider),
    check('courses_hours_nonnegative', sql`${t.hours} is null or ${t.hours} >= 0`),
    check('courses_cost_nonnegative', sql`${t.cost} is null or ${t.cost} >= 0`),
  ],
);

/** Related roles within a source (O*NET related occupations), best first by rank. */
export const roleRelations = pgTable(
  'role_relations',
  {
    fromRoleId: integer('from_role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    toRoleId: integer('to_role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    rank: integer('rank').notNull(),
    source: text('source').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fromRoleId, t.toRoleId] })],
);

/** Skill names a catalog states for a course, kept raw so linking can be redone as taxonomies change. */
export const courseSkillTags = pgTable(
  'course_skill_tags',
  {
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    kind: text('kind', { enum: ['tag', 'alignment'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.label] })],
);

export const coursePrerequisites = pgTable(
  'course_prerequisites',
  {
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    prerequisiteId: integer('prerequisite_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.prerequisiteId] })],
);

/** "Completing course X counts towards the larger credential Y." */
export const courseStacks = pgTable(
  'course_stacks',
  {
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    stacksIntoId: integer('stacks_into_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.stacksIntoId] })],
);

export const courseSkills = pgTable(
  'course_skills',
  {
    courseId: integer('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    skillId: integer('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    confidence: real('confidence').notNull(),
    /** `tag`/`alignment`: the catalog says so; `title`, `outcome` (stated outcomes, syllabus), `text` (description): inferred, span holds the words. */
    evidenceKind: text('evidence_kind', { enum: ['title', 'tag', 'alignment', 'outcome', 'text'] }).notNull(),
    evidenceSpan: text('evidence_span'),
    source: text('source').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.courseId, t.skillId] }),
    index('course_skills_skill_idx').on(t.skillId),
    check('course_skills_confidence_range', sql`${t.confidence} > 0 and ${t.confidence} <= 1`),
  ],
);

export const learners = pgTable('learners', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  /** The calling platform's own learner id; unique so repeated calls attach to one learner. */
  externalRef: text('external_ref').notNull().unique(),
  displayName: text('display_name'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const learnerCredentials = pgTable(
  'learner_credentials',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    learnerId: integer('learner_id')
      .notNull()
      .references(() => learners.id, { onDelete: 'cascade' }),
    /** Set when the credential resolved to a catalog course. */
    courseId: integer('course_id').references(() => courses.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    issuer: text('issuer'),
    issuedOn: timestamp('issued_on', { withTimezone: true }),
    /** The original assertion (e.g. an Open Badges 3.0 credential) kept as evidence. */
    evidence: jsonb('evidence'),
    createdAt: createdAt(),
  },
  (t) => [index('learner_credentials_learner_idx').on(t.learnerId)],
);

export const learnerSkills = pgTable(
  'learner_skills',
  {
    learnerId: integer('learner_id')
      .notNull()
      .references(() => learners.id, { onDelete: 'cascade' }),
    skillId: integer('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    level: text('level', { enum: ['beginner', 'intermediate', 'advanced'] }),
    confidence: real('confidence').notNull(),
    /** Human-readable evidence: "credential: Google Data Analytics", "text: 'built SQL dashboards'". */
    evidence: text('evidence').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.learnerId, t.skillId] })],
);

/** Every vector ever computed, so nothing is embedded twice. */
export const embeddingCache = pgTable(
  'embedding_cache',
  {
    model: text('model').notNull(),
    /** sha256 of the exact text embedded. */
    contentHash: text('content_hash').notNull(),
    dimension: integer('dimension').notNull(),
    vector: bytea('vector').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.model, t.contentHash] })],
);

export const indexBuilds = pgTable('index_builds', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  version: text('version').notNull().unique(),
  model: text('model').notNull(),
  dimension: integer('dimension').notNull(),
  status: text('status', { enum: ['building', 'complete', 'failed'] }).notNull(),
  /** Hash of everything indexed and the model; an unchanged fingerprint means no rebuild. */
  fingerprint: text('fingerprint'),
  /** Hash of the skill taxonomy the build linked against; a change means relinking equivalences. */
  taxonomyFingerprint: text('taxonomy_fingerprint'),
  counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
  /** Source name → version for every taxonomy and catalog the build read. */
  sourceVersions: jsonb('source_versions').$type<Record<string, string>>().notNull().default({}),
  /** Per collection, item id → hash of the embedded text; kept for the newest build only, to diff the next. */
  items: jsonb('items').$type<Record<string, Record<string, string>>>(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
});

/** One row per answered recommendation or gap report, with the versions it used. */
export const recommendationLog = pgTable(
  'recommendation_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: text('request_id'),
    kind: text('kind', { enum: ['recommendation', 'gap_report'] }).notNull(),
    learnerRef: text('learner_ref'),
    roleId: integer('role_id').references(() => roles.id, { onDelete: 'set null' }),
    /** A compact record of the request (hash, learner, target, how much was given, limits), not its body. */
    request: jsonb('request').notNull(),
    /** Small summary (course ids, coverage, totals), not the whole response. */
    summary: jsonb('summary').notNull(),
    versions: jsonb('versions').$type<Record<string, string>>().notNull(),
    optimal: boolean('optimal'),
    durationMs: doublePrecision('duration_ms'),
    createdAt: createdAt(),
  },
  (t) => [index('recommendation_log_created_idx').on(t.createdAt)],
);

/** Background jobs started from the API (index refresh), so their progress survives the request. */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] }).notNull(),
    progress: jsonb('progress').$type<Record<string, unknown>>().notNull().default({}),
    summary: jsonb('summary').$type<Record<string, unknown>>(),
    error: text('error'),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** The process running it (host:pid:nonce); with the heartbeat, the job's lease. */
    owner: text('owner'),
    /** Renewed while the owner runs the job; a job whose heartbeat is older than the lease is dead. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    /** What the job was started with, so another replica can run it again after its owner died. */
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    /** Runs started: 1, plus one per take-over; a job that keeps killing its replicas stops at MAX_JOB_ATTEMPTS. */
    attempts: integer('attempts').notNull().default(1),
  },
  (t) => [index('jobs_created_idx').on(t.createdAt)],
);

/** Stored gap reports: the full answer as it was given, shareable by id, listable per learner. */
export const gapReports = pgTable(
  'gap_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learnerRef: text('learner_ref'),
    roleId: integer('role_id').references(() => roles.id, { onDelete: 'set null' }),
    request: jsonb('request').notNull(),
    recommendation: jsonb('recommendation').notNull(),
    /** The caller's Idempotency-Key, when given: a retry with it gets this report, not a second one. */
    idempotencyKey: text('idempotency_key'),
    /** Hash of the request the key was first used with; the same key with another request is refused. */
    requestHash: text('request_hash'),
    createdAt: createdAt(),
  },
  (t) => [index('gap_reports_learner_idx').on(t.learnerRef, t.createdAt), uniqueIndex('gap_reports_idempotency_key_idx').on(t.idempotencyKey)],
);

/** API keys: only a scrypt hash of each secret is kept (see core/api-keys.ts). */
export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  scopes: jsonb('scopes').notNull(),
  salt: text('salt').notNull(),
  hash: text('hash').notNull(),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/**
 * Published index versions, shared by every serving node: the manifest here, the files in
 * `index_files` as chunks. A version appears in one transaction, so a node sees all of it or
 * none; INDEX_DIR is only each node's cache of what it loaded.
 */
export const indexVersions = pgTable('index_versions', {
  version: text('version').primaryKey(),
  model: text('model').notNull(),
  dimension: integer('dimension').notNull(),
  fingerprint: text('fingerprint').notNull(),
  /** The manifest as the file store writes it (counts, source versions, files with sha256). */
  manifest: jsonb('manifest').$type<Record<string, unknown>>().notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The bytes of each published index file, in chunks small enough for one protocol message. */
export const indexFiles = pgTable(
  'index_files',
  {
    version: text('version')
      .notNull()
      .references(() => indexVersions.version, { onDelete: 'cascade' }),
    file: text('file').notNull(),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.version, t.file, t.seq] })],
);

/**
 * Which index version each serving node reported serving, and when: pruning keeps these, so a
 * node that refused newer versions (built with another model during a rolling upgrade) still
 * finds its own after a restart.
 */
export const indexReaders = pgTable('index_readers', {
  node: text('node').primaryKey(),
  version: text('version').notNull(),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
});
