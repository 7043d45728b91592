/**
 * Each constraint of a recommendation request, on the engine alone: an in-memory graph with a
 * fake vector index, no database and no HTTP. For every constraint, one catalog where a course
 * the constraint allows closes the gap (the path must not be empty, every step must keep the
 * constraint, and without the constraint the engine would have chosen otherwise), and one where
 * the constraint rules out every way to close it (the answer must say so: uncovered skills and,
 * for a limit, the binding one).
 */
import { describe, expect, it } from 'vitest';
import type { Constraints, PathStep, Recommendation } from '../../src/core/recommend/types.js';
import { analystGraph, analystRequest, analystVectors, CHARTS, engineService, SQL, type CourseSpec } from '../helpers/engine.js';

async function recommend(courses: CourseSpec[], constraints?: Constraints): Promise<Recommendation> {
  const graph = analystGraph(courses);
  return engineService(graph, {}, analystVectors(graph)).recommend(analystRequest({ constraints }));
}

const ids = (path: PathStep[]) => path.map((s) => s.course.id);
const uncovered = (answer: Recommendation) => answer.uncovered.map((u) => [u.skill.id, u.reason]);

describe('course filters', () => {
  // The course the filter keeps is dearer and longer than the one it rules out.
  const kept = { id: 10, skills: [SQL, CHARTS], hours: 30, cost: 90 };
  const ruledOut = { id: 11, skills: [SQL, CHARTS], hours: 10, cost: 10 };

  const cases: { name: string; constraints: Constraints; keep: Partial<CourseSpec>; ruleOut: Partial<CourseSpec>; holds: (s: PathStep) => boolean; says: string }[] = [
    { name: 'levels', constraints: { levels: ['beginner'] }, keep: { level: 'beginner' }, ruleOut: { level: 'advanced' }, holds: (s) => s.course.level === 'beginner', says: 'at level beginner' },
    { name: 'languages', constraints: { languages: ['en'] }, keep: { language: 'en' }, ruleOut: { language: 'de' }, holds: (s) => s.course.language === 'en', says: 'in en' },
    {
      name: 'includeProviders',
      constraints: { includeProviders: ['Northbridge Digital Academy'] },
      keep: { provider: 'Northbridge Digital Academy' },
      ruleOut: { provider: 'Example Learning' },
      holds: (s) => s.course.provider === 'Northbridge Digital Academy',
      says: 'from Northbridge Digital Academy',
    },
    {
      name: 'excludeProviders',
      constraints: { excludeProviders: ['Cut-Price Courses'] },
      keep: { provider: 'Example Learning' },
      ruleOut: { provider: 'Cut-Price Courses' },
      holds: (s) => s.course.provider !== 'Cut-Price Courses',
      says: 'outside Cut-Price Courses',
    },
    { name: 'formats', constraints: { formats: ['online'] }, keep: { format: 'online' }, ruleOut: { format: 'in-person' }, holds: (s) => s.course.format === 'online', says: 'as online' },
  ];

  it.each(cases)('$name: plans a non-empty path of courses it allows, every alternative included', async ({ constraints, keep, ruleOut, holds }) => {
    const catalog = [{ ...kept, ...keep }, { ...ruledOut, ...ruleOut }];
    // Without the filter, the cheaper course wins: the filter is what changes the answer.
    expect(ids((await recommend(catalog)).path)).toEqual([ruledOut.id]);

    const answer = await recommend(catalog, constraints);
    expect(answer.path.length).toBeGreaterThan(0);
    expect(ids(answer.path)).toEqual([kept.id]);
    // It fits the role by the fake index's meanings, not by the taxonomy fallback.
    expect(answer.path[0]!.reason).toContain("its subject is among the closest to the role's");
    for (const step of [...answer.path, ...answer.alternatives.flatMap((a) => a.path)]) expect(holds(step), step.course.title).toBe(true);
    expect(answer.uncovered).toEqual([]);
    expect(answer.gap.coverageAfter).toBe(1);
  });

  it.each(cases)('$name: says no course is left when it rules out the only one', async ({ constraints, ruleOut, says }) => {
    const answer = await recommend([{ ...ruledOut, ...ruleOut }], constraints);
    expect(answer.path).toEqual([]);
    expect(answer.alternatives).toEqual([]);
    expect(uncovered(answer)).toEqual([
      [SQL, 'no_course'],
      [CHARTS, 'no_course'],
    ]);
    for (const u of answer.uncovered) expect(u.detail).toContain(`No course in the catalog (${says}) that fits Analyst`);
    expect(answer.binding).toEqual([]);
    expect(answer.gap.coverageAfter).toBe(0);
  });
});

describe('limits', () => {
  // The course within the limit spends more of the other resource than the one past it.
  const within = { id: 10, skills: [SQL, CHARTS], hours: 40, cost: 40 };
  const costly = { id: 11, skills: [SQL, CHARTS], hours: 5, cost: 100 };
  const long = { id: 11, skills: [SQL, CHARTS], hours: 100, cost: 5 };
  const cases: { name: string; constraints: Constraints; past: CourseSpec; holds: (a: Recommendation) => boolean; binding: string }[] = [
    { name: 'maxCost', constraints: { maxCost: 50 }, past: costly, holds: (a) => a.totals.cost <= 50, binding: 'maxCost' },
    { name: 'maxHours', constraints: { maxHours: 50 }, past: long, holds: (a) => a.totals.hours <= 50, binding: 'maxHours' },
    {
      name: 'deadlineWeeks at hoursPerWeek',
      constraints: { hoursPerWeek: 5, deadlineWeeks: 10 },
      past: long,
      holds: (a) => a.totals.hours <= 50 && a.path.every((s) => s.endWeek !== null && s.endWeek <= 10),
      binding: 'deadlineWeeks',
    },
  ];

  it.each(cases)('$name: plans a non-empty path within the limit', async ({ constraints, past, holds }) => {
    expect(ids((await recommend([within, past])).path)).toEqual([past.id]);

    const answer = await recommend([within, past], constraints);
    expect(answer.path.length).toBeGreaterThan(0);
    expect(ids(answer.path)).toEqual([within.id]);
    expect(holds(answer)).toBe(true);
    expect(answer.uncovered).toEqual([]);
    expect(answer.binding).toEqual([]);
  });

  it.each(cases)('$name: names the limit as binding when the only course is past it', async ({ constraints, past, holds, binding }) => {
    const answer = await recommend([past], constraints);
    expect(answer.path).toEqual([]);
    expect(holds(answer)).toBe(true);
    expect(uncovered(answer)).toEqual([
      [SQL, 'constraint'],
      [CHARTS, 'constraint'],
    ]);
    expect(answer.binding.map((b) => b.constraint)).toEqual([binding]);
  });

  // Two short single-skill courses beat one long course for both, until only one step is allowed.
  const one = { id: 10, skills: [SQL, CHARTS], hours: 30, cost: 90 };
  const pair = [
    { id: 11, skills: [SQL], hours: 5, cost: 5 },
    { id: 12, skills: [CHARTS], hours: 5, cost: 5 },
  ];

  it('maxSteps: plans a non-empty path of at most that many steps', async () => {
    expect(ids((await recommend([one, ...pair])).path).sort()).toEqual([11, 12]);

    const answer = await recommend([one, ...pair], { maxSteps: 1 });
    expect(answer.path.length).toBeGreaterThan(0);
    expect(answer.path.length).toBeLessThanOrEqual(1);
    expect(ids(answer.path)).toEqual([one.id]);
    expect(answer.uncovered).toEqual([]);
  });

  it('maxSteps: names the limit as binding when no path that short closes the gap', async () => {
    const answer = await recommend(pair, { maxSteps: 1 });
    expect(answer.path).toHaveLength(1);
    expect(answer.uncovered).toHaveLength(1);
    expect(answer.uncovered[0]!.reason).toBe('constraint');
    expect(answer.binding.map((b) => b.constraint)).toEqual(['maxSteps']);
  });
});
