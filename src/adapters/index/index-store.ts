/**
 * Versioned vector indexes on disk: `<indexDir>/<version>/{skills,roles,courses}.hnsw` plus a
 * manifest.json. A version is assembled in `.tmp-<version>/`, fsynced, and renamed into place,
 * so readers only ever see whole versions; the manifest is written last, so a directory without
 * one is never treated as complete. The database stays the source of truth: any version can be
 * deleted and rebuilt with `skillpath index refresh`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { indexCorrupt, indexMismatch, indexNameInvalid, indexNotFound, type DomainError } from '../../core/errors.js';
import { REFRESH_COMMAND, VECTOR_COLLECTIONS, type ExpectedIndex, type VectorCollection, type VectorHit, type VectorIndex } from '../../core/ports.js';
import { HnswCollection } from './hnsw-collection.js';
import { probeIndexFiles } from './index-probe.js';

export const COLLECTIONS = VECTOR_COLLECTIONS;
/** Versions written before role labels had their own vectors lack this collection; they load with it empty. */
const OPTIONAL_COLLECTIONS: ReadonlySet<VectorCollection> = new Set(['roleLabels']);

const MANIFEST = 'manifest.json';
const TMP_PREFIX = '.tmp-';
/** `20261123T041500123Z-1a2b3c`: UTC to the millisecond, so names sort by creation time. */
export const VERSION_PATTERN = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-[0-9a-f]{6}$/;
// A crashed build's temp dir younger than this may still be in use by another process.
const STALE_TMP_MS = 60 * 60 * 1000;

export interface IndexManifest {
  version: string;
  model: string;
  dimension: number;
  createdAt: string;
  /** Caller's hash of everything indexed plus the model, so an unchanged refresh can skip building. */
  fingerprint: string;
  counts: Record<VectorCollection, number>;
  sourceVersions: Record<string, string>;
  files: Record<VectorCollection, { file: string; sha256: string; bytes: number }>;
}

export interface IndexBuild extends ExpectedIndex {
  fingerprint: string;
  sourceVersions: Record<string, string>;
  collections: Record<VectorCollection, HnswCollection>;
}

export class LoadedVectorIndex implements VectorIndex {
  constructor(
    readonly manifest: IndexManifest,
    private readonly collections: Record<VectorCollection, HnswCollection>,
  ) {}

  get version(): string {
    return this.manifest.version;
  }

  get model(): string {
    return this.manifest.model;
  }

  get dimension(): number {
    return this.manifest.dimension;
  }

  count(collection: VectorCollection): number {
    return this.collections[collection].count;
  }

  async vectorsOf(collection: VectorCollection, ids: readonly number[]): Promise<(Float32Array | null)[]> {
    const vectors = this.collections[collection];
    return ids.map((id) => vectors.vectorOf(id));
  }

  async search(collection: VectorCollection, vector: Float32Array, k: number, filter?: (id: number) => boolean): Promise<VectorHit[]> {
    return this.searchNow(collection, vector, k, filter);
  }

  /** `search` without the promise, for callers that need the in-process index synchronously (the evaluation's linker tuning). */
  searchNow(collection: VectorCollection, vector: Float32Array, k: number, filter?: (id: number) => boolean): VectorHit[] {
    if (vector.length !== this.dimension) {
      // Only reachable when the embedder changed under a running server.
      throw mismatch(`query vector has ${vector.length} dimensions but index ${this.version} has ${this.dimension}`);
    }
    return this.collections[collection].search(vector, k, filter);
  }
}

export async function writeIndexVersion(indexDir: string, build: IndexBuild): Promise<IndexManifest> {
  for (const name of COLLECTIONS) {
    const got = build.collections[name].dimension;
    if (got !== build.dimension) throw new RangeError(`collection ${name} has dimension ${got}, build says ${build.dimension}`);
  }
  await fs.mkdir(indexDir, { recursive: true });
  const version = await nextVersion(indexDir);
  const tmpDir = path.join(indexDir, TMP_PREFIX + version);
  await fs.mkdir(tmpDir);
  try {
    const files = {} as IndexManifest['files'];
    const counts = {} as IndexManifest['counts'];
    for (const name of COLLECTIONS) {
      const file = `${name}.hnsw`;
      const target = path.join(tmpDir, file);
      await build.collections[name].write(target);
      await fsyncPath(target);
      const { sha256, bytes } = await digest(target);
      files[name] = { file, sha256, bytes };
      counts[name] = build.collections[name].count;
    }
    const manifest: IndexManifest = {
      version,
      model: build.model,
      dimension: build.dimension,
      createdAt: new Date().toISOString(),
      fingerprint: build.fingerprint,
      counts,
      sourceVersions: { ...build.sourceVersions },
      files,
    };
    const manifestPath = path.join(tmpDir, MANIFEST);
    await fs.writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    await fsyncPath(manifestPath);
    await fsyncPath(tmpDir);
    await fs.rename(tmpDir, path.join(indexDir, version));
    // Makes the rename itself durable, not just the files.
    await fsyncPath(indexDir);
    return manifest;
  } catch (error) {
    await fs.rm(tmpDir, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

/** Complete versions (a readable, valid manifest), newest first. */
export async function listIndexVersions(indexDir: string): Promise<IndexManifest[]> {
  const manifests: IndexManifest[] = [];
  for (const version of await versionDirs(indexDir)) {
    try {
      manifests.push(await readManifest(indexDir, version));
    } catch {
      // Not complete (no manifest) or not ours: listing is not the place to complain.
    }
  }
  return manifests;
}

/** Versions (with their files' checksums) that passed the isolated probe in this process. */
const probed = new Set<string>();

export async function loadIndexVersion(indexDir: string, version: string, expected: ExpectedIndex): Promise<LoadedVectorIndex> {
  const manifest = await readManifest(indexDir, version);
  if (manifest.model !== expected.model || manifest.dimension !== expected.dimension) {
    throw mismatch(
      `index ${version} was built with ${manifest.model} (${manifest.dimension}-d) but the configured embedder is ` +
        `${expected.model} (${expected.dimension}-d)`,
    );
  }
  // 1. Every file matches its checksum.
  const files: { name: VectorCollection; file: string; entry: IndexManifest['files'][VectorCollection] }[] = [];
  for (const name of COLLECTIONS) {
    const entry = manifest.files[name] as IndexManifest['files'][VectorCollection] | undefined;
    if (!entry && OPTIONAL_COLLECTIONS.has(name)) continue;
    if (!entry) throw corrupt(version, `the manifest lists no ${name} file`);
    const file = path.join(indexDir, version, entry.file);
    let actual: { sha256: string; bytes: number };
    try {
      actual = await digest(file);
    } catch (error) {
      throw corrupt(version, `cannot read ${entry.file}: ${(error as Error).message}`);
    }
    if (actual.bytes !== entry.bytes || actual.sha256 !== entry.sha256) {
      throw corrupt(version, `${entry.file} does not match its checksum in the manifest`);
    }
    files.push({ name, file, entry });
  }
  // 2. They open and answer searches in another process, in time (see index-probe.ts).
  const probeKey = `${version}:${files.map((f) => f.entry.sha256).join(',')}`;
  if (!probed.has(probeKey)) {
    try {
      await probeIndexFiles(files.map((f) => ({ file: f.file, dimension: manifest.dimension, count: manifest.counts[f.name] ?? 0 })));
    } catch (error) {
      throw corrupt(version, (error as Error).message);
    }
    probed.add(probeKey);
  }
  // 3. Only then here.
  const collections = {} as Record<VectorCollection, HnswCollection>;
  for (const name of COLLECTIONS) if (OPTIONAL_COLLECTIONS.has(name)) collections[name] = HnswCollection.create(manifest.dimension);
  for (const { name, file, entry } of files) {
    try {
      collections[name] = await HnswCollection.read(file, manifest.dimension, manifest.counts[name] ?? 0);
    } catch (error) {
      throw corrupt(version, `cannot load ${entry.file}: ${(error as Error).message}`);
    }
  }
  // Recommendations read skill, role and course vectors by id many times per request; the
  // per-name role vectors are only searched, so they stay in hnswlib alone. On the full shared
  // data the blocks hold 35,168 vectors (54 MB) and halve a computed answer's median time
  // (11.3–13.5 → 6.5 ms for 57 roles, distinct learners).
  for (const name of ['skills', 'roles', 'courses'] as const) await collections[name].materialise();
  return new LoadedVectorIndex(manifest, collections);
}

export interface SkippedVersion {
  version: string;
  error: Error;
}

export interface NewestIndex {
  /** Null when no complete version loads. */
  index: LoadedVectorIndex | null;
  /** Newer versions that failed to load, newest first, for the caller to log. */
  skipped: SkippedVersion[];
}

export async function loadNewestIndex(indexDir: string, expected: ExpectedIndex): Promise<NewestIndex> {
  const skipped: SkippedVersion[] = [];
  for (const version of await completeVersionNames(indexDir)) {
    try {
      return { index: await loadIndexVersion(indexDir, version, expected), skipped };
    } catch (error) {
      skipped.push({ version, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return { index: null, skipped };
}

export interface PruneResult {
  removedVersions: string[];
  removedTemp: string[];
}

/**
 * Keeps the `keep` newest complete versions (at least one) and removes older ones, plus temp
 * dirs left by crashed builds. A running server holds its index in memory, so removing the
 * files of the version it serves is harmless. Directories it does not recognise are left alone.
 */
export async function pruneIndexVersions(indexDir: string, keep: number, now: Date = new Date()): Promise<PruneResult> {
  const removedVersions: string[] = [];
  for (const version of (await completeVersionNames(indexDir)).slice(Math.max(1, Math.floor(keep)))) {
    await fs.rm(path.join(indexDir, version), { recursive: true, force: true });
    removedVersions.push(version);
  }
  return { removedVersions, removedTemp: await removeStaleTempDirs(indexDir, now) };
}

/**
 * Removes temp dirs left by crashed builds (a server does this at start). Only stale ones: a
 * younger one may belong to a refresh another process is running right now.
 */
export async function removeStaleTempDirs(indexDir: string, now: Date = new Date()): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await readDirs(indexDir)) {
    if (!entry.startsWith(TMP_PREFIX)) continue;
    const dir = path.join(indexDir, entry);
    const stat = await fs.stat(dir).catch(() => null);
    if (stat && now.getTime() - stat.mtimeMs > STALE_TMP_MS) {
      await fs.rm(dir, { recursive: true, force: true });
      removed.push(entry);
    }
  }
  return removed;
}

/** Names that look like versions, newest first: one readdir, no file reads. */
export async function versionDirs(indexDir: string): Promise<string[]> {
  return (await readDirs(indexDir)).filter((name) => VERSION_PATTERN.test(name)).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
}

/** Version dirs that have a manifest; malformed manifests are included so loading can report them. */
export async function completeVersionNames(indexDir: string): Promise<string[]> {
  const names: string[] = [];
  for (const version of await versionDirs(indexDir)) {
    if (await hasManifest(indexDir, version)) names.push(version);
  }
  return names;
}

export async function hasManifest(indexDir: string, version: string): Promise<boolean> {
  return fs.stat(path.join(indexDir, version, MANIFEST)).then(
    (stat) => stat.isFile(),
    () => false,
  );
}

function mismatch(detail: string): DomainError {
  return indexMismatch(detail, REFRESH_COMMAND);
}

function corrupt(version: string, detail: string): DomainError {
  return indexCorrupt(version, detail, REFRESH_COMMAND);
}

async function readDirs(indexDir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(indexDir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function readManifest(indexDir: string, version: string): Promise<IndexManifest> {
  if (!VERSION_PATTERN.test(version)) {
    throw indexNameInvalid(version);
  }
  let text: string;
  try {
    text = await fs.readFile(path.join(indexDir, version, MANIFEST), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw indexNotFound(version, indexDir);
    }
    throw corrupt(version, `cannot read ${MANIFEST}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw corrupt(version, `${MANIFEST} is not valid JSON`);
  }
  const problem = manifestProblem(parsed, version);
  if (problem) throw corrupt(version, `${MANIFEST} ${problem}`);
  return parsed as IndexManifest;
}

/** Hand-rolled check: the manifest is ours, small, and read once per load. */
function manifestProblem(value: unknown, version: string): string | null {
  if (!isRecord(value)) return 'is not an object';
  if (value.version !== version) return `names version ${String(value.version)}, not its directory`;
  for (const key of ['model', 'createdAt', 'fingerprint'] as const) {
    if (typeof value[key] !== 'string') return `lacks ${key}`;
  }
  if (!isCount(value.dimension) || value.dimension === 0) return 'has no valid dimension';
  if (!isRecord(value.sourceVersions) || !Object.values(value.sourceVersions).every((v) => typeof v === 'string')) {
    return 'has invalid sourceVersions';
  }
  const { counts, files } = value;
  if (!isRecord(counts) || !isRecord(files)) return 'lacks counts or files';
  for (const name of COLLECTIONS) {
    if (OPTIONAL_COLLECTIONS.has(name) && counts[name] === undefined && files[name] === undefined) continue;
    if (!isCount(counts[name])) return `has no valid count for ${name}`;
    const entry = files[name];
    if (
      !isRecord(entry) ||
      typeof entry.file !== 'string' ||
      // A plain file name only: the manifest must not point outside its own directory.
      path.basename(entry.file) !== entry.file ||
      entry.file === MANIFEST ||
      typeof entry.sha256 !== 'string' ||
      !isCount(entry.bytes)
    ) {
      return `has an invalid file entry for ${name}`;
    }
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

async function digest(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

async function fsyncPath(target: string): Promise<void> {
  const handle = await fs.open(target, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some platforms (Windows, a few network filesystems) refuse fsync on directories.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw error;
  } finally {
    await handle.close();
  }
}

/**
 * A new version name later than every existing one (temp dirs included), even when the clock
 * has not advanced or stepped back, so "newest" is always the last written.
 */
async function nextVersion(indexDir: string): Promise<string> {
  let time = Date.now();
  for (const entry of await readDirs(indexDir)) {
    const parsed = parseVersionTime(entry.startsWith(TMP_PREFIX) ? entry.slice(TMP_PREFIX.length) : entry);
    if (parsed !== null && parsed >= time) time = parsed + 1;
  }
  const stamp = new Date(time).toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

function parseVersionTime(name: string): number | null {
  const m = VERSION_PATTERN.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms] = m.map(Number) as [number, number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}
