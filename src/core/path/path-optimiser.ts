/**
 * Path optimiser: which candidate courses close a skill gap best. It is a weighted set cover with
 * prerequisite implications and budget rows, small enough (hundreds of courses, tens of skills)
 * to solve exactly as a MIP with HiGHS, usually within milliseconds. Greedy plus a local search
 * seeds the solver and stands in when the solver fails or finds nothing within its work limit.
 *
 * Objective, lexicographic through big-M: first cover as much gap weight as the limits allow,
 * then spend as little as possible (weighted hours, cost and number of courses, and a penalty
 * for courses with weak credibility signals).
 */
import { DomainError, invalidOptimiserInput, solveDeadline } from '../errors.js';
import { explainBinding } from './binding-limits.js';
import { heuristicSelect, greedyOnly } from './heuristics.js';
import { highsSelect } from './highs-solver.js';
import { prepare, readLimits, type Limits } from './prepared-model.js';
import { respectsPrerequisites, toResult, totalsOf, withinLimits, type Selection } from './selection.js';
import { runSync } from './sync-runner.js';
import type { OptimiseInput, OptimiseResult } from './types.js';

/** Nodes per exact solve: well above what real instances need (bench:optimality), small enough to bound the worst case. */
export const DEFAULT_WORK_LIMIT = 20_000;
const DEFAULT_DEADLINE_MS = 2_000;

/**
 * Exact optimum via HiGHS (or its best within the work limit); greedy plus local search when
 * HiGHS fails or finds nothing. The work limit applies to each solve, the deadline to the whole
 * call (a partial cover re-solves once per limit to name the binding one).
 */
export async function optimisePath(input: OptimiseInput): Promise<OptimiseResult> {
  const started = performance.now();
  const work = { nodes: input.workLimit ?? DEFAULT_WORK_LIMIT, deadline: started + (input.deadlineMs ?? DEFAULT_DEADLINE_MS) };
  const p = prepare(input);
  const limits = readLimits(input);
  const solve = async (l: Limits): Promise<Selection> => {
    // Nothing to choose from, or nothing to cover: the empty path is provably optimal.
    if (p.model.length === 0 || p.skillIds.length === 0) return { chosen: [], status: 'optimal', gap: 0, solver: 'highs' };
    const start = heuristicSelect(p, l);
    if (performance.now() >= work.deadline) throw solveDeadline();
    try {
      const exact = await highsSelect(p, l, work, start.chosen);
      // Re-checked in exact arithmetic: HiGHS accepts rows violated within its 1e-7 tolerance.
      if (exact && respectsPrerequisites(p, exact.chosen) && withinLimits(totalsOf(p, exact.chosen), l)) return exact;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      // Otherwise fall through: a solver failure must not fail the recommendation.
    }
    return start;
  };
  const selection = await solve(limits);
  // Re-solve with the solver that produced the answer, so a greedy fallback is compared like for like.
  const again = selection.solver === 'greedy' ? (l: Limits) => heuristicSelect(p, l) : solve;
  const binding = input.explainBinding === false ? [] : await explainBinding(p, limits, selection, input.skillName, again);
  return toResult(p, selection, started, binding);
}

/** Weighted greedy: best covered weight per unit of objective, within limits, prerequisites pulled in. */
export function greedyPath(input: OptimiseInput): OptimiseResult {
  return runSync(input, greedyOnly);
}

/**
 * The objective's spending part (weighted, normalised hours and cost plus steps and the quality
 * penalty, no tie-break) of a set of course ids, scored exactly as the optimiser scores it; for
 * comparing paths.
 */
export function pathSpending(input: OptimiseInput, chosen: number[]): number {
  const prices = coursePrices(input);
  return chosen.reduce((sum, id) => {
    const price = prices.get(id);
    if (price === undefined) throw invalidOptimiserInput(`Course ${id} is not an available candidate.`);
    return sum + price;
  }, 0);
}

/** Each available candidate's spending (see pathSpending), by course id. */
export function coursePrices(input: OptimiseInput): Map<number, number> {
  return new Map(prepare(input).courses.map((c) => [c.id, c.price]));
}
