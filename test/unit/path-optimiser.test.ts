import { describe, expect, it } from 'vitest';
import {
  greedyPath,
  optimisePath,
  orderPath,
  pathSpending,
  type CandidateCourse,
  type OptimiseInput,
  type OptimiseResult,
  type OrderableCourse,
} from '../../src/core/path/index.js';
import { exhaustivePath } from '../helpers/brute-force-path.js';
import { prng } from '../helpers/prng.js';


function shuffle<T>(items: T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const course = (id: number, skills: number[], hours: number, cost: number, prerequisites: number[] = [], level: 0 | 1 | 2 = 0): CandidateCourse => ({
  id,
  hours,
  cost,
  level,
  skills,
  prerequisites,
});

const skills = (...ids: number[]) => ids.map((id) => ({ id, weight: 1 }));

function randomInstance(seed: number): OptimiseInput {
  const rand = prng(seed);
  const skillCount = 3 + Math.floor(rand() * 6);
  const courseCount = 5 + Math.floor(rand() * 10);
  const gap = Array.from({ length: skillCount }, (_, k) => ({ id: 100 + k, weight: 1 + Math.floor(rand() * 3) }));
  const courses = Array.from({ length: courseCount }, (_, i) => {
    const taught = gap.filter(() => rand() < 0.3).map((s) => s.id);
    // Prerequisites only point at earlier courses, so the instance is a DAG.
    const prerequisites = i > 0 && rand() < 0.35 ? [Math.floor(rand() * i) + 1] : [];
    // Integer hours and costs make exact ties common, which exercises the tie-break.
    return course(i + 1, taught, 1 + Math.floor(rand() * 20), Math.floor(rand() * 5) * 25, prerequisites, (i % 3) as 0 | 1 | 2);
  });
  const input: OptimiseInput = { skills: gap, courses };
  if (rand() < 0.5) input.limits = { maxHours: 10 + Math.floor(rand() * 30), maxSteps: rand() < 0.5 ? 2 + Math.floor(rand() * 3) : undefined };
  if (rand() < 0.3) input.heldCourses = [1 + Math.floor(rand() * courseCount)];
  if (rand() < 0.3) input.weights = { hours: rand(), cost: rand(), steps: rand() };
  return input;
}

function expectValidPath(input: OptimiseInput, result: OptimiseResult) {
  const chosen = new Set(result.chosen);
  const held = new Set(input.heldCourses ?? []);
  for (const id of result.chosen) {
    const c = input.courses.find((x) => x.id === id)!;
    for (const p of c.prerequisites) expect(chosen.has(p) || held.has(p), `course ${id} needs ${p}`).toBe(true);
    expect(held.has(id)).toBe(false);
  }
  const limits = input.limits ?? {};
  expect(result.totals.hours).toBeLessThanOrEqual((limits.maxHours ?? Infinity) + 1e-9);
  expect(result.totals.cost).toBeLessThanOrEqual((limits.maxCost ?? Infinity) + 1e-9);
  expect(result.totals.steps).toBeLessThanOrEqual(limits.maxSteps ?? Infinity);
  expect(result.chosen).toEqual([...result.chosen].sort((a, b) => a - b));
}

describe('optimisePath', () => {
  it('picks the cheapest of several covers', async () => {
    const input: OptimiseInput = {
      skills: skills(1, 2, 3),
      courses: [
        course(10, [1, 2, 3], 1, 100),
        course(11, [1, 2], 1, 30),
        course(12, [3], 1, 40),
        course(13, [2, 3], 1, 45),
        course(14, [1], 1, 20),
      ],
      weights: { hours: 0, cost: 1, steps: 0 },
    };
    // Covers: {10} 100, {11,12} 70, {11,13} 75, {13,14} 65.
    const result = await optimisePath(input);
    expect(result.chosen).toEqual([13, 14]);
    expect(result.covered).toEqual([1, 2, 3]);
    expect(result.uncovered).toEqual([]);
    expect(result.totals).toEqual({ hours: 2, cost: 65, steps: 2 });
    expect(result).toMatchObject({ status: 'optimal', gap: 0, solver: 'highs', coveredWeight: 3, totalWeight: 3, binding: [] });
  });

  it('with default weights prefers one course over two of the same price per course', async () => {
    const input: OptimiseInput = {
      skills: skills(1, 2),
      courses: [course(1, [1], 10, 50), course(2, [2], 10, 50), course(3, [1, 2], 12, 60)],
    };
    // Normalised by the medians (10 h, 50): {3} = 1.2 + 1.2 + 1 = 3.4, {1,2} = 2 × 3 = 6.
    expect((await optimisePath(input)).chosen).toEqual([3]);
  });

  it('matches brute force on 30 seeded random instances', async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const input = randomInstance(seed);
      const exact = exhaustivePath(input);
      const result = await optimisePath(input);
      expect(result.status, `seed ${seed}`).toBe('optimal');
      expect(result.chosen, `seed ${seed}`).toEqual(exact.chosen);
      expect(result.covered, `seed ${seed}`).toEqual(exact.covered);
      expect(result.uncovered, `seed ${seed}`).toEqual(exact.uncovered);
      expect(result.binding.map((b) => b.constraint), `seed ${seed}`).toEqual(exact.binding.map((b) => b.constraint));
      expectValidPath(input, result);
      const rand = prng(seed);
      const shuffled = await optimisePath({ ...input, skills: shuffle(input.skills, rand), courses: shuffle(input.courses, rand) });
      expect(shuffled.chosen, `seed ${seed} shuffled`).toEqual(result.chosen);
    }
  });

  it('pulls in prerequisites, transitively, even when they teach nothing', async () => {
    const input: OptimiseInput = {
      skills: skills(1),
      courses: [course(20, [1], 5, 10, [21]), course(21, [], 5, 10, [22]), course(22, [], 5, 10)],
    };
    const result = await optimisePath(input);
    expect(result.chosen).toEqual([20, 21, 22]);
    expectValidPath(input, result);
  });

  it('takes the alternative when its prerequisites make the obvious course dearer', async () => {
    const input: OptimiseInput = {
      skills: skills(1),
      courses: [course(1, [1], 5, 10, [2]), course(2, [], 20, 100), course(3, [1], 8, 20)],
    };
    expect((await optimisePath(input)).chosen).toEqual([3]);
  });

  it('does not retake a held prerequisite, nor its own prerequisites', async () => {
    const input: OptimiseInput = {
      skills: skills(1),
      courses: [course(20, [1], 5, 10, [21]), course(21, [], 5, 10, [22]), course(22, [], 5, 10)],
      heldCourses: [21],
    };
    const result = await optimisePath(input);
    expect(result.chosen).toEqual([20]);
    expect(result.totals.steps).toBe(1);
  });

  it('excludes a course whose prerequisite is neither held nor a candidate', async () => {
    const input: OptimiseInput = {
      skills: skills(1, 2),
      courses: [course(1, [1], 1, 1, [99]), course(2, [2], 1, 1)],
    };
    const result = await optimisePath(input);
    expect(result.chosen).toEqual([2]);
    expect(result.uncovered).toEqual([{ id: 1, reason: 'no_course' }]);
  });

  it('reports a partial cover and names the binding limit when limits are too tight', async () => {
    const input: OptimiseInput = {
      skills: [
        { id: 1, weight: 3 },
        { id: 2, weight: 1 },
      ],
      courses: [course(1, [1], 8, 10), course(2, [2], 8, 10), course(3, [1, 2], 30, 10)],
      limits: { maxHours: 10, maxCost: 1000 },
    };
    const result = await optimisePath(input);
    expect(result.chosen).toEqual([1]);
    expect(result.covered).toEqual([1]);
    expect(result.uncovered).toEqual([{ id: 2, reason: 'constraint' }]);
    expect(result.coveredWeight).toBe(3);
    expect(result.status).toBe('optimal');
    expect(result.binding).toHaveLength(1);
    expect(result.binding[0]!.constraint).toBe('maxHours');
    expect(result.binding[0]!.detail).toContain('maxHours (10 h)');
    expect(result.binding[0]!.detail).toContain('skill 2');
    // The same path without the extra solves that name the binding limit.
    const quiet = await optimisePath({ ...input, explainBinding: false });
    expect(quiet.chosen).toEqual(result.chosen);
    expect(quiet.uncovered).toEqual(result.uncovered);
    expect(quiet.binding).toEqual([]);
  });

  it('names maxSteps when the number of courses is what blocks', async () => {
    const input: OptimiseInput = {
      skills: skills(1, 2, 3),
      courses: [course(1, [1], 1, 1), course(2, [2], 1, 1), course(3, [3], 1, 1)],
      limits: { maxSteps: 2, maxHours: 100 },
    };
    const result = await optimisePath(input);
    expect(result.chosen).toHaveLength(2);
    expect(result.binding.map((b) => b.constraint)).toEqual(['maxSteps']);
  });

  it('reports limits that only bind together', async () => {
    const input: OptimiseInput = {
      skills: skills(1, 2),
      // Course 2 breaks both limits, so dropping either one alone still leaves skill 2 out.
      courses: [course(1, [1], 1, 1), course(2, [2], 10, 100)],
      limits: { maxHours: 5, maxCost: 50 },
    };
    const result = await optimisePath(input);
    expect(result.uncovered).toEqual([{ id: 2, reason: 'constraint' }]);
    expect(result.binding.map((b) => b.constraint)).toEqual(['maxHours', 'maxCost']);
  });

  it("marks a skill nobody teaches as 'no_course' and still covers the rest", async () => {
    const input: OptimiseInput = { skills: skills(1, 2), courses: [course(1, [1], 1, 1)] };
    const result = await optimisePath(input);
    expect(result.chosen).toEqual([1]);
    expect(result.uncovered).toEqual([{ id: 2, reason: 'no_course' }]);
    expect(result.coveredWeight).toBe(1);
    expect(result.totalWeight).toBe(2);
    expect(result.binding).toEqual([]);
  });

  it('breaks ties the same way on every run and for any input order', async () => {
    const input: OptimiseInput = {
      skills: skills(1, 2, 3),
      courses: [course(30, [1, 2], 5, 50), course(31, [1, 2], 5, 50), course(32, [3], 5, 50), course(33, [3], 5, 50), course(34, [2, 1], 5, 50)],
    };
    const first = await optimisePath(input);
    expect(first.chosen).toEqual([30, 32]);
    const rand = prng(7);
    for (let k = 0; k < 10; k++) {
      const shuffled: OptimiseInput = {
        skills: shuffle(input.skills, rand),
        courses: shuffle(input.courses, rand).map((c) => ({ ...c, skills: shuffle(c.skills, rand) })),
      };
      const again = await optimisePath(shuffled);
      expect(again.chosen).toEqual(first.chosen);
      expect(again.covered).toEqual(first.covered);
    }
  });

  it('follows the objective weights: hours-only and cost-only choose differently', async () => {
    const base: OptimiseInput = { skills: skills(1), courses: [course(1, [1], 40, 10), course(2, [1], 4, 500)] };
    expect((await optimisePath({ ...base, weights: { hours: 1, cost: 0, steps: 0 } })).chosen).toEqual([2]);
    expect((await optimisePath({ ...base, weights: { hours: 0, cost: 1, steps: 0 } })).chosen).toEqual([1]);
  });

  it('prefers the more credible of two otherwise equal courses when weights.quality > 0, and is indifferent at 0', async () => {
    // Course 1 wins the id tie-break, so only the quality term can make course 2 win.
    const base: OptimiseInput = { skills: skills(1), courses: [{ ...course(1, [1], 10, 50), quality: 0.3 }, { ...course(2, [1], 10, 50), quality: 0.9 }] };
    expect((await optimisePath(base)).chosen).toEqual([2]);
    expect((await optimisePath({ ...base, weights: { quality: 1 } })).chosen).toEqual([2]);
    expect(greedyPath(base).chosen).toEqual([2]);
    expect(exhaustivePath(base).chosen).toEqual([2]);
    const off = { ...base, weights: { quality: 0 } };
    expect((await optimisePath(off)).chosen).toEqual([1]);
    expect(greedyPath(off).chosen).toEqual([1]);
    expect(pathSpending(off, [1])).toBe(pathSpending(off, [2]));
    expect(pathSpending(base, [1]) - pathSpending(base, [2])).toBeCloseTo(0.6, 9);
  });

  it('puts coverage before credibility: a weak course that covers more beats a credible one that covers less', async () => {
    const input: OptimiseInput = {
      skills: skills(1, 2),
      courses: [{ ...course(1, [1], 10, 50), quality: 1 }, { ...course(2, [1, 2], 10, 50), quality: 0 }],
      limits: { maxSteps: 1 },
      weights: { quality: 100 },
    };
    expect((await optimisePath(input)).chosen).toEqual([2]);
    expect(exhaustivePath(input).chosen).toEqual([2]);
  });

  it('never adds a course that contributes nothing', async () => {
    const input: OptimiseInput = {
      skills: skills(1),
      courses: [course(1, [1], 1, 0), course(2, [], 0, 0), course(3, [1], 0, 0, [2])],
      weights: { hours: 0, cost: 0, steps: 0 },
    };
    const result = await optimisePath(input);
    expect(result.chosen).toHaveLength(1);
    expect(result.chosen[0]).toBe(1);
  });

  it('returns an empty optimal path for an empty gap', async () => {
    const result = await optimisePath({ skills: [], courses: [course(1, [5], 1, 1)] });
    expect(result).toMatchObject({ chosen: [], covered: [], uncovered: [], status: 'optimal', coveredWeight: 0, totalWeight: 0 });
    expect(result.totals).toEqual({ hours: 0, cost: 0, steps: 0 });
  });

  it('stops an unfinished search by work done, not time taken: the same path on every run, busy or idle', async () => {
    // A larger random instance, and a work limit small enough to stop the search early.
    const rand = prng(77);
    const gap = Array.from({ length: 40 }, (_, k) => ({ id: 1000 + k, weight: 1 + Math.floor(rand() * 5) }));
    const courses = Array.from({ length: 120 }, (_, i) =>
      course(i + 1, gap.filter(() => rand() < 0.08).map((s) => s.id), 5 + Math.floor(rand() * 40), Math.floor(rand() * 300)),
    );
    // A generous wall-clock deadline on every run, the first included: this solve and its binding
    // re-solves take about 2 s on a loaded 2-core machine, the default deadline, and the test is
    // about the work limit, not the deadline (which answers 503, never another path).
    const input: OptimiseInput = { skills: gap, courses, limits: { maxHours: 160 }, workLimit: 2, deadlineMs: 60_000 };
    const first = await optimisePath(input);
    expect(first.status).toBe('feasible');
    for (let run = 1; run <= 2; run++) {
      // Keep the event loop and the CPU busy between runs, as a loaded server would.
      const until = performance.now() + 5 * run;
      while (performance.now() < until) Math.sqrt(Math.random());
      const again = await optimisePath({ ...input, deadlineMs: 60_000 });
      expect(again.chosen).toEqual(first.chosen);
      expect(again.status).toBe(first.status);
    }
  });

  it('answers a passed deadline with an unavailable error, never a different path', async () => {
    const input: OptimiseInput = { skills: skills(1, 2), courses: [course(1, [1], 5, 0), course(2, [2], 5, 0)], deadlineMs: 0 };
    await expect(optimisePath(input)).rejects.toMatchObject({ kind: 'unavailable', code: 'solve_deadline' });
  });

  it('rejects invalid input with a domain error', async () => {
    await expect(optimisePath({ skills: [{ id: 1, weight: 0 }], courses: [] })).rejects.toMatchObject({ code: 'invalid_optimiser_input' });
    expect(() => exhaustivePath({ skills: [], courses: Array.from({ length: 21 }, (_, i) => course(i, [], 1, 1)) })).toThrow(/at most 20/);
  });
});

describe('greedyPath', () => {
  it('respects limits and prerequisites on random instances', () => {
    for (let seed = 100; seed < 160; seed++) {
      const input = randomInstance(seed);
      const result = greedyPath(input);
      expect(result).toMatchObject({ status: 'heuristic', solver: 'greedy', gap: null });
      expectValidPath(input, result);
      expect(result.coveredWeight).toBeLessThanOrEqual(exhaustivePath(input).coveredWeight);
    }
  });

  it('pulls in prerequisites and stops at the hours limit', () => {
    const input: OptimiseInput = {
      skills: [
        { id: 1, weight: 3 },
        { id: 2, weight: 1 },
      ],
      courses: [course(1, [1], 4, 10, [2]), course(2, [], 4, 10), course(3, [2], 4, 10)],
      limits: { maxHours: 8 },
    };
    // Bundle {1, 2} buys weight 3 for two courses, course 3 weight 1 for one: the bundle goes first.
    const result = greedyPath(input);
    expectValidPath(input, result);
    expect(result.totals.hours).toBeLessThanOrEqual(8);
    expect(result.chosen).toEqual([1, 2]);
    expect(result.uncovered).toEqual([{ id: 2, reason: 'constraint' }]);
    expect(result.binding.map((b) => b.constraint)).toEqual(['maxHours']);
  });
});

describe('orderPath', () => {
  const oc = (id: number, level: 0 | 1 | 2, hours: number, prerequisites: number[] = []): OrderableCourse => ({ id, level, hours, cost: 0, prerequisites });

  it('puts prerequisites first and records what forced each position', () => {
    const { order, placedAfter } = orderPath([oc(1, 0, 1, [2]), oc(2, 2, 50), oc(3, 0, 1)]);
    expect(order).toEqual([3, 2, 1]);
    expect(placedAfter.get(1)).toEqual([2]);
    expect(placedAfter.get(2)).toEqual([]);
    expect(placedAfter.get(3)).toEqual([]);
  });

  it('breaks ties by level, then hours, then id', () => {
    const { order } = orderPath([oc(5, 1, 1), oc(4, 0, 9), oc(3, 0, 2), oc(2, 0, 2)]);
    expect(order).toEqual([2, 3, 4, 5]);
  });

  it('ignores prerequisites outside the chosen set', () => {
    expect(orderPath([oc(1, 0, 1, [99]), oc(2, 1, 1)]).order).toEqual([1, 2]);
  });

  it('breaks a cycle deterministically and returns every course', () => {
    const cyclic = [oc(1, 0, 1, [3]), oc(2, 0, 1, [1]), oc(3, 0, 1, [2]), oc(4, 0, 1, [3])];
    const first = orderPath(cyclic);
    expect([...first.order].sort()).toEqual([1, 2, 3, 4]);
    expect(first.order).toEqual([1, 2, 3, 4]);
    expect(first.placedAfter.get(1)).toEqual([]);
    expect(first.placedAfter.get(4)).toEqual([3]);
    expect(orderPath([...cyclic].reverse()).order).toEqual(first.order);
  });
});
