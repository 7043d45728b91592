/** Solving on worker threads gives exactly the in-process answer, and domain errors keep their code. */
import { afterAll, describe, expect, it } from 'vitest';
import { createOptimiserPool } from '../../src/adapters/workers/optimiser-pool.js';
import { DomainError } from '../../src/core/errors.js';
import { optimisePath, type OptimiseInput } from '../../src/core/path/index.js';
import { prng } from '../helpers/prng.js';

const pool = createOptimiserPool(2);
afterAll(() => pool.close());

function instance(seed: number): OptimiseInput {
  const rand = prng(seed);
  const gap = Array.from({ length: 4 + Math.floor(rand() * 5) }, (_, k) => ({ id: 100 + k, weight: 1 + Math.floor(rand() * 3) }));
  const courses = Array.from({ length: 6 + Math.floor(rand() * 10) }, (_, i) => ({
    id: i + 1,
    hours: 1 + Math.floor(rand() * 20),
    cost: Math.floor(rand() * 5) * 25,
    level: (i % 3) as 0 | 1 | 2,
    skills: gap.filter(() => rand() < 0.3).map((s) => s.id),
    prerequisites: i > 0 && rand() < 0.35 ? [Math.floor(rand() * i) + 1] : [],
  }));
  // Tight limits, so binding explanations (which name skills) are part of the answer.
  return { skills: gap, courses, limits: { maxHours: 8 + Math.floor(rand() * 15) }, skillName: (id) => `"skill ${id}"` };
}

const withoutTime = <T extends { timeMs: number }>(r: T) => ({ ...r, timeMs: 0 });

describe('optimiser pool', () => {
  it('answers exactly as solving in-process, skill names in explanations included', async () => {
    const inputs = Array.from({ length: 40 }, (_, seed) => instance(seed + 1));
    const [pooled, local] = await Promise.all([Promise.all(inputs.map((i) => pool.optimise(i))), Promise.all(inputs.map((i) => optimisePath(i)))]);
    expect(pooled.map(withoutTime)).toEqual(local.map(withoutTime));
    expect(pooled.some((r) => r.binding.some((b) => b.detail.includes('"skill')))).toBe(true);
  });

  it('fails past the deadline with the same domain error as in-process', async () => {
    const error = await pool.optimise({ ...instance(3), deadlineMs: -1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('solve_deadline');
    expect((error as DomainError).kind).toBe('unavailable');
  });
});
