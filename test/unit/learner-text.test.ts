import { describe, expect, it } from 'vitest';
import { predict, readingFeatures, textContext } from '../../src/core/recommend/learner-text.js';
import type { SearchSnapshot } from '../../src/core/search/corpus.js';
import type { ExtractedSkill } from '../../src/core/search/skill-extractor.js';

const skills = new Map([
  [1, { id: 1, label: 'Python (computer programming)', source: 'esco', uri: 'py', group: null, type: 'knowledge' as const }],
  [2, { id: 2, label: 'Alpha Four', source: 'onet', uri: 'a4', group: null, type: 'tool' as const }],
  [3, { id: 3, label: 'Docker', source: 'onet', uri: 'docker', group: null, type: 'tool' as const }],
  [4, { id: 4, label: 'payroll', source: 'esco', uri: 'payroll', group: null, type: 'skill' as const }],
]);
const snapshot = {
  graph: { skills },
  corpus: { skills: new Map([...skills].map(([id, s]) => [id, { id, title: s.label, altTitles: s.label === 'Python (computer programming)' ? ['Python'] : [], description: '', source: s.source }])) },
} as unknown as SearchSnapshot;

const phrase = (id: number, text: string, start: number, via: 'label' | 'alt' = 'label'): ExtractedSkill => ({
  id,
  score: 0.95,
  spans: [{ text, start, end: start + text.length, via }],
  signals: { rank: 0, context: 0.5, meaning: 0 },
});
const semantic = (id: number, text: string, start: number, score = 0.8): ExtractedSkill => ({
  id,
  score,
  spans: [{ text, start, end: start + text.length, via: 'semantic' }],
  signals: { rank: 0, context: 0.6, meaning: score },
});

describe("reading a learner's text: hard rules", () => {
  it('drops a reading from a wish ("want to learn payroll"), keeps it from a holding', () => {
    const wish = 'I keep the books for a bakery and want to learn payroll next.';
    expect(readingFeatures(phrase(4, 'payroll', wish.indexOf('payroll')), snapshot, textContext(wish))).toBeNull();
    const held = 'I run payroll for 40 staff.';
    expect(readingFeatures(phrase(4, 'payroll', held.indexOf('payroll')), snapshot, textContext(held))).not.toBeNull();
  });

  it('drops a tool that no phrase of the text names, keeps a named one', () => {
    const text = 'I deploy services with Docker.';
    expect(readingFeatures(semantic(2, 'deploy services with', 2, 0.9), snapshot, textContext(text))).toBeNull();
    expect(readingFeatures(phrase(3, 'Docker', text.indexOf('Docker')), snapshot, textContext(text))).not.toBeNull();
  });

  it('drops a reading whose only words are numbers and function words', () => {
    const text = 'Nursing assistant for four years in a care home.';
    const span = 'for four years in a';
    expect(readingFeatures(semantic(4, span, text.indexOf(span), 0.9), snapshot, textContext(text))).toBeNull();
  });

  it('reads a name written as a name ("Python" mid-sentence) as surer than the same word opening a sentence', () => {
    const inside = 'Mostly I write Python at work.';
    const opening = 'Python at work, mostly.';
    const a = readingFeatures(phrase(1, 'Python', inside.indexOf('Python'), 'alt'), snapshot, textContext(inside))!;
    const b = readingFeatures(phrase(1, 'Python', 0, 'alt'), snapshot, textContext(opening))!;
    expect(a.asName).toBe(1);
    expect(b.asName).toBe(0);
    expect(predict(a)).toBeGreaterThan(predict(b));
  });
});
