/**
 * Keyword search with MiniSearch (BM25+ scoring, prefix search, field boosts), one index per
 * collection. Tokens and stems come from core/text so search, linking and extraction agree on
 * what a word is.
 */
import MiniSearch from 'minisearch';
import type { LexicalIndex, LexicalSearchOptions } from '../../core/search/corpus.js';
import type { Collection, SearchCorpus } from '../../core/catalog.js';
import type { VectorHit } from '../../core/ports.js';
import { STOPWORDS, stem, tokenize } from '../../core/text.js';
import { TimeSlicer } from '../../core/time-slice.js';

interface IndexedDoc {
  id: number;
  title: string;
  altTitles: string;
  description: string;
}

const FIELDS = ['title', 'altTitles', 'description'];
/** A match in the name counts most, a synonym nearly as much, the description least. */
const BOOST = { title: 3, altTitles: 2, description: 0.6 };

const processTerm = (term: string) => (STOPWORDS.has(term) ? null : stem(term));
const splitWords = (text: string) => tokenize(text).map((t) => t.norm);

const COLLECTIONS: readonly Collection[] = ['skills', 'roles', 'courses'];

const emptyIndex = () =>
  new MiniSearch<IndexedDoc>({
    fields: FIELDS,
    tokenize: splitWords,
    processTerm,
    searchOptions: { boost: BOOST, tokenize: splitWords, processTerm },
  });

function* docsOf(corpus: SearchCorpus, collection: Collection): Generator<IndexedDoc> {
  for (const d of corpus[collection].values()) {
    yield {
      id: d.id,
      title: d.title,
      // Long synonym lists (O*NET lists up to 60 alternate titles) would drown the title's weight.
      altTitles: d.altTitles.slice(0, 30).join(' | '),
      description: d.description.slice(0, 2000),
    };
  }
}

export class MiniSearchLexicalIndex implements LexicalIndex {
  private readonly indexes: Record<Collection, MiniSearch<IndexedDoc>>;

  /** Builds at once (tests, batch tools); a serving process uses `build`. */
  constructor(corpus: SearchCorpus, prebuilt?: Record<Collection, MiniSearch<IndexedDoc>>) {
    if (prebuilt) {
      this.indexes = prebuilt;
      return;
    }
    const built = (collection: Collection) => {
      const index = emptyIndex();
      index.addAll([...docsOf(corpus, collection)]);
      return index;
    };
    this.indexes = { skills: built('skills'), roles: built('roles'), courses: built('courses') };
  }

  /**
   * The same index, built in time slices: on the full shared data indexing every document
   * takes seconds, and a server swapping in a new catalog snapshot must keep answering.
   */
  static async build(corpus: SearchCorpus): Promise<MiniSearchLexicalIndex> {
    const slicer = new TimeSlicer();
    const indexes = {} as Record<Collection, MiniSearch<IndexedDoc>>;
    for (const collection of COLLECTIONS) {
      const index = emptyIndex();
      for (const doc of docsOf(corpus, collection)) {
        index.add(doc);
        await slicer.pass();
      }
      indexes[collection] = index;
    }
    return new MiniSearchLexicalIndex(corpus, indexes);
  }

  search(collection: Collection, query: string, options: LexicalSearchOptions): VectorHit[] {
    const { filter } = options;
    const results = this.indexes[collection].search(query, {
      prefix: options.prefix ? (_term, i, terms) => i === terms.length - 1 && terms[i]!.length >= 2 : false,
      weights: { fuzzy: 0.4, prefix: 0.6 },
      ...(filter ? { filter: (r) => filter(r.id as number) } : {}),
    });
    return results.slice(0, options.limit).map((r) => ({ id: r.id as number, score: r.score }));
  }
}
