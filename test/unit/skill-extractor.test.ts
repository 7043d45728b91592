import { describe, expect, it } from 'vitest';
import { MiniSearchLexicalIndex } from '../../src/adapters/search/minisearch-lexical.js';
import { type SearchSnapshot } from '../../src/core/search/corpus.js';
import { emptyCorpus } from '../../src/core/catalog.js';
import { PhraseDictionary } from '../../src/core/search/phrase-dictionary.js';
import { emptyGraph } from '../../src/core/recommend/graph.js';
import { SkillExtractor, segments } from '../../src/core/search/skill-extractor.js';

describe('segments', () => {
  it('splits sentences, clauses and short windows, with offsets into the text', () => {
    const text = 'I clean messy data in big spreadsheets and present findings. Python, SQL, and Tableau.';
    const parts = segments(text);
    for (const p of parts) expect(text.slice(p.start, p.end)).toBe(p.text);
    const texts = parts.map((p) => p.text);
    expect(texts).toEqual(
      expect.arrayContaining(['I clean messy data in big spreadsheets', 'present findings', 'Python', 'SQL', 'Tableau', 'I clean messy data', 'messy data in big']),
    );
    expect(segments(text, { clauses: false, windows: false }).map((p) => p.text)).toEqual([
      'I clean messy data in big spreadsheets and present findings',
      'Python, SQL, and Tableau',
    ]);
  });
});

describe('SkillExtractor without a model', () => {
  const corpus = emptyCorpus();
  corpus.skills.set(1, { id: 1, title: 'SQL', altTitles: ['structured query language'], description: '', source: 'esco' });
  corpus.skills.set(2, { id: 2, title: 'machine learning', altTitles: ['ML'], description: '', source: 'esco' });
  corpus.skills.set(3, { id: 3, title: 'learning', altTitles: [], description: '', source: 'onet' });
  corpus.skills.set(4, { id: 4, title: 'Node.js', altTitles: [], description: '', source: 'onet' });
  const snapshot: SearchSnapshot = {
    corpus,
    lexical: new MiniSearchLexicalIndex(corpus),
    phrases: PhraseDictionary.build(corpus.skills.values()),
    vectors: null,
    graph: emptyGraph(),
  };
  const extractor = new SkillExtractor(() => snapshot, () => null);

  it('finds labels and synonyms, longest phrase first, with exact spans', async () => {
    const text = 'Built machine learning services in Node.js; fluent in Structured Query Language and ML.';
    const { skills, mode } = await extractor.extract(text, { limit: 10 });
    expect(mode).toBe('lexical');
    expect(skills.map((s) => [s.id, s.score])).toEqual([
      [2, 0.95],
      [4, 0.95],
      [1, 0.85],
    ]);
    // "learning" alone is not reported: it is inside the longer match "machine learning".
    expect(skills.find((s) => s.id === 3)).toBeUndefined();
    const ml = skills.find((s) => s.id === 2)!;
    expect(ml.spans.map((s) => [s.text, s.via])).toEqual([
      ['machine learning', 'label'],
      ['ML', 'alt'],
    ]);
    for (const s of skills.flatMap((k) => k.spans)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('filters by taxonomy and limit', async () => {
    const { skills } = await extractor.extract('SQL and Node.js', { limit: 5, source: 'onet' });
    expect(skills.map((s) => s.id)).toEqual([4]);
    expect((await extractor.extract('SQL and Node.js', { limit: 1 })).skills).toHaveLength(1);
  });
});
