/**
 * The index store as a folder of versions (INDEX_DIR): each version a directory of hnswlib
 * files and a manifest with their checksums, written to a temp dir and renamed into place.
 * Graphs are built on a worker thread (hnsw-builder.ts).
 */
import type { BuiltCollection, ExpectedIndex, IndexStore, IndexVersion, VectorCollection, VectorIndex } from '../../core/ports.js';
import { buildCollectionOffThread } from './hnsw-builder.js';
import { HnswCollection } from './hnsw-collection.js';
import {
  completeVersionNames,
  listIndexVersions,
  loadIndexVersion,
  pruneIndexVersions,
  removeStaleTempDirs,
  writeIndexVersion,
  type IndexManifest,
} from './index-store.js';

export class HnswIndexStore implements IndexStore {
  constructor(readonly location: string) {}

  build(dimension: number, items: readonly { id: number }[], vectors: readonly Float32Array[]): Promise<BuiltCollection> {
    return buildCollectionOffThread(dimension, items, vectors);
  }

  async publish(build: Parameters<IndexStore['publish']>[0]): Promise<IndexVersion> {
    const collections = {} as Record<VectorCollection, HnswCollection>;
    for (const [name, collection] of Object.entries(build.collections) as [VectorCollection, BuiltCollection][]) {
      // Only collections this store built can be written as its files.
      if (!(collection instanceof HnswCollection)) throw new TypeError(`collection ${name} was not built by this index store`);
      collections[name] = collection;
    }
    return versionOf(await writeIndexVersion(this.location, { ...build, collections }));
  }

  async list(): Promise<IndexVersion[]> {
    return (await listIndexVersions(this.location)).map(versionOf);
  }

  versionNames(): Promise<string[]> {
    return completeVersionNames(this.location);
  }

  load(version: string, expected: ExpectedIndex): Promise<VectorIndex> {
    return loadIndexVersion(this.location, version, expected);
  }

  async prune(keep: number): Promise<string[]> {
    return (await pruneIndexVersions(this.location, keep)).removedVersions;
  }

  /** Nothing to record: each process holds the version it serves in memory, whatever is pruned. */
  async reportServing(): Promise<void> {}

  async clean(): Promise<void> {
    await removeStaleTempDirs(this.location);
  }
}

/** The manifest without its file list (a detail of this store). */
function versionOf({ files: _files, ...version }: IndexManifest): IndexVersion {
  return version;
}
