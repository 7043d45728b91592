import { describe, expect, it } from 'vitest';
import { prerequisiteViolations, redundantSteps, teachingOverlap, weightedCoverage, type PathFacts } from '../../scripts/eval/path-metrics.js';
import { regressions } from '../../scripts/eval/regressions.js';

// Course 1 teaches skills 10 and 11; 2 teaches 11 and 12 and needs 1; 3 teaches 12; 4 teaches nothing the role asks for.
const facts = (held: { courses?: number[]; skills?: number[] } = {}): PathFacts => ({
  prerequisitesOf: (id) => (id === 2 ? [1] : []),
  teaches: (id) => ({ 1: [10, 11], 2: [11, 12], 3: [12], 4: [] })[id] ?? [],
  heldCourses: new Set(held.courses ?? []),
  heldSkills: new Set(held.skills ?? []),
});

describe('path metrics', () => {
  it('counts a prerequisite taken later or not at all, but not one completed before', () => {
    expect(prerequisiteViolations([1, 2], facts())).toBe(0);
    expect(prerequisiteViolations([2, 1], facts())).toBe(1);
    expect(prerequisiteViolations([2], facts())).toBe(1);
    expect(prerequisiteViolations([2], facts({ courses: [1] }))).toBe(0);
  });

  it('counts skills taught again or already held', () => {
    expect(teachingOverlap([1, 3], facts())).toEqual({ pairs: 3, redundant: 0 });
    expect(teachingOverlap([1, 2], facts())).toEqual({ pairs: 4, redundant: 1 });
    expect(teachingOverlap([3], facts({ skills: [12] }))).toEqual({ pairs: 1, redundant: 1 });
  });

  it('finds steps that could be dropped, keeping prerequisites and sole teachers', () => {
    const gap = new Set([10, 11, 12]);
    expect(redundantSteps([1, 3], gap, facts())).toBe(0);
    // 3 only repeats what 2 teaches; 1 is needed by 2, so it stays.
    expect(redundantSteps([1, 2, 3], gap, facts())).toBe(2);
    expect(redundantSteps([1, 4], gap, facts())).toBe(1);
  });

  it('weighs coverage by the gap skills the path teaches', () => {
    const gap = [
      { id: 10, weight: 3 },
      { id: 12, weight: 1 },
    ];
    expect(weightedCoverage([1], gap, facts())).toBe(0.75);
    expect(weightedCoverage([1, 3], gap, facts())).toBe(1);
    expect(weightedCoverage([], [], facts())).toBe(1);
  });
});

describe('evaluation regression gate', () => {
  const lower = new Set(['overlapShare']);
  const baseline = { skills: { acc1: 0.8, n: 300 }, paths: { overlapShare: 0.1 } };

  it('passes small changes and fails a drop of more than 3 points', () => {
    expect(regressions(baseline, { skills: { acc1: 0.775, n: 10 }, paths: { overlapShare: 0.12 } }, lower)).toEqual([]);
    expect(regressions(baseline, { skills: { acc1: 0.76, n: 300 }, paths: { overlapShare: 0.1 } }, lower)).toEqual(['skills.acc1: 80.0 → 76.0']);
  });

  it('reads a rise as worse for lower-is-better metrics, and a missing metric as a failure', () => {
    expect(regressions(baseline, { skills: { acc1: 0.8 }, paths: { overlapShare: 0.15 } }, lower)).toEqual(['paths.overlapShare: 10.0 → 15.0']);
    expect(regressions(baseline, { skills: { acc1: 0.8 } }, lower)).toEqual(['paths.overlapShare: 10.0 → missing']);
  });
});
