import { explainBinding } from './binding-limits.js';
import { prepare, readLimits, type Limits, type Prepared } from './prepared-model.js';
import { toResult, type Selection } from './selection.js';
import type { OptimiseInput, OptimiseResult } from './types.js';

/** A whole optimisation with a synchronous selector: greedyPath here, the brute force in the tests. */
export function runSync(input: OptimiseInput, solve: (p: Prepared, limits: Limits) => Selection): OptimiseResult {
  const started = performance.now();
  const p = prepare(input);
  const limits = readLimits(input);
  const selection = solve(p, limits);
  const binding = explainBinding(p, limits, selection, input.skillName, (l) => solve(p, l));
  return toResult(p, selection, started, binding);
}
