/**
 * Vacancy titles against every name a role has: one vector per alternative title, exact
 * synonyms boosted only when one role owns them, titles normalised before matching, and an
 * answer that says `ambiguous` when several roles share the name asked for.
 */
import { describe, expect, it } from 'vitest';
import { MiniSearchLexicalIndex } from '../../src/adapters/search/minisearch-lexical.js';
import { emptyCorpus, type RoleSummary } from '../../src/core/catalog.js';
import { DomainError } from '../../src/core/errors.js';
import type { Embedder } from '../../src/core/ports.js';
import { emptyGraph } from '../../src/core/recommend/graph.js';
import { rankRoleTitle, resolveTarget } from '../../src/core/recommend/target.js';
import { type SearchSnapshot } from '../../src/core/search/corpus.js';
import { HybridSearch } from '../../src/core/search/hybrid-search.js';
import { PhraseDictionary } from '../../src/core/search/phrase-dictionary.js';
import { roleLabelId, roleLabels } from '../../src/core/search/role-labels.js';
import { FakeVectors } from '../helpers/fake-vectors.js';

const ROLES: RoleSummary[] = [
  { id: 1, source: 'esco', code: 'e1', title: 'data analyst', altTitles: ['reporting analyst'], description: '' },
  { id: 2, source: 'onet', code: '15-2051.00', title: 'Statisticians', altTitles: ['Data Analyst', 'Educator'], description: '' },
  { id: 3, source: 'esco', code: 'e3', title: 'zoo educator', altTitles: ['educator'], description: '' },
  { id: 4, source: 'esco', code: 'e4', title: 'vehicle tyre fitter', altTitles: ['tyre man', 'tyre technician'], description: '' },
  { id: 5, source: 'esco', code: 'e5', title: 'copywriter', altTitles: [], description: '' },
];

/** Texts embed to fixed directions; a role's names are stored under those directions too. */
const DIRECTIONS: Record<string, number[]> = {
  'data analyst': [1, 0, 0, 0],
  'reporting analyst': [0.9, 0.1, 0, 0],
  statisticians: [0.7, 0.3, 0, 0],
  educator: [0, 1, 0, 0],
  'zoo educator': [0, 0.8, 0.2, 0],
  'vehicle tyre fitter': [0, 0, 0.5, 0.5],
  'tyre man': [0, 0, 0, 1],
  'tyre guy': [0, 0, 0.05, 1],
  'tyre technician': [0, 0, 0.3, 0.7],
  copywriter: [0, 0, 1, 0],
};
const direction = (text: string) => DIRECTIONS[text.toLowerCase()] ?? [0.25, 0.25, 0.25, 0.25];
const embedder: Embedder = { modelId: 'fake', dimension: 4, embed: async (texts) => texts.map((t) => Float32Array.from(normalise(direction(t)))) };
const normalise = (v: number[]) => {
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
};

function setup(options: { labels?: boolean } = {}) {
  const corpus = emptyCorpus();
  const graph = emptyGraph();
  const vectors = new FakeVectors(4);
  for (const role of ROLES) {
    corpus.roles.set(role.id, { id: role.id, title: role.title, altTitles: role.altTitles, description: '', source: role.source });
    graph.roles.set(role.id, role);
    vectors.set('roles', role.id, direction(role.title));
    if (options.labels !== false) roleLabels(role).forEach((label, k) => vectors.set('roleLabels', roleLabelId(role.id, k), direction(label)));
  }
  const snapshot: SearchSnapshot = { corpus, lexical: new MiniSearchLexicalIndex(corpus), phrases: PhraseDictionary.build([]), vectors, graph };
  return { snapshot, search: new HybridSearch(() => snapshot, () => embedder) };
}

describe('role names: one vector per alternative title, boosts only for names one role owns', () => {
  it("resolves a title by an alternative title's own vector, and says which name matched", async () => {
    const { snapshot, search } = setup();
    // "tyre guy" is no name of any role, but its vector is next to the alternative title "tyre man".
    const [top] = await rankRoleTitle('Tyre guy', snapshot, search);
    expect(top).toMatchObject({ role: { id: 4 }, viaLabel: 'tyre man', accepted: true });
    // With titles alone the vehicle tyre fitter's title sits about 45° away: not sure enough to accept.
    const titlesOnly = setup({ labels: false });
    const ranked = await rankRoleTitle('Tyre guy', titlesOnly.snapshot, titlesOnly.search);
    expect(ranked.find((r) => r.role.id === 4)).toMatchObject({ accepted: false });
  });

  it('boosts an exact synonym only when one role owns it', async () => {
    const { search } = setup();
    const unique = (await search.search('roles', 'reporting analyst', { limit: 3 })).hits[0];
    expect(unique).toMatchObject({ id: 1, score: 0.97 });
    const shared = (await search.search('roles', 'educator', { limit: 5 })).hits;
    expect(shared.filter((h) => h.score >= 0.97)).toEqual([]);
  });
});

describe('resolving a target title', () => {
  it('answers ambiguous, with the candidates, when several roles share the name', async () => {
    const { snapshot, search } = setup();
    const target = await resolveTarget({ title: 'Educator' }, snapshot, search);
    expect(target.ambiguous).toBe(true);
    expect(target.candidates.slice(0, 2).map((c) => c.role.id).sort()).toEqual([2, 3]);
    expect(target.confidence).toBeLessThan(1);
  });

  it("prefers a role's own title to another role's synonym, and is then sure", async () => {
    const { snapshot, search } = setup();
    const target = await resolveTarget({ title: 'Data Analyst' }, snapshot, search);
    expect(target).toMatchObject({ role: { id: 1 }, confidence: 1, ambiguous: false });
    expect(target.candidates.find((c) => c.role.id === 2)?.score).toBeLessThanOrEqual(0.9);
  });

  it('normalises a vacancy title first and matches each alternative it lists', async () => {
    const { snapshot, search } = setup();
    expect((await resolveTarget({ title: 'Senior Data Analyst (m/w/d) @ Acme Logistics' }, snapshot, search)).role.id).toBe(1);
    const both = await rankRoleTitle('Senior Copywriter / Tyre Man', snapshot, search);
    expect(both.slice(0, 2).map((c) => c.role.id).sort()).toEqual([4, 5]);
  });

  it('says why when nothing is left of the title, instead of guessing', async () => {
    const { snapshot, search } = setup();
    const error = await resolveTarget({ title: 'Senior (m/w/d)' }, snapshot, search).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toMatch(/names no occupation/);
  });
});
