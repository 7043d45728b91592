/** What search ranks over: a read-only, in-memory snapshot of the active catalog. */
import type { Collection, VectorHit, VectorIndex } from '../ports.js';
import type { CatalogGraph } from '../recommend/graph.js';
import type { PhraseDictionary } from './phrase-dictionary.js';

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

export const emptyCorpus = (): SearchCorpus => ({ skills: new Map(), roles: new Map(), courses: new Map() });
