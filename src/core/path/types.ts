/** The path optimiser's input and answer, as its callers (the recommendation engine, the worker pool) see them. */
export interface CandidateCourse {
  id: number;
  hours: number;
  cost: number;
  level: 0 | 1 | 2;
  /** Ids of the gap skills this course covers. */
  skills: number[];
  /** Course ids that must be taken too, unless held. */
  prerequisites: number[];
  /**
   * Credibility score in [0, 1] (see recommend/course-quality.ts). When no candidate has one the
   * objective has no quality term; when some do, the others count as neutral (0.5).
   */
  quality?: number;
}

export interface OptimiseInput {
  skills: { id: number; weight: number }[];
  courses: CandidateCourse[];
  heldCourses?: number[];
  weights?: { hours?: number; cost?: number; steps?: number; quality?: number };
  limits?: { maxHours?: number; maxCost?: number; maxSteps?: number };
  /**
   * Branch-and-bound nodes each exact solve may explore. A count of work, not of time, so a
   * busy server gives the same path as an idle one; a solve that stops there is `feasible`.
   */
  workLimit?: number;
  /**
   * Wall-clock milliseconds the whole optimisation may take. Past it the answer is an error
   * (`solve_deadline`, unavailable), never a different path.
   */
  deadlineMs?: number;
  /** How to name a skill in explanations (binding details); defaults to its id. */
  skillName?: (id: number) => string;
  /**
   * Find which limits keep skills uncovered (one more solve per limit). Default true; an
   * alternative path, whose binding limits nobody reads, skips the extra solves.
   */
  explainBinding?: boolean;
}

export type LimitName = 'maxHours' | 'maxCost' | 'maxSteps';

export interface OptimiseResult {
  chosen: number[];
  covered: number[];
  uncovered: { id: number; reason: 'no_course' | 'constraint' }[];
  totals: { hours: number; cost: number; steps: number };
  coveredWeight: number;
  totalWeight: number;
  status: 'optimal' | 'feasible' | 'heuristic';
  gap: number | null;
  solver: 'highs' | 'greedy';
  timeMs: number;
  binding: { constraint: LimitName; detail: string }[];
}
