import { invalidOptimiserInput } from '../errors.js';
import type { OptimiseInput } from './types.js';

export function checkInput(input: OptimiseInput): void {
  const skillIds = new Set<number>();
  for (const s of input.skills) {
    if (skillIds.has(s.id)) throw invalidOptimiserInput(`Gap skill ${s.id} is listed twice.`);
    if (!(s.weight > 0) || !Number.isFinite(s.weight)) throw invalidOptimiserInput(`Gap skill ${s.id} needs a positive finite weight.`);
    skillIds.add(s.id);
  }
  const courseIds = new Set<number>();
  for (const c of input.courses) {
    if (courseIds.has(c.id)) throw invalidOptimiserInput(`Candidate course ${c.id} is listed twice.`);
    if (!(c.hours >= 0) || !Number.isFinite(c.hours)) throw invalidOptimiserInput(`Course ${c.id} needs non-negative finite hours.`);
    if (!(c.cost >= 0) || !Number.isFinite(c.cost)) throw invalidOptimiserInput(`Course ${c.id} needs a non-negative finite cost.`);
    if (c.quality !== undefined && !(c.quality >= 0 && c.quality <= 1)) throw invalidOptimiserInput(`Course ${c.id} needs a quality between 0 and 1.`);
    courseIds.add(c.id);
  }
  for (const [name, value] of Object.entries(input.weights ?? {})) {
    if (value !== undefined && (!(value >= 0) || !Number.isFinite(value))) throw invalidOptimiserInput(`Weight '${name}' must be a non-negative number.`);
  }
  for (const [name, value] of Object.entries(input.limits ?? {})) {
    if (value !== undefined && !(value >= 0)) throw invalidOptimiserInput(`Limit '${name}' must be a non-negative number.`);
  }
}
