/**
 * Keyword search with MiniSearch (BM25+ scoring, prefix search, field boosts), one index per
 * collection. Tokens and stems come from core/text so search, linking and extraction agree on
 * what a word is.
 */
import MiniSearch from 'minisearch';
import type { LexicalIndex, LexicalSearchOptions, SearchCorpus } from '../../core/search/corpus.js';
import type { Collection, VectorHit } from '../../core/ports.js';
import { STOPWORDS, stem, tokenize } from '../../core/text.js';

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

function buildIndex(docs: Iterable<IndexedDoc>): MiniSearch<IndexedDoc> {
  const index = new MiniSearch<IndexedDoc>({
    fields: FIELDS,
    tokenize: splitWords,
    processTerm,
    searchOptions: { boost: BOOST, tokenize: splitWords, processTerm },
  });
  index.addAll([...docs]);
  return index;
}

export class MiniSearchLexicalIndex implements LexicalIndex {
  private readonly indexes: Record<Collection, MiniSearch<IndexedDoc>>;

  constructor(corpus: SearchCorpus) {
    const docsOf = (collection: Collection) =>
      [...corpus[collection].values()].map((d) => ({
        id: d.id,
        title: d.title,
        // Long synonym lists (O*NET lists up to 60 alternate titles) would drown the title's weight.
        altTitles: d.altTitles.slice(0, 30).join(' | '),
        description: d.description.slice(0, 2000),
      }));
    this.indexes = { skills: buildIndex(docsOf('skills')), roles: buildIndex(docsOf('roles')), courses: buildIndex(docsOf('courses')) };
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
