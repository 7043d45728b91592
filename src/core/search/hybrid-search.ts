/**
 * Hybrid search: BM25 keyword hits fused with nearest-neighbour hits from the embedding index
 * by reciprocal-rank fusion (RRF). RRF needs no score calibration between the two retrievers,
 * which matters because BM25 scores are unbounded and vary with the query. Without a model or
 * an index for the current model it is plain keyword search.
 */
import { normalizePhrase } from '../text.js';
import type { Embedder } from '../ports.js';
import type { Collection, SearchDocument } from '../catalog.js';
import type { SearchSnapshot } from './corpus.js';

/** The RRF constant from Cormack et al. (2009); 60 is the usual, robust choice. */
const RRF_K = 60;
/** How deep each retriever looks before fusion. */
const CANDIDATES = 100;
/** Vector neighbours below this cosine are noise, not matches (nearest-neighbour search always returns k). */
const MIN_VECTOR_SIMILARITY = 0.35;

const EXACT_ALT_SCORE = 0.97;
const FUSED_MAX_SCORE = 0.95;

export interface HybridHit {
  id: number;
  /** In [0, 1]: 1 for an exact title, 0.97 for an exact synonym, otherwise the fused rank score scaled into [0, 0.95]. */
  score: number;
  matchedBy: ('exact' | 'lexical' | 'vector')[];
  /** Cosine similarity between the query and the item, when the vector side found it. */
  similarity?: number;
  /** Roles matched by title resolution: the alternative title whose vector was closest, when it beat the title. */
  viaLabel?: string;
}

export interface HybridSearchOptions {
  limit: number;
  offset?: number;
  filter?: (id: number) => boolean;
  prefix?: boolean;
  /** Search this snapshot (a request that reads several things must read them from one). */
  snapshot?: SearchSnapshot;
  /** The query's vector when the caller embedded it already (in a batch, see `queryVectors`). */
  queryVector?: Float32Array;
}

export interface HybridSearchResult {
  hits: HybridHit[];
  total: number;
  mode: 'hybrid' | 'lexical';
}

/**
 * An embedding provider that fails (an API timeout, a rate limit) must not fail the search:
 * keyword results still answer, and the response says it was `lexical`.
 */
export async function embedOrNull(embedder: Embedder, text: string): Promise<Float32Array | null> {
  try {
    const [vector] = await embedder.embed([text]);
    return vector ?? null;
  } catch {
    return null;
  }
}

export interface FusionWeights {
  lexical: number;
  vector: number;
  /** The keyword weight for search-as-you-type queries (`prefix`), whose last word is cut short. */
  prefixLexical: number;
}

/**
 * How much each retriever's rank counts in the fusion, tuned with `npm run eval` (docs/EVALUATION.md).
 * For whole queries the domain model's ranking is the better one by far: keyword ranks over
 * other concepts' labels and synonyms pulled the right answer down, so they only add candidates
 * the vectors missed and break ties. A half-typed last word embeds poorly, and there the
 * keyword side's prefix match earns a larger say. Without a model the keyword ranking is used
 * as it is.
 */
export const DEFAULT_FUSION: FusionWeights = { lexical: 0.01, vector: 1, prefixLexical: 0.05 };

export class HybridSearch {
  constructor(
    private readonly snapshot: () => SearchSnapshot,
    private readonly embedder: () => Embedder | null,
    private readonly fusion: FusionWeights = DEFAULT_FUSION,
  ) {}

  /** The vector index is used only when it was built with the model loaded now. */
  private vectorPath(snapshot: SearchSnapshot): { embedder: Embedder; index: NonNullable<SearchSnapshot['vectors']> } | null {
    const embedder = this.embedder();
    const index = snapshot.vectors;
    if (!embedder || !index || index.model !== embedder.modelId || index.dimension !== embedder.dimension) return null;
    return { embedder, index };
  }

  /**
   * Vectors for many queries in one embedding call — a request with 200 skill labels pays one
   * batch, not 200 round trips. Empty when the model is not up or the call fails (each search
   * then embeds, or falls back to keywords, on its own).
   */
  async queryVectors(queries: string[], snapshot: SearchSnapshot): Promise<Map<string, Float32Array>> {
    const vector = this.vectorPath(snapshot);
    const distinct = [...new Set(queries)];
    if (!vector || distinct.length === 0) return new Map();
    try {
      const vectors = await vector.embedder.embed(distinct);
      return new Map(distinct.map((q, i) => [q, vectors[i]!]));
    } catch {
      return new Map();
    }
  }

  /** The query's vector, when the model and an index built with it are both up (null otherwise or when embedding fails). */
  async queryVector(query: string, snapshot: SearchSnapshot): Promise<Float32Array | null> {
    const vector = this.vectorPath(snapshot);
    return vector ? embedOrNull(vector.embedder, query) : null;
  }

  async search(collection: Collection, query: string, options: HybridSearchOptions): Promise<HybridSearchResult> {
    const snapshot = options.snapshot ?? this.snapshot();
    const docs = snapshot.corpus[collection];
    const filter = options.filter;
    const fused = new Map<number, { score: number; matchedBy: Set<HybridHit['matchedBy'][number]>; similarity?: number }>();
    const weights = { lexical: options.prefix ? this.fusion.prefixLexical : this.fusion.lexical, vector: this.fusion.vector };
    const add = (id: number, rank: number, how: 'lexical' | 'vector') => {
      const entry = fused.get(id) ?? { score: 0, matchedBy: new Set() };
      entry.score += weights[how] / (RRF_K + rank + 1);
      entry.matchedBy.add(how);
      fused.set(id, entry);
    };

    const lexical = snapshot.lexical.search(collection, query, { limit: CANDIDATES, filter, prefix: options.prefix });
    lexical.forEach((hit, rank) => add(hit.id, rank, 'lexical'));

    let vector = this.vectorPath(snapshot);
    const queryVector = vector ? (options.queryVector ?? (await embedOrNull(vector.embedder, query))) : null;
    if (!queryVector) vector = null;
    if (vector && queryVector) {
      (await vector.index.search(collection, queryVector, CANDIDATES, filter))
        .filter((h) => h.score >= MIN_VECTOR_SIMILARITY && docs.has(h.id))
        .forEach((hit, rank) => {
          add(hit.id, rank, 'vector');
          fused.get(hit.id)!.similarity = Number(hit.score.toFixed(4));
        });
    }

    const maxScore = (weights.lexical + (vector ? weights.vector : 0)) / (RRF_K + 1);
    const normalizedQuery = normalizePhrase(query);
    // How many of the candidates carry the query as a name, within the filter.
    const owners = [...fused.keys()].filter((id) => namesOf(docs.get(id)).has(normalizedQuery)).length;
    const ranked: HybridHit[] = [...fused.entries()].map(([id, { score, matchedBy, similarity }]) => {
      const doc = docs.get(id);
      const extra = similarity === undefined ? {} : { similarity };
      // The name itself outranks a synonym, which outranks anything merely similar. A synonym
      // several items share ("educator") names none of them for sure, so it earns no boost.
      if (doc && titleOf(doc) === normalizedQuery) return { id, score: 1, matchedBy: ['exact', ...matchedBy], ...extra };
      if (owners === 1 && doc && namesOf(doc).has(normalizedQuery)) {
        return { id, score: EXACT_ALT_SCORE, matchedBy: ['exact', ...matchedBy], ...extra };
      }
      return { id, score: FUSED_MAX_SCORE * (score / maxScore), matchedBy: [...matchedBy], ...extra };
    });
    // Exact titles first; then fused score; ties broken by id so the same request gives the same answer.
    ranked.sort((a, b) => b.score - a.score || a.id - b.id);
    const offset = options.offset ?? 0;
    return {
      hits: ranked.slice(offset, offset + options.limit).map((h) => ({ ...h, score: Number(h.score.toFixed(4)) })),
      total: ranked.length,
      mode: vector ? 'hybrid' : 'lexical',
    };
  }
}

// Normalising names is most of a search's cost when it is done per hit and per query; a
// snapshot's documents never change, so each is normalised once.
const titleCache = new WeakMap<SearchDocument, string>();
function titleOf(doc: SearchDocument): string {
  let title = titleCache.get(doc);
  if (title === undefined) titleCache.set(doc, (title = normalizePhrase(doc.title)));
  return title;
}

const namesCache = new WeakMap<SearchDocument, Set<string>>();
/** An item's title and alternative titles, normalised. */
function namesOf(doc: SearchDocument | undefined): Set<string> {
  if (!doc) return new Set();
  let names = namesCache.get(doc);
  if (!names) namesCache.set(doc, (names = new Set([doc.title, ...doc.altTitles].map(normalizePhrase))));
  return names;
}
