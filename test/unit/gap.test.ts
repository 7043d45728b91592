import { describe, expect, it } from 'vitest';
import type { VectorIndex } from '../../src/core/ports.js';
import { computeGap, coverage, PARTIAL_CREDIT } from '../../src/core/recommend/gap.js';
import { emptyGraph, push, type CatalogGraph } from '../../src/core/recommend/graph.js';
import { matchNames } from '../../src/core/recommend/name-match.js';
import type { HeldSkill } from '../../src/core/recommend/types.js';
import { nameSimilarity } from '../../src/core/text.js';

function graph(): CatalogGraph {
  const g = emptyGraph();
  const skill = (id: number, label: string, source = 'esco') => g.skills.set(id, { id, label, source, uri: `u${id}`, group: null });
  skill(1, 'programming');
  skill(2, 'Python');
  skill(3, 'SQL');
  skill(4, 'statistics');
  skill(5, 'Python', 'onet');
  skill(6, 'data visualisation');
  skill(7, 'Tableau');
  push(g.broader, 2, 1);
  push(g.narrower, 1, 2);
  push(g.equivalent, 3, 8);
  push(g.equivalent, 8, 3);
  skill(8, 'Structured query language', 'onet');
  g.roles.set(10, { id: 10, source: 'esco', code: 'r', title: 'Analyst', altTitles: [], description: '' });
  g.requirements.set(10, [
    { skillId: 1, kind: 'essential', importance: 1, level: null, inDemand: false, hotTechnology: false },
    { skillId: 3, kind: 'essential', importance: 1, level: null, inDemand: false, hotTechnology: false },
    { skillId: 4, kind: 'optional', importance: 0.8, level: null, inDemand: false, hotTechnology: false },
    { skillId: 6, kind: 'essential', importance: 0.6, level: null, inDemand: true, hotTechnology: false },
  ]);
  return g;
}

const held = (g: CatalogGraph, ids: number[]): Map<number, HeldSkill> =>
  new Map(
    ids.map((id) => {
      const s = g.skills.get(id)!;
      return [id, { skill: { id, label: s.label, source: s.source, uri: s.uri }, confidence: 1, level: null, evidence: [{ kind: 'skill', detail: 'stated', confidence: 1 }] }];
    }),
  );

/** Skills 6 and 7 close in meaning (cosine 0.9); every other skill orthogonal to all. */
const vectors: VectorIndex = {
  version: 'v',
  model: 'm',
  dimension: 9,
  count: () => 8,
  search: async () => [],
  vectorsOf: async (_c, ids) => ids.map((id) => {
    const v = new Float32Array(9);
    if (id === 7) {
      v[6] = 0.9;
      v[7] = Math.sqrt(1 - 0.81);
    } else v[id] = 1;
    return v;
  }),
};

describe('computeGap', () => {
  it('weighs requirements: essential over optional, demand flags raise the weight', async () => {
    const gap = await computeGap(graph(), 10, new Map(), null);
    const weight = Object.fromEntries(gap.required.map((r) => [r.skill.label, r.weight]));
    expect(weight).toEqual({ programming: 1, SQL: 1, 'data visualisation': 0.75, statistics: 0.4 });
    expect(gap.required.map((r) => r.kind)).toEqual(['essential', 'essential', 'essential', 'optional']);
    expect(gap.coverageBefore).toBe(0);
  });

  it('counts an equivalent skill in another taxonomy as held, and says so', async () => {
    const g = graph();
    const gap = await computeGap(g, 10, held(g, [8]), null);
    const sql = gap.required.find((r) => r.skill.id === 3)!;
    expect(sql.status).toBe('held');
    expect(sql.evidence[0]).toMatchObject({ kind: 'equivalent', detail: expect.stringContaining('Structured query language') });
  });

  it('gives explicit partial credit for a narrower skill and a semantically close one, never full credit', async () => {
    const g = graph();
    const gap = await computeGap(g, 10, held(g, [2, 7]), vectors);
    const programming = gap.required.find((r) => r.skill.id === 1)!;
    expect(programming).toMatchObject({ status: 'partial', credit: PARTIAL_CREDIT });
    expect(programming.evidence[0]).toMatchObject({ kind: 'hierarchy', detail: 'holds the narrower skill "Python"' });
    const viz = gap.required.find((r) => r.skill.id === 6)!;
    expect(viz.status).toBe('partial');
    expect(viz.evidence[0]).toMatchObject({ kind: 'semantic', detail: expect.stringContaining('similarity 0.90') });
    expect(gap.required.find((r) => r.skill.id === 4)!.status).toBe('missing');
    // (1 × 0.5 + 0.75 × 0.5) / 3.15
    expect(gap.coverageBefore).toBeCloseTo((1 * 0.5 + 0.75 * 0.5) / 3.15, 3);
  });

  it('computes coverage as the weighted share of credit', async () => {
    expect(coverage([])).toBe(1);
    expect(coverage([{ weight: 3, credit: 1 }, { weight: 1, credit: 0 }])).toBe(0.75);
  });
});

describe('name matching', () => {
  it('compares content words, ignoring case, stopwords and plurals', async () => {
    expect(nameSimilarity('Data Analysts', 'data analyst')).toBe(1);
    expect(nameSimilarity('Spreadsheet Essentials', 'Budgeting and Forecasting with Spreadsheets')).toBeCloseTo(0.4, 5);
  });

  it('accepts exact names, shared words or close meaning, and rejects a merely top-ranked hit', async () => {
    const names: Record<number, string[]> = { 1: ['Google Data Analytics'], 2: ['Budgeting with Spreadsheets'], 3: ['Cloud Practitioner Essentials'] };
    const matches = matchNames(
      'Google Data Analytics Certificate',
      [
        { id: 2, score: 0.95, matchedBy: ['lexical'] },
        { id: 1, score: 0.9, matchedBy: ['lexical'] },
        { id: 3, score: 0.5, matchedBy: ['vector'], similarity: 0.85 },
      ],
      (id) => names[id]!,
    );
    expect(matches.map((m) => [m.id, m.accepted])).toEqual([
      [1, true],
      [3, true],
      [2, false],
    ]);
    expect(matches.find((m) => m.id === 1)!.confidence).toBeCloseTo(6 / 7, 3);
  });
});
