/** A chosen set of prepared courses, what it covers and spends, and the result it becomes. */
import type { Limits, Prepared } from './prepared-model.js';
import type { OptimiseResult } from './types.js';

/** Relative slack for limits, so 3.3 + 3.3 + 3.4 fits under 10 despite floating-point sums. */
const LIMIT_TOLERANCE = 1e-9;

export interface Selection {
  /** Indices into Prepared.courses. */
  chosen: number[];
  status: OptimiseResult['status'];
  gap: number | null;
  solver: OptimiseResult['solver'];
}

export function coverCounts(p: Prepared, chosen: Iterable<number>): number[] {
  const counts = new Array<number>(p.skillIds.length).fill(0);
  for (const i of chosen) for (const s of p.courses[i]!.skills) counts[s]! += 1;
  return counts;
}

export function totalsOf(p: Prepared, chosen: number[]) {
  let hours = 0;
  let cost = 0;
  for (const i of chosen) {
    hours += p.courses[i]!.hours;
    cost += p.courses[i]!.cost;
  }
  return { hours, cost, steps: chosen.length };
}

const within = (value: number, limit: number) => value <= limit + LIMIT_TOLERANCE * Math.max(1, limit);
export const withinLimits = (t: { hours: number; cost: number; steps: number }, l: Limits) =>
  within(t.hours, l.maxHours) && within(t.cost, l.maxCost) && t.steps <= l.maxSteps;

export function respectsPrerequisites(p: Prepared, chosen: number[]): boolean {
  const set = new Set(chosen);
  return chosen.every((i) => p.courses[i]!.prereqs.every((q) => set.has(q)));
}

/**
 * Drops courses that add nothing: not a prerequisite of another chosen course and every skill it
 * teaches taught by another chosen course. An optimum has none; an incumbent cut short by the work limit or the
 * greedy pass may. Dearest first, so the cheaper duplicate stays.
 */
export function prune(p: Prepared, chosen: number[]): number[] {
  const set = new Set(chosen);
  const counts = coverCounts(p, set);
  for (let changed = true; changed; ) {
    changed = false;
    const needed = new Set<number>();
    for (const i of set) for (const q of p.courses[i]!.prereqs) needed.add(q);
    const order = [...set].sort((a, b) => p.courses[b]!.objective - p.courses[a]!.objective);
    for (const i of order) {
      const c = p.courses[i]!;
      if (needed.has(i) || c.skills.some((s) => counts[s] === 1)) continue;
      set.delete(i);
      for (const s of c.skills) counts[s]! -= 1;
      changed = true;
      break;
    }
  }
  return [...set].sort((a, b) => a - b);
}

export function quantaCovered(p: Prepared, chosen: number[]): number {
  const counts = coverCounts(p, chosen);
  return counts.reduce((sum, n, s) => sum + (n > 0 ? p.quanta[s]! : 0), 0);
}

/** How the objective ranks a selection: covered weight (in quanta) first, then spending. */
export interface Score {
  quanta: number;
  objective: number;
}

export const scoreOf = (p: Prepared, chosen: number[]): Score => ({
  quanta: quantaCovered(p, chosen),
  objective: chosen.reduce((sum, i) => sum + p.courses[i]!.objective, 0),
});

/**
 * Coverage first, then cost: the lexicographic order the solver's big-M objective encodes, shared
 * by the local search and the tests' brute force. Less spending must win by more than the
 * rounding error of a sum of objectives.
 */
export const beats = (a: Score, b: Score) => a.quanta > b.quanta || (a.quanta === b.quanta && a.objective < b.objective - 1e-12);

export function toResult(p: Prepared, selection: Selection, started: number, binding: OptimiseResult['binding']): OptimiseResult {
  const counts = coverCounts(p, selection.chosen);
  const covered: number[] = [];
  const uncovered: OptimiseResult['uncovered'] = p.noCourse.map((id) => ({ id, reason: 'no_course' as const }));
  let coveredWeight = 0;
  for (const [s, id] of p.skillIds.entries()) {
    if (counts[s]! > 0) {
      covered.push(id);
      coveredWeight += p.skillWeights[s]!;
    } else uncovered.push({ id, reason: 'constraint' });
  }
  uncovered.sort((a, b) => a.id - b.id);
  return {
    chosen: selection.chosen.map((i) => p.courses[i]!.id).sort((a, b) => a - b),
    covered,
    uncovered,
    totals: totalsOf(p, selection.chosen),
    coveredWeight,
    totalWeight: p.totalWeight,
    status: selection.status,
    gap: selection.gap,
    solver: selection.solver,
    timeMs: performance.now() - started,
    binding,
  };
}
