import { describe, expect, it } from 'vitest';
import { MiniSearchLexicalIndex } from '../../src/adapters/search/minisearch-lexical.js';
import type { Embedder, VectorIndex } from '../../src/core/ports.js';
import { type SearchSnapshot } from '../../src/core/search/corpus.js';
import { emptyCorpus } from '../../src/core/catalog.js';
import { HybridSearch } from '../../src/core/search/hybrid-search.js';
import { PhraseDictionary } from '../../src/core/search/phrase-dictionary.js';
import { emptyGraph } from '../../src/core/recommend/graph.js';

function corpus() {
  const c = emptyCorpus();
  const add = (id: number, title: string, altTitles: string[] = [], description = '') =>
    c.roles.set(id, { id, title, altTitles, description, source: id > 3 ? 'onet' : 'esco' });
  add(1, 'Data Analyst', ['reporting analyst'], 'Analyses data and builds dashboards.');
  add(2, 'Business Analyst', [], 'Gathers requirements and analyses business processes and data.');
  add(3, 'Data Engineer', [], 'Builds data pipelines.');
  add(4, 'Statistician', [], 'Applies statistical methods.');
  return c;
}

/** A vector index whose neighbours are fixed per query, to test fusion without a model. */
function fakeVectors(model: string, neighbours: { id: number; score: number }[]): VectorIndex {
  return { version: 'v1', model, dimension: 2, count: () => 4, vectorsOf: async (_c, ids) => ids.map(() => null), search: async (_c, _v, k, filter) => neighbours.filter((n) => !filter || filter(n.id)).slice(0, k) };
}
const embedder: Embedder = { modelId: 'm', dimension: 2, embed: async (texts) => texts.map(() => new Float32Array([1, 0])) };

function engine(vectors: VectorIndex | null, withEmbedder = true) {
  const c = corpus();
  const snapshot: SearchSnapshot = { corpus: c, lexical: new MiniSearchLexicalIndex(c), phrases: PhraseDictionary.build(c.skills.values()), vectors, graph: emptyGraph() };
  return new HybridSearch(() => snapshot, () => (withEmbedder ? embedder : null));
}

describe('HybridSearch', () => {
  it('puts an exact title or alternative title first with score 1', async () => {
    const search = engine(null);
    const result = await search.search('roles', 'data analyst', { limit: 5 });
    expect(result.mode).toBe('lexical');
    expect(result.hits[0]).toMatchObject({ id: 1, score: 1, matchedBy: ['exact', 'lexical'] });
    expect((await search.search('roles', 'Reporting Analyst', { limit: 1 })).hits[0]).toMatchObject({ id: 1, score: 0.97 });
  });

  it('matches plurals and the last word as a prefix', async () => {
    const search = engine(null);
    expect((await search.search('roles', 'statisticians', { limit: 3 })).hits.map((h) => h.id)).toEqual([4]);
    expect((await search.search('roles', 'data engin', { limit: 1, prefix: true })).hits[0]?.id).toBe(3);
  });

  it('fuses vector neighbours: a semantic-only match is found, and the vector order leads', async () => {
    const search = engine(fakeVectors('m', [{ id: 4, score: 0.8 }, { id: 2, score: 0.6 }, { id: 3, score: 0.1 }]));
    const result = await search.search('roles', 'numbers person', { limit: 5 });
    expect(result.mode).toBe('hybrid');
    // No keyword matches "numbers person"; the vector side supplies 4 and 2; 3 is below the similarity floor.
    expect(result.hits.map((h) => h.id)).toEqual([4, 2]);
    expect(result.hits[0]?.matchedBy).toEqual(['vector']);
    // A keyword match does not overturn the model's order on a whole query (tuned: docs/EVALUATION.md) ...
    const both = await search.search('roles', 'business processes', { limit: 5 });
    expect(both.hits.map((h) => h.id)).toEqual([4, 2]);
    expect(both.hits[1]).toMatchObject({ id: 2, matchedBy: ['lexical', 'vector'] });
    // ... but a keyword-only match still comes back, after what the vectors found.
    const pipelines = await search.search('roles', 'pipelines', { limit: 5 });
    expect(pipelines.hits.map((h) => [h.id, h.matchedBy])).toEqual([
      [4, ['vector']],
      [2, ['vector']],
      [3, ['lexical']],
    ]);
  });

  it('gives the keyword side more say when the last word is still being typed', async () => {
    const search = engine(fakeVectors('m', [{ id: 4, score: 0.8 }, { id: 2, score: 0.6 }]));
    expect((await search.search('roles', 'business proc', { limit: 2, prefix: true })).hits.map((h) => h.id)).toEqual([2, 4]);
    expect((await search.search('roles', 'business processes', { limit: 2 })).hits.map((h) => h.id)).toEqual([4, 2]);
  });

  it('ignores an index built with another model and falls back to keywords', async () => {
    const search = engine(fakeVectors('other-model', [{ id: 4, score: 0.9 }]));
    const result = await search.search('roles', 'numbers person', { limit: 5 });
    expect(result).toEqual({ hits: [], total: 0, mode: 'lexical' });
    expect((await engine(fakeVectors('m', []), false).search('roles', 'data', { limit: 1 })).mode).toBe('lexical');
  });

  it('applies filters to both retrievers and pages deterministically', async () => {
    const search = engine(fakeVectors('m', [{ id: 4, score: 0.8 }, { id: 1, score: 0.7 }]));
    const onlyOnet = await search.search('roles', 'data analyst', { limit: 5, filter: (id) => id === 4 });
    expect(onlyOnet.hits.map((h) => h.id)).toEqual([4]);
    const first = await search.search('roles', 'data', { limit: 2 });
    const second = await search.search('roles', 'data', { limit: 2, offset: 2 });
    const all = await search.search('roles', 'data', { limit: 10 });
    expect([...first.hits, ...second.hits].map((h) => h.id)).toEqual(all.hits.slice(0, 4).map((h) => h.id));
    expect(all.total).toBe(all.hits.length);
  });
});
