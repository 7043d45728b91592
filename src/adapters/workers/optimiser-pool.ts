/**
 * Path optimisation on worker threads. HiGHS solves are synchronous WebAssembly: on the event
 * loop a hard instance holds every other request for up to the work limit (about a second), and
 * even easy ones queue behind each other. In a pool the serving thread only prepares requests
 * and writes answers. Same code, same inputs, same work limit: the answer is identical to
 * solving in-process, which `OPTIMISER_THREADS=0` still does.
 */
import type { Piscina } from 'piscina';
import { DomainError } from '../../core/errors.js';
import type { OptimiseInput, OptimiseResult } from '../../core/path/index.js';
import type { OptimiseOutcome, OptimiseTask } from './optimiser-messages.js';
import { createWorkerPool } from './worker-pool.js';

export interface OptimiserPool {
  optimise(input: OptimiseInput): Promise<OptimiseResult>;
  close(): Promise<void>;
}

export function createOptimiserPool(threads: number): OptimiserPool {
  const pool: Piscina = createWorkerPool(import.meta.url, 'optimiser-worker', {
    maxThreads: threads,
    // Workers stay warm while serving: each loads the HiGHS WebAssembly once.
    idleTimeout: 60_000,
  });
  return {
    async optimise(input) {
      const { skillName, deadlineMs, ...rest } = input;
      const skillNames: Record<number, string> = {};
      if (skillName) for (const s of input.skills) skillNames[s.id] = skillName(s.id);
      const task: OptimiseTask = { ...rest, skillNames, ...(deadlineMs === undefined ? {} : { deadlineAt: Date.now() + deadlineMs }) };
      const outcome = (await pool.run(task)) as OptimiseOutcome;
      if (outcome.ok) return outcome.result;
      if (outcome.domain) throw new DomainError(outcome.domain.kind, outcome.domain.code, outcome.domain.message, outcome.domain.details);
      throw new Error(`path optimisation failed on a worker thread: ${outcome.message}`);
    },
    close: () => pool.destroy(),
  };
}
