/** What crosses the thread boundary between the optimiser pool and its workers (plain, cloneable data). */
import type { DomainError } from '../../core/errors.js';
import type { OptimiseInput, OptimiseResult } from '../../core/path/index.js';

/** What crosses to the worker: the input without its naming callback, plus an absolute deadline. */
export interface OptimiseTask extends Omit<OptimiseInput, 'skillName' | 'deadlineMs'> {
  skillNames: Record<number, string>;
  /** Date.now() after which the optimisation fails as `solve_deadline`. */
  deadlineAt?: number;
}

export type OptimiseOutcome =
  | { ok: true; result: OptimiseResult }
  | { ok: false; domain: { kind: DomainError['kind']; code: DomainError['code']; message: string; details: Record<string, unknown> } | null; message: string };
