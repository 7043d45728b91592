import { describe, expect, it } from 'vitest';
import { MiniSearchLexicalIndex } from '../../src/adapters/search/minisearch-lexical.js';
import type { Embedder } from '../../src/core/ports.js';
import { emptyGraph } from '../../src/core/recommend/graph.js';
import { resolveLearner } from '../../src/core/recommend/learner.js';
import { type SearchSnapshot } from '../../src/core/search/corpus.js';
import { emptyCorpus } from '../../src/core/catalog.js';
import { HybridSearch } from '../../src/core/search/hybrid-search.js';
import { PhraseDictionary } from '../../src/core/search/phrase-dictionary.js';
import { SkillExtractor } from '../../src/core/search/skill-extractor.js';
import { FakeVectors } from '../helpers/fake-vectors.js';

describe('resolving a learner', () => {
  it('embeds every searched skill label and credential name in one batch', async () => {
    const corpus = emptyCorpus();
    const graph = emptyGraph();
    const vectors = new FakeVectors(3);
    ['data cleaning', 'statistics', 'spreadsheets'].forEach((label, i) => {
      const id = i + 1;
      corpus.skills.set(id, { id, title: label, altTitles: [], description: '', source: 'esco' });
      graph.skills.set(id, { id, label, source: 'esco', uri: `u${id}`, group: null });
      vectors.set('skills', id, [i === 0 ? 1 : 0, i === 1 ? 1 : 0, i === 2 ? 1 : 0]);
    });
    const snapshot: SearchSnapshot = { corpus, lexical: new MiniSearchLexicalIndex(corpus), phrases: PhraseDictionary.build(corpus.skills.values()), vectors, graph };
    const batches: string[][] = [];
    const embedder: Embedder = {
      modelId: 'fake',
      dimension: 3,
      embed: async (texts) => {
        batches.push(texts);
        // "tidying data" means data cleaning, "stats" statistics, "excel sheets" spreadsheets.
        return texts.map((t) => Float32Array.from(t.includes('tidy') ? [1, 0, 0] : t.includes('stats') ? [0, 1, 0] : [0, 0, 1]));
      },
    };
    const search = new HybridSearch(() => snapshot, () => embedder);
    const learner = await resolveLearner(
      { credentials: [{ name: 'Excel sheets for beginners' }], skills: [{ label: 'tidying data' }, { label: 'stats' }, { label: 'statistics' }] },
      { snapshot, search, extractor: new SkillExtractor(() => snapshot, () => embedder), readBadge: () => 'unused' },
    );
    // One call for the three names that need a search ("statistics" is an exact label: no search).
    expect(batches).toEqual([['Excel sheets for beginners', 'tidying data', 'stats']]);
    expect([...learner.held.keys()].sort()).toEqual([1, 2]);
  });
});
