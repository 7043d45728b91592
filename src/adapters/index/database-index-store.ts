/**
 * Index versions published to the database, so every serving node sees the same versions and a
 * node started from nothing serves the newest one without a refresh of its own. A version is
 * built in the local folder store (INDEX_DIR), then its manifest and files go into
 * `index_versions` and `index_files` in one transaction: a node sees all of it or none. Loading
 * downloads a version into INDEX_DIR (now a cache), checks every file against the published
 * sha256, and then loads it like a local version, through the same isolated probe.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import { DomainError, indexCorrupt, indexMismatch, indexNotFound } from '../../core/errors.js';
import { stableStringify } from '../../core/stable-json.js';
import { REFRESH_COMMAND, type BuiltCollection, type ExpectedIndex, type IndexStore, type IndexVersion, type VectorIndex } from '../../core/ports.js';
import type { Database } from '../db/client.js';
import { indexFiles, indexReaders, indexVersions } from '../db/schema.js';
import { HnswIndexStore } from './hnsw-index-store.js';
import { VERSION_PATTERN, type IndexManifest } from './index-store.js';

/** Bytes per stored chunk: well under PostgreSQL's 1 GB field limit and the drivers' message sizes. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** Versions a node keeps in its cache folder: the one it serves and the one before. */
const CACHED_VERSIONS = 2;
/** A published file name: one collection's graph (names come from the database, so they are checked before any path is built). */
const FILE_PATTERN = /^[A-Za-z]+\.hnsw$/;
const MANIFEST = 'manifest.json';
/** A node that reported its version this recently is live: its version is never pruned. */
const READER_TTL_MS = 10 * 60 * 1000;

export class DatabaseIndexStore implements IndexStore {
  private readonly cache: HnswIndexStore;

  constructor(
    private readonly db: Database,
    /** The local folder versions are built in and downloaded to. */
    readonly cacheDir: string,
    private readonly chunkBytes = CHUNK_BYTES,
  ) {
    this.cache = new HnswIndexStore(cacheDir);
  }

  get location(): string {
    return `the database (cached in ${this.cacheDir})`;
  }

  build(dimension: number, items: readonly { id: number }[], vectors: readonly Float32Array[]): Promise<BuiltCollection> {
    return this.cache.build(dimension, items, vectors);
  }

  async publish(build: Parameters<IndexStore['publish']>[0]): Promise<IndexVersion> {
    const written = await this.cache.publish(build);
    const dir = path.join(this.cacheDir, written.version);
    const manifest = JSON.parse(await fs.readFile(path.join(dir, MANIFEST), 'utf8')) as IndexManifest;
    await this.db.transaction(async (tx) => {
      await tx.insert(indexVersions).values({
        version: manifest.version,
        model: manifest.model,
        dimension: manifest.dimension,
        fingerprint: manifest.fingerprint,
        manifest: manifest as unknown as Record<string, unknown>,
      });
      for (const { file } of Object.values(manifest.files)) {
        const bytes = await fs.readFile(path.join(dir, file));
        for (let seq = 0, offset = 0; offset < bytes.length || seq === 0; seq++, offset += this.chunkBytes) {
          await tx.insert(indexFiles).values({ version: manifest.version, file, seq, data: bytes.subarray(offset, offset + this.chunkBytes) });
        }
      }
    });
    return written;
  }

  async list(): Promise<IndexVersion[]> {
    const rows = await this.db.select({ manifest: indexVersions.manifest }).from(indexVersions).orderBy(desc(indexVersions.version));
    return rows.map(({ manifest }) => {
      const { files: _files, ...version } = manifest as unknown as IndexManifest;
      return version;
    });
  }

  async versionNames(): Promise<string[]> {
    const rows = await this.db.select({ version: indexVersions.version }).from(indexVersions).orderBy(desc(indexVersions.version));
    return rows.map((r) => r.version);
  }

  async load(version: string, expected: ExpectedIndex): Promise<VectorIndex> {
    const fresh = await this.download(version, expected);
    try {
      const index = await this.cache.load(version, expected);
      // The cache holds what this node serves and the version before, not every version ever seen.
      await this.cache.prune(CACHED_VERSIONS);
      return index;
    } catch (error) {
      // A cached copy damaged on this node's disk is not the published version: fetch it again once.
      if (fresh || !(error instanceof DomainError) || error.code !== 'index_corrupt') throw error;
      await fs.rm(path.join(this.cacheDir, version), { recursive: true, force: true });
      await this.download(version, expected);
      return this.cache.load(version, expected);
    }
  }

  /**
   * Deletes all but the `keep` newest published versions and those a node reported serving
   * lately, and prunes the local cache the same way.
   */
  async prune(keep: number): Promise<string[]> {
    const newest = (await this.versionNames()).slice(0, Math.max(1, Math.floor(keep)));
    const oldestKept = newest.at(-1);
    if (!oldestKept) return [];
    // Only versions older than the ones kept, in one statement: a version another node publishes
    // meanwhile is newer (names sort by time), so it is never deleted by a prune that did not see it.
    const removed = await this.db
      .delete(indexVersions)
      .where(
        and(
          lt(indexVersions.version, oldestKept),
          sql`${indexVersions.version} not in (select ${indexReaders.version} from ${indexReaders} where ${indexReaders.seenAt} > now() - make_interval(secs => ${READER_TTL_MS / 1000}))`,
        ),
      )
      .returning({ version: indexVersions.version });
    await this.cache.prune(keep);
    return removed.map((r) => r.version).sort().reverse();
  }

  async reportServing(node: string, version: string): Promise<void> {
    await this.db
      .insert(indexReaders)
      .values({ node, version })
      .onConflictDoUpdate({ target: indexReaders.node, set: { version, seenAt: sql`now()` } });
    // Nodes that stopped reporting long ago (replaced machines) are forgotten.
    await this.db.delete(indexReaders).where(sql`${indexReaders.seenAt} < now() - make_interval(secs => ${(READER_TTL_MS * 6) / 1000})`);
  }

  clean(): Promise<void> {
    return this.cache.clean();
  }

  /** Makes the local cache hold the published version, verified byte for byte; false when the cached copy was kept. */
  private async download(version: string, expected: ExpectedIndex): Promise<boolean> {
    const [row] = await this.db.select({ manifest: indexVersions.manifest }).from(indexVersions).where(eq(indexVersions.version, version));
    if (!row) throw indexNotFound(version, this.location);
    const manifest = row.manifest as unknown as IndexManifest;
    // Names from the database become paths: anything but a version name and plain file names is refused before the disk is touched.
    const names = Object.values(manifest.files ?? {}).map((f) => f.file);
    if (!VERSION_PATTERN.test(version) || manifest.version !== version || names.length === 0 || !names.every((f) => FILE_PATTERN.test(f))) {
      throw indexCorrupt(version.slice(0, 80), 'its published manifest names unexpected files', REFRESH_COMMAND);
    }
    // Refused before fetching tens of megabytes (the message is the folder store's).
    if (manifest.model !== expected.model || manifest.dimension !== expected.dimension) {
      throw indexMismatch(
        `index ${version} was built with ${manifest.model} (${manifest.dimension}-d) but the configured embedder is ${expected.model} (${expected.dimension}-d)`,
        REFRESH_COMMAND,
      );
    }
    const target = path.join(this.cacheDir, version);
    if (await sameManifest(target, manifest)) return false;

    const tmp = path.join(this.cacheDir, `.tmp-download-${version}-${randomBytes(3).toString('hex')}`);
    await fs.mkdir(tmp, { recursive: true });
    try {
      for (const [name, entry] of Object.entries(manifest.files)) {
        const bytes = Buffer.concat(await this.fileChunks(version, entry.file));
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        if (sha256 !== entry.sha256 || bytes.length !== entry.bytes) {
          throw indexCorrupt(version, `published file ${entry.file} (${name}) does not match the sha256 published with it`, REFRESH_COMMAND);
        }
        await fs.writeFile(path.join(tmp, entry.file), bytes);
      }
      await fs.writeFile(path.join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
      await fs.rm(target, { recursive: true, force: true });
      await fs.rename(tmp, target);
      return true;
    } catch (error) {
      await fs.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
  }

  private async fileChunks(version: string, file: string): Promise<Buffer[]> {
    const rows = await this.db
      .select({ data: indexFiles.data })
      .from(indexFiles)
      .where(and(eq(indexFiles.version, version), eq(indexFiles.file, file)))
      .orderBy(asc(indexFiles.seq));
    return rows.map((r) => r.data);
  }
}

/** Whether a cached copy was written from this very manifest (its files are verified on load). */
async function sameManifest(dir: string, manifest: IndexManifest): Promise<boolean> {
  try {
    const cached = JSON.parse(await fs.readFile(path.join(dir, MANIFEST), 'utf8')) as IndexManifest;
    // Canonical: PostgreSQL's jsonb does not keep key order.
    return stableStringify(cached.files) === stableStringify(manifest.files) && cached.version === manifest.version;
  } catch {
    return false;
  }
}
