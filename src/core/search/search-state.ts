/**
 * Holds the search snapshot the server answers from. A rebuild loads the corpus and builds the
 * keyword index off to the side, then swaps the whole snapshot at once: requests already
 * running finish on the old one, new requests see the new one, none is dropped.
 */
import type { VectorIndex } from '../ports.js';
import { emptyGraph, type CatalogGraph } from '../recommend/graph.js';
import { PhraseDictionary } from './phrase-dictionary.js';
import { type LexicalIndex, type SearchSnapshot } from './corpus.js';
import { emptyCorpus, type SearchCorpus } from '../catalog.js';

export class SearchState {
  private snapshot: SearchSnapshot;
  private rebuilding: Promise<void> = Promise.resolve();

  constructor(
    /** Loads corpus and graph together, from one consistent read of the catalog. */
    private readonly load: () => Promise<{ corpus: SearchCorpus; graph: CatalogGraph }>,
    private readonly buildLexical: (corpus: SearchCorpus) => LexicalIndex | Promise<LexicalIndex>,
    empty: LexicalIndex,
  ) {
    const corpus = emptyCorpus();
    this.snapshot = { corpus, lexical: empty, phrases: PhraseDictionary.build([]), vectors: null, graph: emptyGraph() };
  }

  current(): SearchSnapshot {
    return this.snapshot;
  }

  /** Rebuilds from the database with the given vector index; rebuilds run one at a time, in order. */
  rebuild(vectors: VectorIndex | null): Promise<void> {
    this.rebuilding = this.rebuilding
      .catch(() => {})
      .then(async () => {
        const { corpus, graph } = await this.load();
        const lexical = await this.buildLexical(corpus);
        this.snapshot = { corpus, lexical, phrases: await PhraseDictionary.buildSliced(corpus.skills.values()), vectors, graph };
      });
    return this.rebuilding;
  }
}
