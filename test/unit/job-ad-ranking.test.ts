import { describe, expect, it } from 'vitest';
import { MiniSearchLexicalIndex } from '../../src/adapters/search/minisearch-lexical.js';
import type { Embedder } from '../../src/core/ports.js';
import { emptyGraph } from '../../src/core/recommend/graph.js';
import { type SearchSnapshot } from '../../src/core/search/corpus.js';
import { emptyCorpus } from '../../src/core/catalog.js';
import { extractFromJobAd, jobAdScore } from '../../src/core/search/job-ad-ranking.js';
import { PhraseDictionary } from '../../src/core/search/phrase-dictionary.js';
import { SkillExtractor } from '../../src/core/search/skill-extractor.js';
import { FakeVectors } from '../helpers/fake-vectors.js';

/** Skills: SQL (named), data warehouse design (meant, not named), pottery (nothing); every text embeds to one direction. */
function setup(withModel = true) {
  const corpus = emptyCorpus();
  const add = (id: number, title: string, description: string) => corpus.skills.set(id, { id, title, altTitles: [], description, source: 'esco' });
  add(1, 'SQL', 'Query relational databases.');
  add(2, 'data warehouse design', 'Design a warehouse of reporting data.');
  add(3, 'pottery', 'Shape clay.');
  const vectors = new FakeVectors(3).set('skills', 1, [1, 0.2, 0]).set('skills', 2, [0.8, 0.6, 0]).set('skills', 3, [0, 0, 1]);
  const snapshot: SearchSnapshot = { corpus, lexical: new MiniSearchLexicalIndex(corpus), phrases: PhraseDictionary.build(corpus.skills.values()), vectors, graph: emptyGraph() };
  const embedder: Embedder = { modelId: 'fake', dimension: 3, embed: async (texts) => texts.map(() => Float32Array.from([0.9, 0.43, 0])) };
  return { snapshot, extractor: new SkillExtractor(() => snapshot, () => (withModel ? embedder : null)) };
}

describe('job-ad extraction ranking', () => {
  it('ranks a named skill first, adds what the sentence means as a whole, and scores with calibrated chances', async () => {
    const { snapshot, extractor } = setup();
    const text = 'You will write SQL for our data warehouse.';
    const result = await extractFromJobAd(text, { limit: 5 }, snapshot, extractor);
    expect(result.mode).toBe('hybrid');
    const ids = result.skills.map((s) => s.id);
    expect(ids[0]).toBe(1);
    expect(ids).toContain(2);
    expect(ids.indexOf(3)).toBe(ids.length - 1);
    const warehouse = result.skills.find((s) => s.id === 2)!;
    // Not named word for word: its evidence is what the sentence (or part of it) means.
    expect(warehouse.spans.length).toBeGreaterThan(0);
    expect(warehouse.spans.every((s) => s.via === 'semantic' || s.via === 'keyword')).toBe(true);
    for (const s of result.skills) {
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThan(1);
    }
    expect(result.skills[0]!.score).toBeGreaterThan(warehouse.score);
  });

  it('drops candidates under minScore, and without a model returns the phrase matches as they are', async () => {
    const { snapshot, extractor } = setup();
    const text = 'You will write SQL for our data warehouse.';
    const strict = await extractFromJobAd(text, { limit: 5, minScore: 0.99 }, snapshot, extractor);
    expect(strict.skills).toEqual([]);
    const lexical = setup(false);
    const plain = await extractFromJobAd(text, { limit: 5 }, lexical.snapshot, lexical.extractor);
    expect(plain).toMatchObject({ mode: 'lexical', skills: [{ id: 1, spans: [{ text: 'SQL', via: 'label' }] }] });
  });

  it('weighs a stated label and agreeing meaning above a keyword-only neighbour', () => {
    const base = { label: 0, alt: 0, oneWord: 0, meaning: 0, context: 0.5, nearest: 0, keyword: 0, sentence: 0, overlap: 0, knowledge: 0 };
    expect(jobAdScore({ ...base, label: 1, oneWord: 1, overlap: 1, nearest: 1, context: 0.7 })).toBeGreaterThan(jobAdScore({ ...base, keyword: 1, overlap: 0.5 }));
  });
});

describe('job-ad extraction: a skill only the whole sentence finds', () => {
  it('cites the sentence, via keyword, when no part of it matched', async () => {
    const corpus = emptyCorpus();
    corpus.skills.set(1, { id: 1, title: 'warehouse management', altTitles: [], description: '', source: 'esco' });
    corpus.skills.set(2, { id: 2, title: 'gardening', altTitles: [], description: '', source: 'esco' });
    // The skill's vector is far from every part of the text, so only the keyword side proposes it.
    const vectors = new FakeVectors(2).set('skills', 1, [0, 1]).set('skills', 2, [1, 0]);
    const snapshot: SearchSnapshot = { corpus, lexical: new MiniSearchLexicalIndex(corpus), phrases: PhraseDictionary.build([]), vectors, graph: emptyGraph() };
    const embedder: Embedder = { modelId: 'fake', dimension: 2, embed: async (texts) => texts.map(() => Float32Array.from([1, 0])) };
    const extractor = new SkillExtractor(() => snapshot, () => embedder);
    const text = 'Run our busy warehouse team.';
    const result = await extractFromJobAd(text, { limit: 5 }, snapshot, extractor);
    expect(result.skills.find((s) => s.id === 1)?.spans).toEqual([{ text: 'Run our busy warehouse team', start: 0, end: 27, via: 'keyword' }]);
  });
});
