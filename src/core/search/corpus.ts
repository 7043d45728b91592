/** What search ranks over: a read-only, in-memory snapshot of the active catalog. */
import type { VectorHit, VectorIndex } from '../ports.js';
import type { Collection, SearchCorpus } from '../catalog.js';
import type { CatalogGraph } from '../recommend/graph.js';
import type { PhraseDictionary } from './phrase-dictionary.js';

export interface LexicalSearchOptions {
  limit: number;
  filter?: (id: number) => boolean;
  /** Match the last query word as a prefix (search as you type). */
  prefix?: boolean;
}

/** BM25-style keyword search over a corpus; scores are comparable within one result list only. */
export interface LexicalIndex {
  search(collection: Collection, query: string, options: LexicalSearchOptions): VectorHit[];
}

/** Everything one search needs, swapped as a whole so a request never mixes two versions. */
export interface SearchSnapshot {
  corpus: SearchCorpus;
  lexical: LexicalIndex;
  /** Skill labels and alternative labels, for extraction and tag linking. */
  phrases: PhraseDictionary;
  vectors: VectorIndex | null;
  /** The same catalog as a graph, for the recommendation engine. */
  graph: CatalogGraph;
}
