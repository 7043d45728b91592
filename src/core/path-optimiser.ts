/**
 * Path optimiser: which candidate courses close a skill gap best. It is a weighted set cover with
 * prerequisite implications and budget rows, small enough (hundreds of courses, tens of skills)
 * to solve exactly as a MIP with HiGHS, usually within milliseconds. Greedy plus a local search
 * seeds the solver and stands in when the solver fails or finds nothing within its work limit.
 *
 * Objective, lexicographic through big-M: first cover as much gap weight as the limits allow,
 * then spend as little as possible (weighted hours, cost and number of courses, and a penalty
 * for courses with weak credibility signals).
 */
import highsExports, { type Highs, type ModelData } from 'highs';
import { DomainError } from './errors.js';

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

/** Nodes per exact solve: well above what real instances need (bench:optimality), small enough to bound the worst case. */
export const DEFAULT_WORK_LIMIT = 20_000;
const DEFAULT_DEADLINE_MS = 2_000;
/** HiGHS' own "no limit" for integer options. */
const UNLIMITED = 2_147_483_647;
/** Brute force doubles per course; 2^20 subsets is about a second. */
const EXHAUSTIVE_MAX_COURSES = 20;
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
const TIE = 1e-4;
/** Local-search passes over the candidates after greedy; later passes rarely find anything. */
const IMPROVE_PASSES = 3;
/** Relative slack for limits, so 3.3 + 3.3 + 3.4 fits under 10 despite floating-point sums. */
const LIMIT_TOLERANCE = 1e-9;
/** Quality assumed for a candidate without one when others have it: nothing known, nothing held against it. */
const NEUTRAL_QUALITY = 0.5;

// ---------------------------------------------------------------------------------------------
// Preparation shared by every solver, so HiGHS, greedy and brute force optimise one objective.
// ---------------------------------------------------------------------------------------------

interface PreparedCourse {
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

interface Prepared {
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

type Limits = Required<{ [K in LimitName]: number }>;

const invalid = (detail: string) => new DomainError('invalid_input', 'invalid_optimiser_input', detail);

function checkInput(input: OptimiseInput): void {
  const skillIds = new Set<number>();
  for (const s of input.skills) {
    if (skillIds.has(s.id)) throw invalid(`Gap skill ${s.id} is listed twice.`);
    if (!(s.weight > 0) || !Number.isFinite(s.weight)) throw invalid(`Gap skill ${s.id} needs a positive finite weight.`);
    skillIds.add(s.id);
  }
  const courseIds = new Set<number>();
  for (const c of input.courses) {
    if (courseIds.has(c.id)) throw invalid(`Candidate course ${c.id} is listed twice.`);
    if (!(c.hours >= 0) || !Number.isFinite(c.hours)) throw invalid(`Course ${c.id} needs non-negative finite hours.`);
    if (!(c.cost >= 0) || !Number.isFinite(c.cost)) throw invalid(`Course ${c.id} needs a non-negative finite cost.`);
    if (c.quality !== undefined && !(c.quality >= 0 && c.quality <= 1)) throw invalid(`Course ${c.id} needs a quality between 0 and 1.`);
    courseIds.add(c.id);
  }
  for (const [name, value] of Object.entries(input.weights ?? {})) {
    if (value !== undefined && (!(value >= 0) || !Number.isFinite(value))) throw invalid(`Weight '${name}' must be a non-negative number.`);
  }
  for (const [name, value] of Object.entries(input.limits ?? {})) {
    if (value !== undefined && !(value >= 0)) throw invalid(`Limit '${name}' must be a non-negative number.`);
  }
}

const median = (values: number[]): number => {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return 1;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

const uniqueSorted = (values: Iterable<number>) => [...new Set(values)].sort((a, b) => a - b);

function readLimits(input: OptimiseInput): Limits {
  const l = input.limits ?? {};
  return { maxHours: l.maxHours ?? Infinity, maxCost: l.maxCost ?? Infinity, maxSteps: l.maxSteps ?? Infinity };
}

function prepare(input: OptimiseInput): Prepared {
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

// ---------------------------------------------------------------------------------------------
// Selections and the result they produce.
// ---------------------------------------------------------------------------------------------

interface Selection {
  /** Indices into Prepared.courses. */
  chosen: number[];
  status: OptimiseResult['status'];
  gap: number | null;
  solver: OptimiseResult['solver'];
}

function coverCounts(p: Prepared, chosen: Iterable<number>): number[] {
  const counts = new Array<number>(p.skillIds.length).fill(0);
  for (const i of chosen) for (const s of p.courses[i]!.skills) counts[s]! += 1;
  return counts;
}

function totalsOf(p: Prepared, chosen: number[]) {
  let hours = 0;
  let cost = 0;
  for (const i of chosen) {
    hours += p.courses[i]!.hours;
    cost += p.courses[i]!.cost;
  }
  return { hours, cost, steps: chosen.length };
}

const within = (value: number, limit: number) => value <= limit + LIMIT_TOLERANCE * Math.max(1, limit);
const withinLimits = (t: { hours: number; cost: number; steps: number }, l: Limits) =>
  within(t.hours, l.maxHours) && within(t.cost, l.maxCost) && t.steps <= l.maxSteps;

function respectsPrerequisites(p: Prepared, chosen: number[]): boolean {
  const set = new Set(chosen);
  return chosen.every((i) => p.courses[i]!.prereqs.every((q) => set.has(q)));
}

/**
 * Drops courses that add nothing: not a prerequisite of another chosen course and every skill it
 * teaches taught by another chosen course. An optimum has none; an incumbent cut short by the work limit or the
 * greedy pass may. Dearest first, so the cheaper duplicate stays.
 */
function prune(p: Prepared, chosen: number[]): number[] {
  const set = new Set(chosen);
  const counts = coverCounts(p, set);
  for (let changed = true; changed; ) {
    changed = false;
    const needed = new Set<number>();
    for (const i of set) for (const q of p.courses[i]!.prereqs) needed.add(q);
    const order = [...set].sort((a, b) => p.courses[b]!.objective - p.courses[a]!.objective);
    for (const i of order) {
      const c = p.courses[i]!;
      if (needed.has(i) || c.skills.some((s) => counts[s] === 1)) continue;
      set.delete(i);
      for (const s of c.skills) counts[s]! -= 1;
      changed = true;
      break;
    }
  }
  return [...set].sort((a, b) => a - b);
}

function quantaCovered(p: Prepared, chosen: number[]): number {
  const counts = coverCounts(p, chosen);
  return counts.reduce((sum, n, s) => sum + (n > 0 ? p.quanta[s]! : 0), 0);
}

function toResult(p: Prepared, selection: Selection, started: number, binding: OptimiseResult['binding']): OptimiseResult {
  const counts = coverCounts(p, selection.chosen);
  const covered: number[] = [];
  const uncovered: OptimiseResult['uncovered'] = p.noCourse.map((id) => ({ id, reason: 'no_course' as const }));
  let coveredWeight = 0;
  for (const [s, id] of p.skillIds.entries()) {
    if (counts[s]! > 0) {
      covered.push(id);
      coveredWeight += p.skillWeights[s]!;
    } else uncovered.push({ id, reason: 'constraint' });
  }
  uncovered.sort((a, b) => a.id - b.id);
  return {
    chosen: selection.chosen.map((i) => p.courses[i]!.id).sort((a, b) => a - b),
    covered,
    uncovered,
    totals: totalsOf(p, selection.chosen),
    coveredWeight,
    totalWeight: p.totalWeight,
    status: selection.status,
    gap: selection.gap,
    solver: selection.solver,
    timeMs: performance.now() - started,
    binding,
  };
}

// ---------------------------------------------------------------------------------------------
// Greedy.
// ---------------------------------------------------------------------------------------------

/**
 * Repeatedly adds the course (with whatever prerequisites it still lacks) that buys the most newly
 * covered weight per unit of objective, among bundles that fit the limits.
 */
function greedySelect(p: Prepared, limits: Limits): number[] {
  const chosen = new Set<number>();
  const counts = new Array<number>(p.skillIds.length).fill(0);
  let totals = { hours: 0, cost: 0, steps: 0 };
  const stamp = new Array<number>(p.skillIds.length).fill(-1);
  let round = 0;
  for (;;) {
    let best: { bundle: number[]; ratio: number; price: number; id: number; totals: typeof totals } | null = null;
    for (const i of p.model) {
      if (chosen.has(i)) continue;
      const bundle = [i, ...p.courses[i]!.closure.filter((q) => !chosen.has(q))];
      round += 1;
      let gain = 0;
      let price = 0;
      const next = { ...totals, steps: totals.steps + bundle.length };
      for (const b of bundle) {
        const c = p.courses[b]!;
        price += c.objective;
        next.hours += c.hours;
        next.cost += c.cost;
        for (const s of c.skills) {
          if (counts[s]! > 0 || stamp[s] === round) continue;
          stamp[s] = round;
          gain += p.skillWeights[s]!;
        }
      }
      if (gain === 0 || !withinLimits(next, limits)) continue;
      const ratio = gain / price;
      const id = p.courses[i]!.id;
      if (!best || ratio > best.ratio || (ratio === best.ratio && (price < best.price || (price === best.price && id < best.id)))) {
        best = { bundle, ratio, price, id, totals: next };
      }
    }
    if (!best) break;
    for (const b of best.bundle) {
      chosen.add(b);
      for (const s of p.courses[b]!.skills) counts[s]! += 1;
    }
    totals = best.totals;
  }
  return prune(p, [...chosen]);
}

/**
 * Add-and-prune local search: try each unchosen course with its missing prerequisites, drop what
 * that makes redundant, keep the change if it covers more or the same for less. Greedy leaves
 * 5-15% on the table at a few hundred courses; this closes much of it in a few milliseconds, so
 * HiGHS starts from a better incumbent and a solve stopped by the work limit, or failed, falls back to it.
 */
function improve(p: Prepared, limits: Limits, start: number[]): number[] {
  const score = (chosen: number[]) => ({
    quanta: quantaCovered(p, chosen),
    objective: chosen.reduce((sum, i) => sum + p.courses[i]!.objective, 0),
  });
  let current = start;
  let best = score(current);
  for (let improved = true, passes = 0; improved && passes < IMPROVE_PASSES; passes++) {
    improved = false;
    for (const i of p.model) {
      const set = new Set(current);
      if (set.has(i)) continue;
      set.add(i);
      for (const q of p.courses[i]!.closure) set.add(q);
      const candidate = prune(p, [...set]);
      if (!withinLimits(totalsOf(p, candidate), limits)) continue;
      const next = score(candidate);
      if (next.quanta > best.quanta || (next.quanta === best.quanta && next.objective < best.objective - 1e-12)) {
        current = candidate;
        best = next;
        improved = true;
      }
    }
  }
  return current;
}

// ---------------------------------------------------------------------------------------------
// HiGHS.
// ---------------------------------------------------------------------------------------------

/**
 * Node and vitest load the package's ESM build, whose default export is the loader; its typings
 * describe the CommonJS build, where the loader sits on `exports.default`. Accept either.
 */
type HighsLoader = typeof highsExports.default;
const highsLoader: HighsLoader =
  typeof (highsExports as unknown) === 'function' ? (highsExports as unknown as HighsLoader) : highsExports.default;

let highsPromise: Promise<Highs> | null = null;

/** The WASM module compiles once per process; a failed load is forgotten so a later call retries. */
function loadHighs(): Promise<Highs> {
  const loading =
    highsPromise ??
    highsLoader().catch((error: unknown) => {
      highsPromise = null;
      throw error;
    });
  highsPromise = loading;
  return loading;
}

/**
 * The MIP as HiGHS' model data — columns x (take course i; binary) then u (skill s left
 * uncovered; continuous in [0, 1], only when a limit may force a partial cover), rows in CSR
 * form. Built directly, not written and parsed as LP text, which cost a quarter of an answer.
 */
function buildModel(p: Prepared, limits: Limits, highs: Highs): ModelData {
  const soft = Object.values(limits).some(Number.isFinite);
  const slacks = soft ? p.quanta : [];
  // A coverage quantum must outweigh any spending: the optimum's spending is at most every
  // modelled course taken at once, or the dearest maxSteps of them.
  const objectives = p.model.map((i) => p.courses[i]!.objective).sort((a, b) => b - a);
  const affordable = Number.isFinite(limits.maxSteps) ? objectives.slice(0, limits.maxSteps) : objectives;
  const bigM = affordable.reduce((a, b) => a + b, 0) + 1;

  const column = new Map(p.model.map((i, k) => [i, k]));
  const slackColumn = (s: number) => p.model.length + s;
  const numCols = p.model.length + slacks.length;
  const colNames = [...p.model.map((i) => `x${i}`), ...slacks.map((_, s) => `u${s}`)];
  const colCost = [...p.model.map((i) => p.courses[i]!.objective), ...slacks.map((q) => bigM * q)];
  const integrality = [...p.model.map(() => highs.constants.variableType.integer), ...slacks.map(() => highs.constants.variableType.continuous)];

  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const row = (terms: [number, number][], lower: number, upper: number) => {
    for (const [coef, col] of terms) {
      indices.push(col);
      values.push(coef);
    }
    starts.push(indices.length);
    rowLower.push(lower);
    rowUpper.push(upper);
  };
  const teachers = p.skillIds.map((): number[] => []);
  for (const i of p.model) for (const s of p.courses[i]!.skills) teachers[s]!.push(i);
  for (const [s, list] of teachers.entries()) {
    row([...list.map((i): [number, number] => [1, column.get(i)!]), ...(soft ? [[1, slackColumn(s)] as [number, number]] : [])], 1, highs.infinity);
  }
  for (const i of p.model) {
    for (const q of p.courses[i]!.prereqs) row([[1, column.get(i)!], [-1, column.get(q)!]], -highs.infinity, 0);
  }
  const budget = (limit: number, value: (c: PreparedCourse) => number) => {
    const terms = p.model.map((i): [number, number] => [value(p.courses[i]!), column.get(i)!]).filter(([v]) => v > 0);
    // A limit the whole candidate set fits under is no constraint; leaving it out keeps the model small.
    if (!Number.isFinite(limit) || terms.reduce((sum, [v]) => sum + v, 0) <= limit) return;
    row(terms, -highs.infinity, limit);
  };
  budget(limits.maxHours, (c) => c.hours);
  budget(limits.maxCost, (c) => c.cost);
  budget(limits.maxSteps, () => 1);

  return {
    numCols,
    numRows: rowLower.length,
    colCost,
    colLower: new Array<number>(numCols).fill(0),
    colUpper: new Array<number>(numCols).fill(1),
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows: rowLower.length, numCols, starts, indices, values },
    integrality,
    colNames,
  };
}

async function highsSelect(p: Prepared, limits: Limits, work: { nodes: number; deadline: number }, seed: number[]): Promise<Selection | null> {
  const highs = await loadHighs();
  const model = highs.createModel(buildModel(p, limits, highs));
  try {
    model.options.set({
      output_flag: false,
      // The work limit decides where an unfinished search stops; the time limit is only the
      // request's deadline, and reaching it fails the request rather than changing the path.
      mip_max_nodes: Number.isFinite(work.nodes) ? Math.max(1, Math.min(UNLIMITED, Math.floor(work.nodes))) : UNLIMITED,
      time_limit: Math.max(work.deadline - performance.now(), 1) / 1000,
      // The default 1e-4 relative gap would stop once coverage is proved and ignore spending; half
      // the smallest tie-break step still separates exact ties.
      mip_rel_gap: 0,
      mip_abs_gap: TIE / p.courses.length / 2,
      random_seed: 0,
      // Feasibility jump costs ~40 ms even on 20-column models; the greedy start already gives
      // HiGHS an incumbent.
      mip_heuristic_run_feasibility_jump: false,
    });
    const columns = new Map<string, number>();
    const { numCols } = model.getDimensions();
    for (let k = 0; k < numCols; k++) columns.set(model.getColName(k), k);
    // Seeding with the heuristic answer means a solve stopped by the work limit is never worse than it.
    const start = new Array<number>(numCols).fill(0);
    const seedSet = new Set(seed);
    const counts = coverCounts(p, seed);
    for (const [name, k] of columns) {
      const n = Number(name.slice(1));
      start[k] = name[0] === 'x' ? (seedSet.has(n) ? 1 : 0) : counts[n]! > 0 ? 0 : 1;
    }
    model.setSolution({ colValue: start });

    const { modelStatus } = model.run();
    const codes = highs.constants.modelStatus;
    const hasPrimal = model.info.get('primal_solution_status') === highs.constants.solutionStatus.feasible;
    if (!hasPrimal) return null;
    let status: Selection['status'];
    let gap: number | null;
    if (modelStatus === codes.optimal) {
      status = 'optimal';
      gap = 0;
    } else if (modelStatus === codes.timeLimit || modelStatus === codes.interrupted) {
      throw deadlineExceeded();
    } else if (modelStatus === codes.solutionLimit || modelStatus === codes.iterationLimit) {
      status = 'feasible';
      const reported = Number(model.info.get('mip_gap'));
      gap = Number.isFinite(reported) ? reported : null;
    } else return null;

    const values = model.getSolution().colValue;
    const chosen = p.model.filter((i) => (values[columns.get(`x${i}`)!] ?? 0) > 0.5);
    return { chosen: status === 'optimal' ? chosen.sort((a, b) => a - b) : prune(p, chosen), status, gap, solver: 'highs' };
  } finally {
    model.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Public API.
// ---------------------------------------------------------------------------------------------

/** A number as a person reads it: integers as they are, others to 15 significant digits, no trailing zeros. */
const plainNumber = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(15).replace(/\.?0+(e|$)/, '$1'));

const LIMIT_LABEL: Record<LimitName, (v: number) => string> = {
  maxHours: (v) => `maxHours (${plainNumber(v)} h)`,
  maxCost: (v) => `maxCost (${plainNumber(v)})`,
  maxSteps: (v) => `maxSteps (${v} courses)`,
};

type BindingSearch = Generator<Limits, OptimiseResult['binding'], Selection>;

/**
 * A limit binds when dropping it alone lets the path cover more; limits that bind only together
 * (each alone still blocks) are reported jointly. A generator, so the synchronous solvers and the
 * asynchronous HiGHS path share it: it yields relaxed limits and receives their selections.
 */
function* findBinding(p: Prepared, limits: Limits, base: Selection, skillName: (id: number) => string = String): BindingSearch {
  const present = (Object.keys(limits) as LimitName[]).filter((k) => Number.isFinite(limits[k]));
  const baseQuanta = quantaCovered(p, base.chosen);
  const baseCovered = new Set(base.chosen.flatMap((i) => p.courses[i]!.skills));
  const describe = (names: LimitName[], relaxed: Selection) => {
    const extra = uniqueSorted(relaxed.chosen.flatMap((i) => p.courses[i]!.skills).filter((s) => !baseCovered.has(s)));
    const ids = extra.map((s) => skillName(p.skillIds[s]!));
    const weight = extra.reduce((sum, s) => sum + p.skillWeights[s]!, 0);
    const t = totalsOf(p, relaxed.chosen);
    const what = names.map((n) => LIMIT_LABEL[n](limits[n])).join(' and ');
    return (
      `Dropping ${what} would also cover skill${ids.length === 1 ? '' : 's'} ${ids.join(', ')} ` +
      `(+${plainNumber(weight)} weight), for ${plainNumber(t.hours)} h, cost ${plainNumber(t.cost)} and ${t.steps} courses in total.`
    );
  };

  const binding: OptimiseResult['binding'] = [];
  for (const name of present) {
    const relaxed = yield { ...limits, [name]: Infinity };
    if (quantaCovered(p, relaxed.chosen) > baseQuanta) binding.push({ constraint: name, detail: describe([name], relaxed) });
  }
  if (binding.length === 0 && present.length > 1) {
    const relaxed = yield { maxHours: Infinity, maxCost: Infinity, maxSteps: Infinity };
    if (quantaCovered(p, relaxed.chosen) > baseQuanta) {
      const detail = describe(present, relaxed);
      for (const name of present) binding.push({ constraint: name, detail });
    }
  }
  return binding;
}

const isConstrained = (p: Prepared, s: Selection) => coverCounts(p, s.chosen).some((n) => n === 0);

function runSync(input: OptimiseInput, solve: (p: Prepared, limits: Limits) => Selection): OptimiseResult {
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

/**
 * Exact optimum via HiGHS (or its best within the work limit); greedy plus local search when
 * HiGHS fails or finds nothing. The work limit applies to each solve, the deadline to the whole
 * call (a partial cover re-solves once per limit to name the binding one).
 */
export async function optimisePath(input: OptimiseInput): Promise<OptimiseResult> {
  const started = performance.now();
  const work = { nodes: input.workLimit ?? DEFAULT_WORK_LIMIT, deadline: started + (input.deadlineMs ?? DEFAULT_DEADLINE_MS) };
  const p = prepare(input);
  const limits = readLimits(input);
  const solve = async (l: Limits): Promise<Selection> => {
    // Nothing to choose from, or nothing to cover: the empty path is provably optimal.
    if (p.model.length === 0 || p.skillIds.length === 0) return { chosen: [], status: 'optimal', gap: 0, solver: 'highs' };
    const start = heuristicSelect(p, l);
    if (performance.now() >= work.deadline) throw deadlineExceeded();
    try {
      const exact = await highsSelect(p, l, work, start.chosen);
      // Re-checked in exact arithmetic: HiGHS accepts rows violated within its 1e-7 tolerance.
      if (exact && respectsPrerequisites(p, exact.chosen) && withinLimits(totalsOf(p, exact.chosen), l)) return exact;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      // Otherwise fall through: a solver failure must not fail the recommendation.
    }
    return start;
  };
  const selection = await solve(limits);
  let binding: OptimiseResult['binding'] = [];
  if (input.explainBinding !== false && isConstrained(p, selection)) {
    // Re-solve with the solver that produced the answer, so a greedy fallback is compared like for like.
    const again = selection.solver === 'greedy' ? (l: Limits) => heuristicSelect(p, l) : solve;
    const search = findBinding(p, limits, selection, input.skillName);
    for (let step = search.next(); ; ) {
      if (step.done) {
        binding = step.value;
        break;
      }
      step = search.next(await again(step.value));
    }
  }
  return toResult(p, selection, started, binding);
}

const greedyOnly = (p: Prepared, limits: Limits): Selection => ({ chosen: greedySelect(p, limits), status: 'heuristic', gap: null, solver: 'greedy' });
const heuristicSelect = (p: Prepared, limits: Limits): Selection => ({ ...greedyOnly(p, limits), chosen: improve(p, limits, greedySelect(p, limits)) });

/** Weighted greedy: best covered weight per unit of objective, within limits, prerequisites pulled in. */
export function greedyPath(input: OptimiseInput): OptimiseResult {
  return runSync(input, greedyOnly);
}

/**
 * The objective's spending part (weighted, normalised hours and cost plus steps and the quality
 * penalty, no tie-break) of a set of course ids, scored exactly as the optimiser scores it; for
 * comparing paths.
 */
export function pathSpending(input: OptimiseInput, chosen: number[]): number {
  const prices = coursePrices(input);
  return chosen.reduce((sum, id) => {
    const price = prices.get(id);
    if (price === undefined) throw invalid(`Course ${id} is not an available candidate.`);
    return sum + price;
  }, 0);
}

/** Each available candidate's spending (see pathSpending), by course id. */
export function coursePrices(input: OptimiseInput): Map<number, number> {
  return new Map(prepare(input).courses.map((c) => [c.id, c.price]));
}

/**
 * Brute force over every subset of available courses; for tests and benchmarks only. Reports
 * status 'optimal' and solver 'highs' (the result type's name for the exact path).
 */
export function exhaustivePath(input: OptimiseInput): OptimiseResult {
  if (input.courses.length > EXHAUSTIVE_MAX_COURSES) {
    throw invalid(`exhaustivePath handles at most ${EXHAUSTIVE_MAX_COURSES} courses, got ${input.courses.length}.`);
  }
  return runSync(input, (p, limits) => ({ chosen: exhaustiveSelect(p, limits), status: 'optimal', gap: 0, solver: 'highs' }));
}

/** Gray-code walk: each step toggles one course and updates the running sums incrementally. */
function exhaustiveSelect(p: Prepared, limits: Limits): number[] {
  const n = p.courses.length;
  const dependants = p.courses.map((): number[] => []);
  for (const [i, c] of p.courses.entries()) for (const q of c.prereqs) dependants[q]!.push(i);
  const inSet = new Array<boolean>(n).fill(false);
  const counts = new Array<number>(p.skillIds.length).fill(0);
  let hours = 0;
  let cost = 0;
  let steps = 0;
  let objective = 0;
  let quanta = 0;
  let violations = 0;
  let best = { quanta: 0, objective: 0, mask: [] as number[] };

  for (let k = 1; k < 2 ** n; k++) {
    const i = 31 - Math.clz32(k & -k);
    const c = p.courses[i]!;
    const on = !inSet[i];
    inSet[i] = on;
    const sign = on ? 1 : -1;
    hours += sign * c.hours;
    cost += sign * c.cost;
    steps += sign;
    objective += sign * c.objective;
    for (const s of c.skills) {
      if (on && counts[s]!++ === 0) quanta += p.quanta[s]!;
      if (!on && --counts[s]! === 0) quanta -= p.quanta[s]!;
    }
    for (const q of c.prereqs) if (!inSet[q]) violations += sign;
    for (const d of dependants[i]!) if (inSet[d]) violations -= sign;
    if (violations > 0 || !withinLimits({ hours, cost, steps }, limits)) continue;
    if (quanta > best.quanta || (quanta === best.quanta && objective < best.objective - 1e-12)) {
      best = { quanta, objective, mask: inSet.flatMap((v, j) => (v ? [j] : [])) };
    }
  }
  return best.mask;
}

/** The request ran past its deadline: answered as unavailable (503, retry), never with another path. */
function deadlineExceeded(): DomainError {
  return new DomainError('unavailable', 'solve_deadline', 'Planning this path took longer than the server allows right now; retry shortly.');
}
