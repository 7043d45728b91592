/**
 * The index refresh: embeds every active skill, role and course through the embedding cache,
 * links course tags and descriptions to taxonomy skills, links equivalent skills across
 * taxonomies, and writes a new vector index version — or nothing, when nothing changed.
 *
 * Safe to interrupt: links are written per batch in transactions, vectors are cached as they
 * are computed, and a new index version appears only by an atomic rename at the very end, so
 * the live index is never touched and a re-run picks up where the last one stopped.
 */
import { createHash } from 'node:crypto';
import { textHash, type EmbeddingCache } from '../adapters/db/embedding-cache.js';
import type { Database } from '../adapters/db/client.js';
import {
  catalogState,
  countEquivalences,
  latestIndexBuild,
  loadCoursesForLinking,
  loadIndexItems,
  recordIndexBuild,
  writeCourseLinks,
  writeEquivalences,
  type Equivalence,
  type IndexItems,
} from '../adapters/db/index-source.js';
import { embedWithCache } from '../adapters/embeddings/cached-embedding.js';
import type { DataSourceVersion, SearchDocument } from '../core/catalog.js';
import { VECTOR_COLLECTIONS, type BuiltCollection, type Embedder, type IndexStore, type VectorCollection } from '../core/ports.js';
import { PhraseDictionary } from '../core/search/phrase-dictionary.js';
import { DEFAULT_LINKER_TUNING, LINK_CONFIDENCE, linkCourse, textsToEmbed } from '../core/search/course-linker.js';
import { stableStringify } from '../core/stable-json.js';
import { TimeSlicer } from '../core/time-slice.js';
import type { Logger } from '../logger.js';
import { silentProgress, type Progress } from './progress.js';

/** Bumped when the linking rules change (not only their constants), so every course is relinked once. */
const LINKER_VERSION = 4;
const LINKER_SETTINGS = stableStringify({ version: LINKER_VERSION, tuning: DEFAULT_LINKER_TUNING, confidence: LINK_CONFIDENCE });
/** Equivalent across taxonomies by meaning alone only above this cosine. */
export const EQUIVALENCE_SEMANTIC_MIN = 0.9;
/** The taxonomy other sources' skills are aligned to. */
const HUB_TAXONOMY = 'esco';
/** Index versions kept on disk (the newest and a few to roll back to). */
const KEEP_VERSIONS = 3;
const LINK_BATCH = 500;

export interface RefreshDeps {
  db: Database;
  embedder: Embedder;
  cache: EmbeddingCache;
  /** Where index versions are built and published. */
  indexes: IndexStore;
  logger: Logger;
  dataSources: () => Promise<DataSourceVersion[]>;
  /** Active skills with labels and alternative labels, for phrase matching. */
  skillDocuments: () => Promise<SearchDocument[]>;
  progress?: Progress;
}

export interface RefreshSummary {
  /** Items compared with the previous index build. */
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  failed: number;
  /** Texts that had to be embedded (cache misses). */
  embedded: number;
  coursesLinked: number;
  equivalences: number;
  /** The index version serving after the run; `built` says whether this run wrote it. */
  version: string | null;
  built: boolean;
  counts: Record<VectorCollection, number>;
  seconds: number;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

export async function refreshIndex(deps: RefreshDeps, options: { force?: boolean } = {}): Promise<RefreshSummary> {
  const started = performance.now();
  const progress = deps.progress ?? silentProgress;
  const { db, embedder, cache } = deps;

  progress.stage('reading catalog');
  const items = await loadIndexItems(db);
  const hashes = hashItems(items);

  // 1. Vectors for every item, computing only what the cache lacks.
  let embedded = 0;
  const vectors = {} as Record<VectorCollection, Float32Array[]>;
  for (const collection of VECTOR_COLLECTIONS) {
    progress.stage(`embedding ${collection}`);
    const result = await embedWithCache(embedder, cache, items[collection].map((i) => i.text), (done, total) =>
      progress.update(done, total),
    );
    vectors[collection] = result.vectors;
    embedded += result.embedded;
  }

  // 2. Course skills and cross-taxonomy equivalences, only where their inputs changed.
  const skillsById = new Map(items.skills.map((item, i) => [item.id, { item, vector: vectors.skills[i]! }]));
  const state = await catalogState(db);
  // Alternative labels feed phrase matching, so any stored skill change must relink.
  const taxonomyFingerprint = sha(`${embedder.modelId}\n${state.skills}\n${items.skills.map((s) => `${s.id}:${hashes.skills[s.id]}`).join('\n')}`);
  let skillIndex: Promise<BuiltCollection> | null = null;
  const skillCollection = () => (skillIndex ??= deps.indexes.build(embedder.dimension, items.skills, vectors.skills));

  const previous = await latestIndexBuild(db, embedder.modelId);
  const linking = await linkCourses(deps, progress, taxonomyFingerprint, skillCollection);
  embedded += linking.embedded;
  const taxonomyChanged = options.force || previous?.taxonomyFingerprint !== taxonomyFingerprint;
  const equivalences = taxonomyChanged
    ? await linkEquivalences(deps, progress, skillsById, skillCollection)
    : await countEquivalences(db);

  // 3. A new index version only when what it would contain differs from the newest one.
  const fingerprint = sha(
    [
      embedder.modelId,
      String(embedder.dimension),
      taxonomyFingerprint,
      state.all,
      ...VECTOR_COLLECTIONS.map((c) => JSON.stringify(hashes[c])),
      linking.stateHash,
    ].join('\n'),
  );
  const diff = diffItems(previous?.items, hashes);
  const counts = { skills: items.skills.length, roles: items.roles.length, courses: items.courses.length, roleLabels: items.roleLabels.length };
  const onDisk = (await deps.indexes.list())[0];
  const upToDate = !options.force && onDisk?.fingerprint === fingerprint && onDisk.model === embedder.modelId;

  let version = onDisk?.version ?? null;
  if (!upToDate) {
    progress.stage('building vector index', VECTOR_COLLECTIONS.length);
    const collections = {
      skills: await skillCollection(),
      roles: await deps.indexes.build(embedder.dimension, items.roles, vectors.roles),
      courses: await deps.indexes.build(embedder.dimension, items.courses, vectors.courses),
      roleLabels: await deps.indexes.build(embedder.dimension, items.roleLabels, vectors.roleLabels),
    };
    progress.update(VECTOR_COLLECTIONS.length);
    const sourceVersions = Object.fromEntries((await deps.dataSources()).map((s) => [s.name, s.version]));
    const manifest = await deps.indexes.publish({
      model: embedder.modelId,
      dimension: embedder.dimension,
      fingerprint,
      sourceVersions,
      collections,
    });
    version = manifest.version;
    await recordIndexBuild(db, {
      version,
      model: embedder.modelId,
      dimension: embedder.dimension,
      fingerprint,
      taxonomyFingerprint,
      counts,
      sourceVersions,
      items: hashes,
    });
    const pruned = await deps.indexes.prune(KEEP_VERSIONS);
    deps.logger.info({ version, counts, pruned }, 'wrote vector index version');
  }

  return {
    ...diff,
    failed: linking.failed,
    embedded,
    coursesLinked: linking.linked,
    equivalences,
    version,
    built: !upToDate,
    counts,
    seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
  };
}

function hashItems(items: IndexItems): Record<VectorCollection, Record<string, string>> {
  const out = {} as Record<VectorCollection, Record<string, string>>;
  for (const collection of VECTOR_COLLECTIONS) {
    out[collection] = Object.fromEntries(items[collection].map((i) => [String(i.id), textHash(i.text).slice(0, 16)]));
  }
  return out;
}

function diffItems(previous: Record<VectorCollection, Record<string, string>> | undefined, current: Record<VectorCollection, Record<string, string>>) {
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  let removed = 0;
  // Role labels are derived from roles: a changed role is one change, not one per name.
  for (const collection of ['skills', 'roles', 'courses'] as const) {
    const before = previous?.[collection] ?? {};
    const now = current[collection];
    for (const [id, hash] of Object.entries(now)) {
      if (!(id in before)) added++;
      else if (before[id] === hash) unchanged++;
      else updated++;
    }
    for (const id of Object.keys(before)) if (!(id in now)) removed++;
  }
  return { added, updated, unchanged, removed };
}

interface LinkingResult {
  linked: number;
  failed: number;
  embedded: number;
  /** Hash of every course's link state, so relinking alone also yields a new index version. */
  stateHash: string;
}

/**
 * Links each course whose tags, text or the taxonomy changed since it was last linked:
 * stated tags by exact label, then alternative label, then nearest skill above a threshold;
 * descriptions by label phrases and by sentence meaning, each link with its evidence span.
 */
async function linkCourses(
  deps: RefreshDeps,
  progress: Progress,
  taxonomyFingerprint: string,
  skillCollection: () => Promise<BuiltCollection>,
): Promise<LinkingResult> {
  const courses = await loadCoursesForLinking(deps.db);
  // The linker's settings are part of the hash: retuning them relinks every course once.
  const linkHashOf = (c: (typeof courses)[number]) =>
    sha(
      `${taxonomyFingerprint}\n${LINKER_SETTINGS}\n${c.title}\n${c.language ?? ''}\n${c.description}\n${c.outcomes.join('\n')}\n${c.tags.map((t) => `${t.kind}:${t.label}`).join('\n')}`,
    );
  const pending = courses.filter((c) => c.linkHash !== linkHashOf(c));
  const stateHash = () => sha(courses.map((c) => `${c.id}:${c.linkHash ?? ''}`).join('\n'));
  if (pending.length === 0) return { linked: 0, failed: 0, embedded: 0, stateHash: stateHash() };

  const dictionary = PhraseDictionary.build(await deps.skillDocuments());
  const skills = await skillCollection();
  const slicer = new TimeSlicer();

  progress.stage('linking course skills', pending.length);
  let linked = 0;
  let failed = 0;
  let embedded = 0;
  for (let start = 0; start < pending.length; start += LINK_BATCH) {
    const batch = pending.slice(start, start + LINK_BATCH);
    // Everything this batch needs embedded, in one cached call: unmatched tags and sentences.
    const needed = [];
    for (const course of batch) {
      needed.push(textsToEmbed(course, dictionary));
      await slicer.pass();
    }
    const texts = [...new Set(needed.flatMap((n) => [...n.tags, ...n.sentences.map((s) => s.text)]))];
    const { vectors, embedded: n } = await embedWithCache(deps.embedder, deps.cache, texts);
    embedded += n;
    const vectorOf = new Map(texts.map((t, i) => [t, vectors[i]!]));

    const written = [];
    for (const course of batch) {
      try {
        const links = linkCourse(course, dictionary, (vector, k) => skills.search(vector, k), (text) => vectorOf.get(text)!);
        written.push({ courseId: course.id, linkHash: linkHashOf(course), links });
      } catch (error) {
        failed++;
        deps.logger.warn({ courseId: course.id, err: error }, 'could not link course skills');
      }
      await slicer.pass();
    }
    await writeCourseLinks(deps.db, written);
    const byId = new Map(courses.map((c) => [c.id, c]));
    for (const r of written) byId.get(r.courseId)!.linkHash = r.linkHash;
    linked += written.length;
    progress.update(Math.min(start + LINK_BATCH, pending.length), pending.length);
  }
  return { linked, failed, embedded, stateHash: stateHash() };
}

/**
 * Equivalent skills across taxonomies: each non-ESCO skill is aligned to ESCO by identical
 * preferred or alternative label, else by meaning above a high threshold. Recomputed only when
 * the taxonomy changed, and recorded with the method so a person can judge each link.
 */
async function linkEquivalences(
  deps: RefreshDeps,
  progress: Progress,
  skillsById: Map<number, { vector: Float32Array }>,
  skillCollection: () => Promise<BuiltCollection>,
): Promise<number> {
  progress.stage('linking equivalent skills across taxonomies');
  const docs = await deps.skillDocuments();
  const hubDocs = docs.filter((d) => d.source === HUB_TAXONOMY);
  const hubDictionary = PhraseDictionary.build(hubDocs);
  if (hubDocs.length === 0) {
    await writeEquivalences(deps.db, []);
    return 0;
  }
  const hubIds = new Set(hubDocs.map((d) => d.id));
  const skills = await skillCollection();
  const slicer = new TimeSlicer();
  const rows: Equivalence[] = [];
  for (const doc of docs) {
    await slicer.pass();
    if (doc.source === HUB_TAXONOMY) continue;
    const byLabel = hubDictionary.lookup(doc.title);
    if (byLabel.length > 0) {
      for (const entry of byLabel.slice(0, 2)) {
        rows.push({
          fromSkillId: doc.id,
          toSkillId: entry.skillId,
          method: entry.kind === 'label' ? 'exact_label' : 'alt_label',
          confidence: entry.kind === 'label' ? 0.95 : 0.85,
        });
      }
      continue;
    }
    const vector = skillsById.get(doc.id)?.vector;
    if (!vector) continue;
    const [nearest] = skills.search(vector, 1, (id) => hubIds.has(id));
    if (nearest && nearest.score >= EQUIVALENCE_SEMANTIC_MIN) {
      rows.push({ fromSkillId: doc.id, toSkillId: nearest.id, method: 'semantic', confidence: round(nearest.score) });
    }
  }
  await writeEquivalences(deps.db, rows);
  return rows.length;
}

const round = (n: number) => Number(n.toFixed(4));
