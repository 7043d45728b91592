import { describe, expect, it } from 'vitest';
import { DEFAULT_LINKER_TUNING, linkCourse, textsToEmbed, type NearestSkills } from '../../src/core/search/course-linker.js';
import { PhraseDictionary } from '../../src/core/search/phrase-dictionary.js';

const skill = (id: number, title: string, altTitles: string[] = []) => ({ id, title, altTitles, description: '', source: 'esco' });
const dictionary = PhraseDictionary.build([
  skill(1, 'data analysis', ['analyse data']),
  skill(2, 'SQL', ['structured query language']),
  skill(3, 'statistics', ['stats']),
  skill(4, 'project management'),
]);

// Vectors are stand-ins: each text maps to a one-hot "vector", and nearest() answers from a table.
const table: Record<string, { id: number; score: number }[]> = {
  'pivot tables': [{ id: 1, score: 0.83 }],
  'spreadsheet wizardry': [{ id: 1, score: 0.7 }],
  'You will learn to run projects on time and on budget': [
    { id: 4, score: 0.78 },
    { id: 3, score: 0.5 },
  ],
};
const texts = Object.keys(table);
const vectorOf = (text: string) => Float32Array.from(texts, (t) => (t === text ? 1 : 0));
const nearest: NearestSkills = (vector, k) => (table[texts[vector.indexOf(1)]!] ?? []).slice(0, k);

describe('course linker', () => {
  it('links tags by label, then synonym, then by meaning above the threshold', () => {
    const links = linkCourse(
      {
        description: '',
        tags: [
          { label: 'Data Analysis', kind: 'tag' },
          { label: 'structured query language', kind: 'tag' },
          { label: 'pivot tables', kind: 'tag' },
          { label: 'spreadsheet wizardry', kind: 'tag' },
        ],
      },
      dictionary,
      nearest,
      vectorOf,
    );
    expect(links.sort((a, b) => a.skillId - b.skillId)).toEqual([
      { skillId: 1, confidence: 0.95, evidenceKind: 'tag', span: 'Data Analysis' },
      { skillId: 2, confidence: 0.85, evidenceKind: 'tag', span: 'structured query language' },
    ]);
    // "pivot tables" reaches skill 1 by meaning (0.83 ≥ 0.8) but the exact tag link is stronger and kept.
    const byMeaning = linkCourse({ description: '', tags: [{ label: 'pivot tables', kind: 'tag' }] }, dictionary, nearest, vectorOf);
    expect(byMeaning).toEqual([{ skillId: 1, confidence: 0.747, evidenceKind: 'tag', span: 'pivot tables' }]);
  });

  it('reads descriptions by label phrases and sentence meaning, skipping one-word synonyms', () => {
    const description = 'We cover SQL and stats. You will learn to run projects on time and on budget';
    expect(textsToEmbed({ description, tags: [] }, dictionary).sentences.map((s) => s.text)).toEqual([
      'We cover SQL and stats',
      'You will learn to run projects on time and on budget',
    ]);
    const links = linkCourse({ description, tags: [] }, dictionary, nearest, (t) => (table[t] ? vectorOf(t) : new Float32Array(texts.length)));
    expect(links.map((l) => [l.skillId, l.confidence, l.evidenceKind]).sort()).toEqual([
      [2, 0.8, 'text'],
      [4, 0.624, 'text'],
    ]);
    // Above the tuned threshold only: raising it drops the link found by meaning.
    const strict = linkCourse({ description, tags: [] }, dictionary, nearest, (t) => (table[t] ? vectorOf(t) : new Float32Array(texts.length)), {
      ...DEFAULT_LINKER_TUNING,
      textSemanticMin: 0.8,
    });
    expect(strict.map((l) => l.skillId)).toEqual([2]);
  });
});
