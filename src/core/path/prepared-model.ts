/**
 * Preparation shared by every solver, so HiGHS, greedy and the tests' brute force optimise one
 * objective: drops what cannot be taken, normalises spending, quantises coverage weights and keeps
 * only the courses worth modelling.
 */
import { checkInput } from './input-check.js';
import type { CandidateCourse, LimitName, OptimiseInput } from './types.js';

/**
 * Coverage is compared on weights rounded to 1/1000 of the largest weight. Exact real weights
 * would need an unbounded big-M (two coverages can differ by any tiny amount) and push the
 * objective past what double precision and HiGHS' tolerances can separate.
 */
const WEIGHT_STEPS = 1000;
/**
 * Tie-break by course id: of n available courses, the one of rank r (ascending id) costs
 * TIE·(r+1)/n extra. Small next to a real course (~1 normalised unit), yet far above HiGHS'
 * absolute gap (half of TIE/n), so exact ties resolve the same way in every solver.
 */
export const TIE = 1e-4;
/** Quality assumed for a candidate without one when others have it: nothing known, nothing held against it. */
const NEUTRAL_QUALITY = 0.5;

export interface PreparedCourse {
  id: number;
  hours: number;
  cost: number;
  /** Indices into Prepared.skillIds. */
  skills: number[];
  /** Direct prerequisites still to take, as indices into Prepared.courses. */
  prereqs: number[];
  /** Every prerequisite still to take, transitively, as indices; excludes the course itself. */
  closure: number[];
  /** Objective's spending part for this course, without the tie-break. */
  price: number;
  /** price plus the id tie-break: what the solvers minimise. */
  objective: number;
}

export interface Prepared {
  /** Gap skills some available course teaches, ascending; the model's cover rows. */
  skillIds: number[];
  skillWeights: number[];
  /** Integer coverage weights (see WEIGHT_STEPS). */
  quanta: number[];
  noCourse: number[];
  totalWeight: number;
  /** Courses whose prerequisites can all be met, ascending id. */
  courses: PreparedCourse[];
  /** Indices of courses worth modelling: useful and not dominated. */
  model: number[];
}

export type Limits = Required<{ [K in LimitName]: number }>;

const median = (values: number[]): number => {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return 1;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

export const uniqueSorted = (values: Iterable<number>) => [...new Set(values)].sort((a, b) => a - b);

export function readLimits(input: OptimiseInput): Limits {
  const l = input.limits ?? {};
  return { maxHours: l.maxHours ?? Infinity, maxCost: l.maxCost ?? Infinity, maxSteps: l.maxSteps ?? Infinity };
}

export function prepare(input: OptimiseInput): Prepared {
  checkInput(input);
  const held = new Set(input.heldCourses ?? []);
  const gapWeight = new Map(input.skills.map((s) => [s.id, s.weight]));
  // A held course is already done: it satisfies prerequisites and is never suggested again.
  const byId = new Map(input.courses.filter((c) => !held.has(c.id)).map((c) => [c.id, c]));

  // Greatest fixed point: a course stays available while every prerequisite is held or available,
  // so prerequisite cycles among candidates remain takeable (as a block) rather than vanishing.
  const available = new Set(byId.keys());
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of available) {
      if (byId.get(id)!.prerequisites.some((p) => !held.has(p) && !available.has(p))) {
        available.delete(id);
        changed = true;
      }
    }
  }
  const ids = [...available].sort((a, b) => a - b);
  const index = new Map(ids.map((id, i) => [id, i]));

  const taught = new Set<number>();
  for (const id of ids) for (const s of byId.get(id)!.skills) if (gapWeight.has(s)) taught.add(s);
  const skillIds = uniqueSorted(taught);
  const skillIndex = new Map(skillIds.map((id, i) => [id, i]));
  const skillWeights = skillIds.map((id) => gapWeight.get(id)!);
  const maxWeight = Math.max(0, ...skillWeights);
  let quanta = skillWeights.map((w) => Math.max(1, Math.round((w / maxWeight) * WEIGHT_STEPS)));
  const common = quanta.reduce(gcd, 0);
  if (common > 1) quanta = quanta.map((q) => q / common);

  const w = { hours: input.weights?.hours ?? 1, cost: input.weights?.cost ?? 1, steps: input.weights?.steps ?? 1, quality: input.weights?.quality ?? 1 };
  const hoursScale = median(ids.map((id) => byId.get(id)!.hours));
  const costScale = median(ids.map((id) => byId.get(id)!.cost));
  // Quality is already on a 0..1 scale per course, like a normalised hour, cost or step: a course
  // with no credibility at all costs w.quality more than a fully credible one. It only trades off
  // against spending; coverage stays first because big-M is built from these same objectives.
  const rated = input.courses.some((c) => c.quality !== undefined);
  const qualityPenalty = (c: CandidateCourse) => (rated ? w.quality * (1 - (c.quality ?? NEUTRAL_QUALITY)) : 0);

  const courses: PreparedCourse[] = ids.map((id, rank) => {
    const c = byId.get(id)!;
    const price = (w.hours * c.hours) / hoursScale + (w.cost * c.cost) / costScale + w.steps + qualityPenalty(c);
    return {
      id,
      hours: c.hours,
      cost: c.cost,
      skills: uniqueSorted(c.skills.filter((s) => skillIndex.has(s)).map((s) => skillIndex.get(s)!)),
      prereqs: uniqueSorted(c.prerequisites.filter((p) => !held.has(p) && p !== id).map((p) => index.get(p)!)),
      closure: [],
      price,
      objective: price + (TIE * (rank + 1)) / ids.length,
    };
  });
  for (const [i, c] of courses.entries()) {
    const seen = new Set<number>([i]);
    const stack = [...c.prereqs];
    while (stack.length) {
      const p = stack.pop()!;
      if (seen.has(p)) continue;
      seen.add(p);
      stack.push(...courses[p]!.prereqs);
    }
    seen.delete(i);
    c.closure = uniqueSorted(seen);
  }

  return {
    skillIds,
    skillWeights,
    quanta,
    noCourse: input.skills.map((s) => s.id).filter((id) => !taught.has(id)).sort((a, b) => a - b),
    totalWeight: input.skills.reduce((sum, s) => sum + s.weight, 0),
    courses,
    model: reduce(courses, readLimits(input)),
  };
}

/**
 * Keeps courses that can matter: those teaching a gap skill and their prerequisites, minus any
 * course `a` dominated by some `b`. Domination: b, with the prerequisites it needs beyond a's
 * (`extra`), teaches everything a teaches for a lower objective, no more hours or cost where a
 * limit exists, and no extra course where steps are limited. Swapping a for b + extra keeps any
 * solution feasible and strictly cheaper (the tie-break makes objectives distinct), so no optimum
 * holds a. Relaxing a limit only drops conditions, so the reduction also holds for the binding
 * re-solves. A course that is itself a prerequisite is kept: dropping it would strand dependants.
 */
function reduce(courses: PreparedCourse[], limits: Limits): number[] {
  const hoursMatter = Number.isFinite(limits.maxHours);
  const costMatters = Number.isFinite(limits.maxCost);
  const stepsMatter = Number.isFinite(limits.maxSteps);
  const useful = new Set<number>();
  for (const [i, c] of courses.entries()) {
    if (c.skills.length === 0) continue;
    useful.add(i);
    for (const p of c.closure) useful.add(p);
  }
  const isPrerequisite = new Set<number>();
  for (const i of useful) for (const p of courses[i]!.prereqs) isPrerequisite.add(p);

  const closures = courses.map((c) => new Set(c.closure));
  const dominated = (ai: number, bi: number) => {
    const a = courses[ai]!;
    const b = courses[bi]!;
    if (b.objective >= a.objective || (hoursMatter && b.hours > a.hours) || (costMatters && b.cost > a.cost)) return false;
    const extra = b.closure.filter((p) => !closures[ai]!.has(p));
    if (stepsMatter && extra.length > 0) return false;
    let objective = b.objective;
    let hours = b.hours;
    let cost = b.cost;
    const taught = new Set(b.skills);
    for (const p of extra) {
      const c = courses[p]!;
      objective += c.objective;
      hours += c.hours;
      cost += c.cost;
      for (const s of c.skills) taught.add(s);
    }
    return objective < a.objective && (!hoursMatter || hours <= a.hours) && (!costMatters || cost <= a.cost) && a.skills.every((s) => taught.has(s));
  };

  const candidates = [...useful].sort((x, y) => x - y);
  return candidates.filter((ai) => isPrerequisite.has(ai) || !candidates.some((bi) => bi !== ai && dominated(ai, bi)));
}
