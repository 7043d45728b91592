/** The recommendation service on an in-memory graph: money and language rules that need a whole answer. */
import { describe, expect, it } from 'vitest';
import { optimisePath, type OptimiseInput } from '../../src/core/path/index.js';
import type { CatalogGraph } from '../../src/core/recommend/graph.js';
import { costNote } from '../../src/core/recommend/plan.js';
import type { RecommendationDeps } from '../../src/core/recommend/recommendation-service.js';
import { analystGraph, analystRequest, CHARTS, engineService, SQL } from '../helpers/engine.js';

const service = (graph: CatalogGraph, deps: Partial<RecommendationDeps> = {}) => engineService(graph, deps);

describe('totals: estimated money', () => {
  it('says when every price on the path is estimated, without calling it mixed currencies', async () => {
    // Coursera-like: no prices at all.
    const g = analystGraph([
      { id: 10, skills: [SQL], cost: null, currency: null },
      { id: 11, skills: [CHARTS], cost: null, currency: null },
    ]);
    const answer = await service(g).recommend(analystRequest());
    expect(answer.path.map((s) => s.estimated)).toEqual([['cost'], ['cost']]);
    expect(answer.totals).toMatchObject({ cost: 60, currency: null, pricedSteps: 0, estimatedCostSteps: 2 });
    expect(answer.totals.costNote).toBe('about 60 (currency unknown); all 2 prices estimated from the catalog median');
  });

  it('keeps the stated currency when the rest is estimated, and says how much is', async () => {
    const g = analystGraph([
      { id: 10, skills: [SQL], cost: 40, currency: 'EUR' },
      { id: 11, skills: [CHARTS], cost: null, currency: null },
    ]);
    const { totals } = await service(g).recommend(analystRequest());
    expect(totals).toMatchObject({ cost: 70, currency: 'EUR', pricedSteps: 1, estimatedCostSteps: 1 });
    expect(totals.costNote).toBe('about 70 EUR; 1 of 2 prices estimated from the catalog median');
  });

  it('reports mixed currencies only for stated prices', async () => {
    const g = analystGraph([
      { id: 10, skills: [SQL], cost: 40, currency: 'EUR' },
      { id: 11, skills: [CHARTS], cost: 25, currency: 'USD' },
    ]);
    const { totals } = await service(g).recommend(analystRequest());
    expect(totals).toMatchObject({ cost: 65, currency: null, pricedSteps: 2, estimatedCostSteps: 0 });
    expect(totals.costNote).toBe('65 in mixed currencies (EUR, USD), not converted');
  });

  it('words the note for one step, free paths and plain sums', () => {
    expect(costNote(30, [], 1, 1)).toBe('about 30 (currency unknown); the price estimated from the catalog median');
    expect(costNote(0, [], 0, 2)).toBe('free');
    expect(costNote(99.5, ['USD'], 0, 2)).toBe('99.50 USD');
  });
});

describe('the cheapest alternative', () => {
  it('is shown only when strictly cheaper in money than the recommended path', async () => {
    // Same price; 11 takes longer but looks more credible, so the cost-weighted solve picks it.
    const sameMoney = analystGraph([
      { id: 10, skills: [SQL, CHARTS], hours: 10, cost: 50 },
      { id: 11, skills: [SQL, CHARTS], hours: 30, cost: 50, provider: 'University of Somewhere', credentialType: 'professional-certificate' },
    ]);
    const solves: { weights: OptimiseInput['weights']; chosen: number[] }[] = [];
    const observed = async (input: OptimiseInput) => {
      const result = await optimisePath(input);
      solves.push({ weights: input.weights, chosen: result.chosen });
      return result;
    };
    const tie = await service(sameMoney, { optimise: observed }).recommend(analystRequest());
    expect(tie.path.map((s) => s.course.id)).toEqual([10]);
    // The cost-weighted solve did find another path, at the same price: it is not shown.
    expect(solves.find((x) => x.weights?.hours === 0 && x.weights.cost === 1)?.chosen).toEqual([11]);
    expect(tie.alternatives.map((a) => a.label)).not.toContain('cheapest');

    const cheaper = analystGraph([
      { id: 10, skills: [SQL, CHARTS], hours: 10, cost: 50 },
      { id: 11, skills: [SQL, CHARTS], hours: 40, cost: 45 },
    ]);
    const answer = await service(cheaper).recommend(analystRequest());
    expect(answer.path.map((s) => s.course.id)).toEqual([10]);
    const alt = answer.alternatives.find((a) => a.label === 'cheapest');
    expect(alt?.path.map((s) => s.course.id)).toEqual([11]);
    expect(alt!.totals.cost).toBeLessThan(answer.totals.cost);
  });
});

describe('languages', () => {
  const g = () =>
    analystGraph([
      { id: 10, skills: [SQL, CHARTS], hours: 10, cost: 0, currency: null, language: 'de', title: 'SQL und Diagramme' },
      { id: 11, skills: [SQL, CHARTS], hours: 30, cost: 90, language: 'en' },
      { id: 12, skills: [SQL, CHARTS], hours: 35, cost: 95, language: null },
    ]);

  it("plans in the server's default languages when the request names none", async () => {
    const answer = await service(g(), { defaultLanguages: ['en'] }).recommend(analystRequest());
    expect(answer.path.map((s) => s.course.id)).toEqual([11]);
    expect(answer.alternatives.flatMap((a) => a.path.map((s) => s.course.id))).not.toContain(10);
  });

  it("lets the request's own list win, and keeps courses of unknown language", async () => {
    const s = service(g(), { defaultLanguages: ['en'] });
    expect((await s.recommend(analystRequest({ constraints: { languages: ['de'] } }))).path.map((p) => p.course.id)).toEqual([10]);
    // Only unknown-language courses remain for a language nobody teaches in.
    expect((await s.recommend(analystRequest({ constraints: { languages: ['fr'] } }))).path.map((p) => p.course.id)).toEqual([12]);
    // An empty list means any language.
    expect((await s.recommend(analystRequest({ constraints: { languages: [] } }))).path.map((p) => p.course.id)).toEqual([10]);
  });

  it('does not offer a course of unknown language whose text plainly is not English when only English is asked', async () => {
    const portuguese = analystGraph([
      {
        id: 20,
        skills: [SQL, CHARTS],
        cost: 0,
        language: null,
        title: 'Marketing Digital',
        description: 'Neste curso você vai aprender a criar campanhas de marketing digital e a analisar os resultados das suas campanhas com dados.',
      },
      { id: 21, skills: [SQL, CHARTS], cost: 90, language: null, description: 'In this course you will learn how to query data and draw charts with the tools of the trade.' },
    ]);
    const english = await service(portuguese, { defaultLanguages: ['en'] }).recommend(analystRequest());
    expect(english.path.map((s) => s.course.id)).toEqual([21]);
    // Asked for Portuguese, or any language, it is offered (and, being free, chosen).
    const pt = await service(portuguese, { defaultLanguages: ['en'] }).recommend(analystRequest({ constraints: { languages: ['pt'] } }));
    expect(pt.path.map((s) => s.course.id)).toEqual([20]);
  });

  it('applies no language filter without a default', async () => {
    expect((await service(g()).recommend(analystRequest())).path.map((p) => p.course.id)).toEqual([10]);
  });
});
