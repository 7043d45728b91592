/**
 * What makes a learning path bad, counted the same way for skillpath and for the baselines it is
 * compared with. Pure functions over course ids, so they are unit-tested on hand-made paths.
 */

export interface PathFacts {
  /** Prerequisite course ids of a course. */
  prerequisitesOf: (courseId: number) => readonly number[];
  /** The skills the role asks for that a course teaches (at the confidence planning trusts). */
  teaches: (courseId: number) => readonly number[];
  /** Courses the learner already completed. */
  heldCourses: ReadonlySet<number>;
  /** Role skills the learner already holds. */
  heldSkills: ReadonlySet<number>;
}

/** Prerequisites of each step that are neither completed nor taken earlier in the path. */
export function prerequisiteViolations(sequence: readonly number[], facts: PathFacts): number {
  const done = new Set(facts.heldCourses);
  let violations = 0;
  for (const id of sequence) {
    for (const prerequisite of facts.prerequisitesOf(id)) if (!done.has(prerequisite)) violations += 1;
    done.add(id);
  }
  return violations;
}

/**
 * Teaching overlap: each (step, role skill it teaches) pair where the learner already held the
 * skill or an earlier step already taught it. A course that teaches five skills, two of them
 * already held, adds 5 pairs and 2 redundant ones.
 */
export function teachingOverlap(sequence: readonly number[], facts: PathFacts): { pairs: number; redundant: number } {
  const known = new Set(facts.heldSkills);
  let pairs = 0;
  let redundant = 0;
  for (const id of sequence) {
    for (const skill of facts.teaches(id)) {
      pairs += 1;
      if (known.has(skill)) redundant += 1;
      known.add(skill);
    }
  }
  return { pairs, redundant };
}

/**
 * Steps that could be dropped with nothing lost: every gap skill they teach is taught by another
 * step too, and no other step needs them as a prerequisite.
 */
export function redundantSteps(sequence: readonly number[], gapSkills: ReadonlySet<number>, facts: PathFacts): number {
  const teachers = new Map<number, number>();
  for (const id of sequence) for (const skill of facts.teaches(id)) if (gapSkills.has(skill)) teachers.set(skill, (teachers.get(skill) ?? 0) + 1);
  const needed = new Set(sequence.flatMap((id) => facts.prerequisitesOf(id)));
  return sequence.filter((id) => !needed.has(id) && facts.teaches(id).every((skill) => !gapSkills.has(skill) || teachers.get(skill)! > 1)).length;
}

/** Share of the gap's weight the path covers; 1 when there is no gap. */
export function weightedCoverage(sequence: readonly number[], gap: readonly { id: number; weight: number }[], facts: PathFacts): number {
  const total = gap.reduce((sum, s) => sum + s.weight, 0);
  if (total === 0) return 1;
  const taught = new Set(sequence.flatMap((id) => facts.teaches(id)));
  return gap.reduce((sum, s) => sum + (taught.has(s.id) ? s.weight : 0), 0) / total;
}
