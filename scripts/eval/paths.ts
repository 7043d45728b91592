/**
 * Set 5 of `npm run eval`: learning paths for generated learner/role pairs on the real catalog.
 *
 * Each pair is a real ESCO or O*NET occupation (one whose essential skills the catalog can teach
 * at least in part) and a learner who holds a random share of its essential skills, sometimes
 * a completed course, and sometimes a weekly-hours-and-deadline or a budget limit. The service
 * answers as it does over HTTP; every solve it makes is observed, so its path can be compared
 * with the exact optimum of the very same candidates (HiGHS with far more search work than the request path allows)
 * and with two baselines on those candidates: the greedy heuristic, and "cheapest course for
 * each missing skill" (what a search box per skill gives you).
 */
import { createHash } from 'node:crypto';
import { TEACHES_MIN_CONFIDENCE } from '../../src/core/recommend/candidates.js';
import { CourseRelevance } from '../../src/core/recommend/course-relevance.js';
import type { VectorIndex } from '../../src/core/ports.js';
import type { RecommendationService } from '../../src/core/recommend/recommendation-service.js';
import type { CatalogGraph } from '../../src/core/recommend/graph.js';
import type { Constraints, Recommendation, RecommendRequest } from '../../src/core/recommend/types.js';
import { coursePrices, greedyPath, optimisePath, orderPath, pathSpending, type OptimiseInput, type OptimiseResult } from '../../src/core/path/index.js';
import { prng } from '../../test/helpers/prng.js';
import { prerequisiteViolations, redundantSteps, teachingOverlap, weightedCoverage, type PathFacts } from './path-metrics.js';

/** Enough essential skills the catalog teaches for a path to be worth judging. */
const MIN_TEACHABLE_ESSENTIALS = 3;
/** The exact reference gets this long per pair (the service itself keeps its request-path cap). */
/** The exact reference: far more work than the request path allows, and a generous deadline. */
const REFERENCE = { workLimit: 5_000_000, deadlineMs: 120_000 };

export interface PathPair {
  roleId: number;
  request: RecommendRequest;
}

/**
 * Deterministic pairs, robust to how the evaluation database was built: roles are drawn in the
 * order of a hash of their source code (not of database ids, which depend on load order), and
 * each pair draws its learner from its own generator seeded by that hash, so a role that gains
 * or loses a course link changes its own pair only.
 */
export function generatePairs(graph: CatalogGraph, count: number, seed = 7): PathPair[] {
  const keyOf = (text: string) => createHash('sha1').update(`${seed}:${text}`).digest().readUInt32BE(0);
  const teachable = (skillId: number) =>
    (graph.coursesBySkill.get(skillId) ?? []).some((c) => graph.courseSkills.get(c)!.some((l) => l.skillId === skillId && l.confidence >= TEACHES_MIN_CONFIDENCE));
  const roles = [...graph.roles.values()]
    .filter((r) => r.source === 'esco' || r.source === 'onet')
    .filter((r) => (graph.requirements.get(r.id) ?? []).filter((q) => q.kind === 'essential' && teachable(q.skillId)).length >= MIN_TEACHABLE_ESSENTIALS)
    .map((r) => ({ role: r, key: keyOf(`${r.source}:${r.code}`) }))
    .sort((a, b) => a.key - b.key || a.role.code.localeCompare(b.role.code))
    .slice(0, count);
  return roles.map(({ role, key }) => {
    const rand = prng(key);
    const essentials = (graph.requirements.get(role.id) ?? [])
      .filter((q) => q.kind === 'essential')
      .map((q) => q.skillId)
      .sort((a, b) => (graph.skills.get(a)!.uri ?? '').localeCompare(graph.skills.get(b)!.uri ?? ''));
    const share = rand() * 0.6;
    const skills = essentials.filter(() => rand() < share).map((id) => ({ id: String(id) }));
    const roleCourses = [...new Set(essentials.flatMap((s) => graph.coursesBySkill.get(s) ?? []))].sort((a, b) =>
      `${graph.courses.get(a)!.title}|${graph.courses.get(a)!.url ?? ''}`.localeCompare(`${graph.courses.get(b)!.title}|${graph.courses.get(b)!.url ?? ''}`) || a - b,
    );
    const completed = rand() < 0.4;
    const pick = roleCourses[Math.floor(rand() * roleCourses.length)];
    const credentials = completed && pick !== undefined ? [{ id: String(pick) }] : [];
    const roll = rand();
    const constraints: Constraints =
      roll < 0.4 ? {} : roll < 0.7 ? { hoursPerWeek: 3 + Math.floor(rand() * 8), deadlineWeeks: 4 + Math.floor(rand() * 23) } : { maxCost: 50 * (1 + Math.floor(rand() * 10)) };
    return { roleId: role.id, request: { learner: { credentials, skills }, target: { roleId: String(role.id) }, constraints, alternatives: 0 } };
  });
}

interface MethodTotals {
  coverage: number;
  coverageOfTeachable: number;
  costRatios: number[];
  coversLessThanOptimum: number;
  prerequisiteViolations: number;
  pathsWithViolations: number;
  overLimits: number;
  redundantSteps: number;
  steps: number;
  overlapPairs: number;
  overlapRedundant: number;
  uncovered: number;
  gapSkills: number;
}

export interface PathMethodMetrics {
  /** Mean share of the essential gap's weight the path covers. */
  gapCoverage: number;
  /** The same, counting only gap skills some allowed course teaches. */
  teachableCoverage: number;
  /** Spending (hours, cost, steps as the optimiser weighs them) over the optimum's, where both cover the same. */
  costRatioMedian: number;
  costRatioWorst: number;
  /** Share of pairs where the path covers less gap weight than the optimum does. */
  coversLessShare: number;
  prerequisiteViolations: number;
  pathsWithViolationsShare: number;
  /** Share of pairs whose path breaks the learner's hours, budget or step limit. */
  overLimitShare: number;
  /** Share of steps that could be dropped with nothing lost. */
  redundantStepShare: number;
  /** Share of (step, role skill taught) pairs where the skill was held or taught earlier. */
  overlapShare: number;
  /** Share of the gap skills (all pairs pooled) that no step teaches. */
  uncoveredShare: number;
}

export interface PathEvaluation {
  n: number;
  /** Pairs where the exact reference did not prove optimality within its cap. */
  referenceNotOptimal: number;
  /** Pairs with any prerequisite among their candidates (violations are only possible there). */
  pairsWithPrerequisites: number;
  /** Gap skills skillpath left uncovered without listing them in `uncovered` (must be 0). */
  unreportedUncovered: number;
  meanSteps: number;
  msMedian: number;
  methods: Record<string, PathMethodMetrics>;
}

/** Metric names where lower is better (the regression gate needs to know the direction). */
export const LOWER_IS_BETTER = new Set<string>([
  'costRatioMedian',
  'costRatioWorst',
  'coversLessShare',
  'prerequisiteViolations',
  'pathsWithViolationsShare',
  'overLimitShare',
  'redundantStepShare',
  'overlapShare',
  'uncoveredShare',
  'unreportedUncovered',
]);

const emptyTotals = (): MethodTotals => ({
  coverage: 0,
  coverageOfTeachable: 0,
  costRatios: [],
  coversLessThanOptimum: 0,
  prerequisiteViolations: 0,
  pathsWithViolations: 0,
  overLimits: 0,
  redundantSteps: 0,
  steps: 0,
  overlapPairs: 0,
  overlapRedundant: 0,
  uncovered: 0,
  gapSkills: 0,
});

/** "Cheapest course for each missing skill", heaviest skill first, ignoring prerequisites and limits. */
function cheapestPerSkill(input: OptimiseInput): number[] {
  const chosen: number[] = [];
  const covered = new Set<number>();
  const price = coursePrices(input);
  for (const skill of [...input.skills].sort((a, b) => b.weight - a.weight || a.id - b.id)) {
    if (covered.has(skill.id)) continue;
    const teachers = input.courses.filter((c) => c.skills.includes(skill.id) && price.has(c.id));
    if (teachers.length === 0) continue;
    const best = teachers.reduce((a, b) => (price.get(b.id)! < price.get(a.id)! ? b : a));
    chosen.push(best.id);
    for (const s of best.skills) covered.add(s);
  }
  return chosen;
}

/** A set of candidate ids in the order skillpath would take them (prerequisites first). */
function ordered(input: OptimiseInput, chosen: number[]): number[] {
  const byId = new Map(input.courses.map((c) => [c.id, c]));
  return orderPath(chosen.map((id) => byId.get(id)!)).order;
}

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return 1;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};
const sameWeight = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, a, b);

export async function evaluatePaths(service: RecommendationService, graph: CatalogGraph, pairs: PathPair[], vectors: VectorIndex | null = null): Promise<PathEvaluation> {
  const solves: { input: OptimiseInput; result: OptimiseResult }[] = [];
  const observed = service.withOptimiser(async (input) => {
    const result = await optimisePath(input);
    solves.push({ input, result });
    return result;
  });
  const methods = { skillpath: emptyTotals(), 'greedy (same candidates)': emptyTotals(), 'cheapest course per skill': emptyTotals() };
  let referenceNotOptimal = 0;
  let pairsWithPrerequisites = 0;
  let unreportedUncovered = 0;
  let steps = 0;
  const times: number[] = [];

  for (const pair of pairs) {
    solves.length = 0;
    const started = performance.now();
    const answer: Recommendation = await observed.recommend(pair.request);
    times.push(performance.now() - started);
    const primary = solves[0];
    if (!primary) continue;
    const { input } = primary;
    steps += answer.path.length;
    const reference = await optimisePath({ ...input, ...REFERENCE });
    if (reference.status !== 'optimal') referenceNotOptimal += 1;
    const referenceSpending = pathSpending(input, reference.chosen);
    if (input.courses.some((c) => c.prerequisites.length > 0)) pairsWithPrerequisites += 1;

    const gapSkills = new Set(input.skills.map((s) => s.id));
    const roleSkills = new Set(answer.gap.required.map((r) => r.skill.id));
    // "Teaches" as the planner reads it: a link it would plan on (central, agreeing evidence).
    const relevance = await CourseRelevance.create(graph, vectors, pair.roleId);
    const facts: PathFacts = {
      prerequisitesOf: (id) => graph.prerequisites.get(id) ?? [],
      teaches: (id) => (graph.courseSkills.get(id) ?? []).filter((l) => relevance.teaches(id, l) && roleSkills.has(l.skillId)).map((l) => l.skillId),
      heldCourses: new Set(pair.request.learner.credentials.map((c) => Number(c.id))),
      heldSkills: new Set(answer.gap.required.filter((r) => r.status === 'held').map((r) => r.skill.id)),
    };
    const referenceCoverage = weightedCoverage(reference.chosen, input.skills, facts);
    const taughtByCandidates = new Set(input.courses.flatMap((c) => c.skills));
    const teachableGap = input.skills.filter((s) => taughtByCandidates.has(s.id));

    const sequences: Record<keyof typeof methods, number[]> = {
      skillpath: answer.path.map((s) => s.course.id),
      'greedy (same candidates)': ordered(input, greedyPath(input).chosen),
      'cheapest course per skill': cheapestPerSkill(input),
    };
    for (const [name, sequence] of Object.entries(sequences) as [keyof typeof methods, number[]][]) {
      const t = methods[name];
      const coverage = weightedCoverage(sequence, input.skills, facts);
      t.coverage += coverage;
      t.coverageOfTeachable += weightedCoverage(sequence, teachableGap, facts);
      if (coverage < referenceCoverage - 1e-9) t.coversLessThanOptimum += 1;
      else if (sameWeight(coverage, referenceCoverage) && referenceSpending > 0) t.costRatios.push(pathSpending(input, sequence) / referenceSpending);
      const violations = prerequisiteViolations(sequence, facts);
      t.prerequisiteViolations += violations;
      if (violations > 0) t.pathsWithViolations += 1;
      if (overLimits(input, sequence)) t.overLimits += 1;
      t.redundantSteps += redundantSteps(sequence, gapSkills, facts);
      t.steps += sequence.length;
      const overlap = teachingOverlap(sequence, facts);
      t.overlapPairs += overlap.pairs;
      t.overlapRedundant += overlap.redundant;
      const taught = new Set(sequence.flatMap((id) => facts.teaches(id)));
      t.uncovered += input.skills.filter((s) => !taught.has(s.id)).length;
      t.gapSkills += input.skills.length;
      if (name === 'skillpath') {
        const reported = new Set(answer.uncovered.map((u) => u.skill.id));
        unreportedUncovered += input.skills.filter((s) => !taught.has(s.id) && !reported.has(s.id)).length;
      }
    }
  }

  const n = pairs.length;
  const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  return {
    n,
    referenceNotOptimal,
    pairsWithPrerequisites,
    unreportedUncovered,
    meanSteps: share(steps, n),
    msMedian: Math.round(quantile(times, 0.5)),
    methods: Object.fromEntries(
      Object.entries(methods).map(([name, t]) => [
        name,
        {
          gapCoverage: share(t.coverage, n),
          teachableCoverage: share(t.coverageOfTeachable, n),
          costRatioMedian: quantile(t.costRatios, 0.5),
          costRatioWorst: t.costRatios.length ? Math.max(...t.costRatios) : 1,
          coversLessShare: share(t.coversLessThanOptimum, n),
          prerequisiteViolations: t.prerequisiteViolations,
          pathsWithViolationsShare: share(t.pathsWithViolations, n),
          overLimitShare: share(t.overLimits, n),
          redundantStepShare: share(t.redundantSteps, t.steps),
          overlapShare: share(t.overlapRedundant, t.overlapPairs),
          uncoveredShare: share(t.uncovered, t.gapSkills),
        },
      ]),
    ),
  };
}

/** Whether a path's totals break the hours, budget or step limit the optimiser was given. */
function overLimits(input: OptimiseInput, sequence: number[]): boolean {
  const byId = new Map(input.courses.map((c) => [c.id, c]));
  const hours = sequence.reduce((sum, id) => sum + byId.get(id)!.hours, 0);
  const cost = sequence.reduce((sum, id) => sum + byId.get(id)!.cost, 0);
  const l = input.limits ?? {};
  const slack = (x: number) => x * (1 + 1e-9);
  return hours > slack(l.maxHours ?? Infinity) || cost > slack(l.maxCost ?? Infinity) || sequence.length > (l.maxSteps ?? Infinity);
}
