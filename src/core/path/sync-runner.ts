import { findBinding, isConstrained } from './binding-limits.js';
import { prepare, readLimits, type Limits, type Prepared } from './prepared-model.js';
import { toResult, type Selection } from './selection.js';
import type { OptimiseInput, OptimiseResult } from './types.js';

/** A whole optimisation with a synchronous selector: greedyPath here, the brute force in the tests. */
export function runSync(input: OptimiseInput, solve: (p: Prepared, limits: Limits) => Selection): OptimiseResult {
  const started = performance.now();
  const p = prepare(input);
  const limits = readLimits(input);
  const selection = solve(p, limits);
  let binding: OptimiseResult['binding'] = [];
  if (isConstrained(p, selection)) {
    const search = findBinding(p, limits, selection, input.skillName);
    for (let step = search.next(); ; ) {
      if (step.done) {
        binding = step.value;
        break;
      }
      step = search.next(solve(p, step.value));
    }
  }
  return toResult(p, selection, started, binding);
}
