/**
 * Brute force over every subset of available courses: the optimum the path optimiser's tests and
 * bench:optimality compare against. Scores exactly as the optimiser does, through its own prepared model.
 */
import { invalidOptimiserInput } from '../../src/core/errors.js';
import type { Limits, Prepared } from '../../src/core/path/prepared-model.js';
import { beats, withinLimits } from '../../src/core/path/selection.js';
import { runSync } from '../../src/core/path/sync-runner.js';
import type { OptimiseInput, OptimiseResult } from '../../src/core/path/types.js';

/** Brute force doubles per course; 2^20 subsets is about a second. */
const EXHAUSTIVE_MAX_COURSES = 20;

/** Reports status 'optimal' and solver 'highs' (the result type's name for the exact path). */
export function exhaustivePath(input: OptimiseInput): OptimiseResult {
  if (input.courses.length > EXHAUSTIVE_MAX_COURSES) {
    throw invalidOptimiserInput(`exhaustivePath handles at most ${EXHAUSTIVE_MAX_COURSES} courses, got ${input.courses.length}.`);
  }
  return runSync(input, (p, limits) => ({ chosen: exhaustiveSelect(p, limits), status: 'optimal', gap: 0, solver: 'highs' }));
}

/** Gray-code walk: each step toggles one course and updates the running sums incrementally. */
function exhaustiveSelect(p: Prepared, limits: Limits): number[] {
  const n = p.courses.length;
  const dependants = p.courses.map((): number[] => []);
  for (const [i, c] of p.courses.entries()) for (const q of c.prereqs) dependants[q]!.push(i);
  const inSet = new Array<boolean>(n).fill(false);
  const counts = new Array<number>(p.skillIds.length).fill(0);
  let hours = 0;
  let cost = 0;
  let steps = 0;
  let objective = 0;
  let quanta = 0;
  let violations = 0;
  let best = { quanta: 0, objective: 0, mask: [] as number[] };

  for (let k = 1; k < 2 ** n; k++) {
    const i = 31 - Math.clz32(k & -k);
    const c = p.courses[i]!;
    const on = !inSet[i];
    inSet[i] = on;
    const sign = on ? 1 : -1;
    hours += sign * c.hours;
    cost += sign * c.cost;
    steps += sign;
    objective += sign * c.objective;
    for (const s of c.skills) {
      if (on && counts[s]!++ === 0) quanta += p.quanta[s]!;
      if (!on && --counts[s]! === 0) quanta -= p.quanta[s]!;
    }
    for (const q of c.prereqs) if (!inSet[q]) violations += sign;
    for (const d of dependants[i]!) if (inSet[d]) violations -= sign;
    if (violations > 0 || !withinLimits({ hours, cost, steps }, limits)) continue;
    if (beats({ quanta, objective }, best)) {
      best = { quanta, objective, mask: inSet.flatMap((v, j) => (v ? [j] : [])) };
    }
  }
  return best.mask;
}