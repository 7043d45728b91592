/**
 * The product: from what a learner holds to a target role, the cheapest ordered path of
 * micro-credentials that closes the gap under the learner's constraints, every step explained.
 * Everything is read from one search snapshot, so the same request against the same index
 * version gives the same answer.
 */
import { createHash } from 'node:crypto';
import type { CourseRef, CourseSummary } from '../catalog.js';
import { orderPath } from '../path-order.js';
import { optimisePath, type CandidateCourse, type OptimiseInput, type OptimiseResult } from '../path-optimiser.js';
import type { SearchSnapshot } from '../search/corpus.js';
import { stableStringify } from '../stable-json.js';
import type { HybridSearch } from '../search/hybrid-search.js';
import type { SkillExtractor } from '../search/skill-extractor.js';
import { computeGap, coverage } from './gap.js';
import { LEVEL_RANK, type CatalogGraph } from './graph.js';
import { resolveLearner, round, skillRef, type BadgeReader } from './learner.js';
import { resolveTarget } from './target.js';
import type { Constraints, Evidence, PathStep, Recommendation, RecommendRequest, Totals } from './types.js';

/** A course "teaches" a skill for planning only at or above this link confidence. */
export const TEACHES_MIN_CONFIDENCE = 0.6;
/** Candidates kept per gap skill (best evidence, then cheapest): bounds the optimisation size. */
export const CANDIDATES_PER_SKILL = 25;

export interface RecommendationDeps {
  snapshot: () => SearchSnapshot;
  search: HybridSearch;
  extractor: SkillExtractor;
  readBadge: BadgeReader;
  /** The embedding model serving now, if any. */
  modelId: () => string | null;
  optimiserTimeLimitMs: number;
  /**
   * The path optimiser (default: optimisePath). A seam for the evaluation harness, which
   * compares each answer with the exact optimum of the same candidates.
   */
  optimise?: (input: OptimiseInput) => Promise<OptimiseResult>;
}

interface Candidates {
  courses: CandidateCourse[];
  estimated: Map<number, ('hours' | 'cost')[]>;
  /** `course:skill` → the evidence linking the course to the skill. */
  evidence: Map<string, Evidence>;
  /** Course → open skills it teaches that the plan did not aim for (optional ones). */
  also: Map<number, number[]>;
}

const ALTERNATIVE_WEIGHTS = {
  cheapest: { cost: 1, hours: 0, steps: 0.05 },
  fastest: { cost: 0, hours: 1, steps: 0.05 },
} as const;

/** Answers kept per catalog snapshot (a new snapshot starts empty); bounds the memory it holds. */
export const CACHE_ENTRIES = 500;

export class RecommendationService {
  /**
   * The same request against the same snapshot and model gives the same answer, so answers are
   * cached: platforms ask again for the same learner far more often than the catalog changes.
   */
  private readonly cache = new WeakMap<SearchSnapshot, Map<string, Promise<Recommendation>>>();

  private readonly optimise: (input: OptimiseInput) => Promise<OptimiseResult>;

  constructor(private readonly deps: RecommendationDeps) {
    this.optimise = deps.optimise ?? optimisePath;
  }

  /** The same service planning with another optimiser (the evaluation observes every solve this way). */
  withOptimiser(optimise: NonNullable<RecommendationDeps['optimise']>): RecommendationService {
    return new RecommendationService({ ...this.deps, optimise });
  }

  recommend(request: RecommendRequest): Promise<Recommendation> {
    const snapshot = this.deps.snapshot();
    let answers = this.cache.get(snapshot);
    if (!answers) {
      answers = new Map();
      this.cache.set(snapshot, answers);
    }
    // Hashed: a request may carry up to a body limit of badge JSON, which must not be kept as a key.
    const key = createHash('sha256').update(`${this.deps.modelId() ?? ''}\n${stableStringify(request)}`).digest('base64');
    const cached = answers.get(key);
    if (cached) {
      // Refresh its place in the least-recently-used order.
      answers.delete(key);
      answers.set(key, cached);
      return cached;
    }
    const answer = this.compute(request, snapshot);
    answers.set(key, answer);
    // Failures are not cached: the next identical request tries again.
    answer.catch(() => {
      if (answers.get(key) === answer) answers.delete(key);
    });
    if (answers.size > CACHE_ENTRIES) answers.delete(answers.keys().next().value!);
    return answer;
  }

  private async compute(request: RecommendRequest, snapshot: SearchSnapshot): Promise<Recommendation> {
    const { graph } = snapshot;
    const target = await resolveTarget(request.target, snapshot, this.deps.search);
    const learner = await resolveLearner(request.learner, {
      snapshot,
      search: this.deps.search,
      extractor: this.deps.extractor,
      readBadge: this.deps.readBadge,
    });
    const gap = computeGap(graph, target.role.id, learner.held, snapshot.vectors);

    const constraints = request.constraints ?? {};
    // The path is planned to close the essential gap; optional skills are planned for only on
    // request (O*NET lists dozens of optional tools per role, and covering each would add a
    // course for little value). Optional skills the chosen courses teach anyway still count.
    // A role whose source marks nothing essential (some O*NET occupations only list tools) is
    // planned on its optional skills, or the path would be empty.
    const planOptional = constraints.coverOptional === true || !gap.required.some((r) => r.kind === 'essential');
    const open = gap.required.filter((r) => r.status !== 'held' && (r.kind === 'essential' || planOptional));
    const candidates = buildCandidates(
      graph,
      new Set(open.map((r) => r.skill.id)),
      new Set(gap.required.filter((r) => r.status !== 'held').map((r) => r.skill.id)),
      constraints,
      learner.heldCourses,
    );
    const limits = effectiveLimits(constraints);
    const input: OptimiseInput = {
      skills: open.map((r) => ({ id: r.skill.id, weight: round(r.weight * (1 - r.credit)) })).filter((s) => s.weight > 0),
      courses: candidates.courses,
      heldCourses: [...learner.heldCourses],
      weights: request.weights,
      limits: limits.limits,
      timeLimitMs: this.deps.optimiserTimeLimitMs,
      skillName: (id) => `"${graph.skills.get(id)?.label ?? id}"`,
    };
    const primary = await this.optimise(input);
    const plan = buildPlan(graph, primary, candidates, constraints, gap.required);

    const alternatives: Recommendation['alternatives'] = [];
    const seen = new Set([primary.chosen.join(',')]);
    const variants: [Recommendation['alternatives'][number]['label'], OptimiseInput][] = [
      ['cheapest', { ...input, weights: ALTERNATIVE_WEIGHTS.cheapest }],
      ['fastest', { ...input, weights: ALTERNATIVE_WEIGHTS.fastest }],
      // What closing the whole gap would take without the hour, budget and deadline limits.
      ['most_coverage', { ...input, limits: { maxSteps: limits.limits.maxSteps } }],
    ];
    for (const [label, variant] of variants) {
      if (alternatives.length >= request.alternatives) break;
      const result = await this.optimise(variant);
      const key = result.chosen.join(',');
      if (result.chosen.length === 0 || seen.has(key)) continue;
      seen.add(key);
      const alt = buildPlan(graph, result, candidates, constraints, gap.required);
      alternatives.push({ label, path: alt.steps, totals: alt.totals, coverageAfter: alt.coverageAfter });
    }

    const binding = primary.binding.map((b) =>
      b.constraint === 'maxHours' && limits.hoursFrom === 'deadline'
        ? { constraint: 'deadlineWeeks', detail: b.detail.replace('maxHours', `deadlineWeeks × hoursPerWeek (${limits.limits.maxHours} h)`) }
        : b,
    );

    return {
      target,
      learner: { id: request.learner.id ?? null, held: [...learner.held.values()].sort((a, b) => b.confidence - a.confidence || a.skill.id - b.skill.id), unresolved: learner.unresolved },
      gap: {
        required: gap.required.map(({ credit: _credit, ...r }) => ({ ...r, coveredByStep: plan.coveredBy.get(r.skill.id) ?? null })),
        coverageBefore: gap.coverageBefore,
        coverageAfter: plan.coverageAfter,
      },
      path: plan.steps,
      totals: plan.totals,
      stacks: plan.stacks,
      alternatives,
      uncovered: [
        ...primary.uncovered,
        // Optional skills outside the plan are reported too when nothing in the catalog teaches them.
        ...gap.required
          .filter((r) => r.status !== 'held' && !open.includes(r) && !plan.coveredBy.has(r.skill.id) && !taught(graph, r.skill.id, constraints))
          .map((r) => ({ id: r.skill.id, reason: 'no_course' as const })),
      ].map((u) => {
        const skill = skillRef(graph, u.id);
        const detail =
          u.reason === 'no_course'
            ? `No course in the catalog${describeFilters(constraints)} teaches "${skill.label}".`
            : `Courses teach "${skill.label}", but the path's limits leave no room for one.`;
        return { skill, reason: u.reason, detail };
      }),
      binding,
      optimality: { status: primary.status, gap: primary.gap, solver: primary.solver, timeMs: round(primary.timeMs) },
      versions: {
        taxonomies: graph.sourceVersions.taxonomies,
        catalogs: graph.sourceVersions.catalogs,
        model: snapshot.vectors?.model ?? this.deps.modelId(),
        index: snapshot.vectors?.version ?? null,
      },
    };
  }
}

/** Whether any course the constraints allow teaches the skill. */
function taught(graph: CatalogGraph, skillId: number, constraints: Constraints): boolean {
  return (graph.coursesBySkill.get(skillId) ?? []).some((courseId) => {
    const link = graph.courseSkills.get(courseId)!.find((l) => l.skillId === skillId)!;
    return link.confidence >= TEACHES_MIN_CONFIDENCE && allowedBy(constraints, graph.courses.get(courseId)!);
  });
}

function effectiveLimits(c: Constraints): { limits: NonNullable<OptimiseInput['limits']>; hoursFrom: 'maxHours' | 'deadline' | null } {
  const byDeadline = c.hoursPerWeek !== undefined && c.deadlineWeeks !== undefined ? c.hoursPerWeek * c.deadlineWeeks : undefined;
  let maxHours = c.maxHours;
  let hoursFrom: 'maxHours' | 'deadline' | null = maxHours === undefined ? null : 'maxHours';
  if (byDeadline !== undefined && (maxHours === undefined || byDeadline < maxHours)) {
    maxHours = byDeadline;
    hoursFrom = 'deadline';
  }
  return { limits: { maxHours, maxCost: c.maxCost, maxSteps: c.maxSteps }, hoursFrom };
}

function describeFilters(c: Constraints): string {
  const parts = [
    c.includeProviders?.length ? `from ${c.includeProviders.join(', ')}` : '',
    c.excludeProviders?.length ? `outside ${c.excludeProviders.join(', ')}` : '',
    c.levels?.length ? `at level ${c.levels.join('/')}` : '',
    c.languages?.length ? `in ${c.languages.join('/')}` : '',
    c.formats?.length ? `as ${c.formats.join('/')}` : '',
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function allowedBy(c: Constraints, course: CourseSummary): boolean {
  const provider = course.provider.toLowerCase();
  if (c.includeProviders?.length && !c.includeProviders.some((p) => p.toLowerCase() === provider)) return false;
  if (c.excludeProviders?.some((p) => p.toLowerCase() === provider)) return false;
  // A level constraint is kept strictly: a course of unknown level might be anything.
  if (c.levels?.length && (course.level === null || !c.levels.includes(course.level))) return false;
  // Unknown language or format is allowed: most catalogs that omit them are English and online.
  if (c.languages?.length && course.language !== null && !c.languages.some((l) => course.language!.toLowerCase().startsWith(l.toLowerCase()))) return false;
  if (c.formats?.length && course.format !== null && !c.formats.includes(course.format)) return false;
  return true;
}

/**
 * Courses worth considering: for each skill to plan for, the best-evidenced and cheapest that
 * teach it, plus their prerequisites. Each candidate also records every open gap skill it
 * teaches (planned or not), so the plan can credit optional skills covered along the way.
 */
function buildCandidates(
  graph: CatalogGraph,
  gapSkills: Set<number>,
  openSkills: Set<number>,
  constraints: Constraints,
  heldCourses: Set<number>,
): Candidates {
  const estimated = new Map<number, ('hours' | 'cost')[]>();
  const evidence = new Map<string, Evidence>();
  const also = new Map<number, number[]>();
  const hoursOf = (c: CourseSummary) => c.hours ?? graph.typical.hours;
  const costOf = (c: CourseSummary) => c.cost ?? graph.typical.cost;
  const effort = (c: CourseSummary) => hoursOf(c) / (graph.typical.hours || 1) + costOf(c) / (graph.typical.cost || 1);

  const chosen = new Set<number>();
  for (const skillId of gapSkills) {
    const teaching: { id: number; confidence: number; course: CourseSummary }[] = [];
    for (const courseId of graph.coursesBySkill.get(skillId) ?? []) {
      if (heldCourses.has(courseId)) continue;
      const course = graph.courses.get(courseId)!;
      const link = graph.courseSkills.get(courseId)!.find((l) => l.skillId === skillId)!;
      if (link.confidence < TEACHES_MIN_CONFIDENCE || !allowedBy(constraints, course)) continue;
      teaching.push({ id: courseId, confidence: link.confidence, course });
    }
    teaching.sort((a, b) => b.confidence - a.confidence || effort(a.course) - effort(b.course) || a.id - b.id);
    for (const t of teaching.slice(0, CANDIDATES_PER_SKILL)) chosen.add(t.id);
  }
  // Prerequisites of candidates are candidates too (they may cover nothing themselves).
  const queue = [...chosen];
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const prereq of graph.prerequisites.get(id) ?? []) {
      if (chosen.has(prereq) || heldCourses.has(prereq)) continue;
      const course = graph.courses.get(prereq);
      if (!course || !allowedBy(constraints, course)) continue;
      chosen.add(prereq);
      queue.push(prereq);
    }
  }

  const courses: CandidateCourse[] = [...chosen].sort((a, b) => a - b).map((id) => {
    const course = graph.courses.get(id)!;
    const flags: ('hours' | 'cost')[] = [];
    if (course.hours === null) flags.push('hours');
    if (course.cost === null) flags.push('cost');
    if (flags.length > 0) estimated.set(id, flags);
    const skills: number[] = [];
    const alsoTeaches: number[] = [];
    for (const link of graph.courseSkills.get(id) ?? []) {
      if (!openSkills.has(link.skillId) || link.confidence < TEACHES_MIN_CONFIDENCE) continue;
      (gapSkills.has(link.skillId) ? skills : alsoTeaches).push(link.skillId);
      evidence.set(`${id}:${link.skillId}`, {
        kind: link.evidenceKind,
        detail: link.evidenceKind === 'text' ? `course description: "${link.span ?? ''}"` : `catalog ${link.evidenceKind}: "${link.span ?? graph.skills.get(link.skillId)?.label ?? ''}"`,
        confidence: round(link.confidence),
      });
    }
    if (alsoTeaches.length > 0) also.set(id, alsoTeaches);
    return {
      id,
      hours: hoursOf(course),
      cost: costOf(course),
      level: course.level ? LEVEL_RANK[course.level] : 1,
      skills,
      prerequisites: (graph.prerequisites.get(id) ?? []).filter((p) => !heldCourses.has(p)),
    };
  });
  return { courses, estimated, evidence, also };
}

interface Plan {
  steps: PathStep[];
  totals: Totals;
  coverageAfter: number;
  coveredBy: Map<number, number>;
  stacks: Recommendation['stacks'];
}

function buildPlan(
  graph: CatalogGraph,
  result: OptimiseResult,
  candidates: Candidates,
  constraints: Constraints,
  required: { skill: { id: number; label: string }; kind: 'essential' | 'optional'; weight: number; credit: number }[],
): Plan {
  const byId = new Map(candidates.courses.map((c) => [c.id, c]));
  const chosen = result.chosen.map((id) => byId.get(id)!).filter(Boolean);
  const { order, placedAfter } = orderPath(chosen);
  const kindOf = new Map(required.map((r) => [r.skill.id, r.kind]));
  const coveredBy = new Map<number, number>();
  const neededBy = new Map<number, number[]>();
  for (const c of chosen) for (const p of c.prerequisites) if (result.chosen.includes(p)) neededBy.set(p, [...(neededBy.get(p) ?? []), c.id]);

  const hpw = constraints.hoursPerWeek;
  let elapsed = 0;
  const steps: PathStep[] = order.map((id, index) => {
    const candidate = byId.get(id)!;
    const course = graph.courses.get(id)!;
    const position = index + 1;
    const covers = [...candidate.skills, ...(candidates.also.get(id) ?? [])]
      .filter((s) => !coveredBy.has(s))
      .map((s) => {
        coveredBy.set(s, position);
        return { skill: skillRef(graph, s), evidence: candidates.evidence.get(`${id}:${s}`)! };
      });
    const start = elapsed;
    elapsed += candidate.hours;
    return {
      position,
      course,
      covers,
      reason: explain(graph, course, covers.map((c) => ({ label: c.skill.label, kind: kindOf.get(c.skill.id) })), placedAfter.get(id) ?? [], neededBy.get(id) ?? []),
      estimated: candidates.estimated.get(id) ?? [],
      startWeek: hpw ? round(start / hpw) : null,
      endWeek: hpw ? round(elapsed / hpw) : null,
    };
  });

  const currencies = new Set(steps.filter((s) => (s.course.cost ?? 0) > 0).map((s) => s.course.currency).filter(Boolean));
  const totals: Totals = {
    hours: round(result.totals.hours),
    cost: round(result.totals.cost),
    // Costs are not converted between currencies: a mixed path says so with a null currency.
    currency: currencies.size === 1 ? [...currencies][0]! : null,
    steps: steps.length,
    weeks: hpw ? Math.ceil(result.totals.hours / hpw) : null,
  };
  const coverageAfter = coverage(required.map((r) => ({ weight: r.weight, credit: coveredBy.has(r.skill.id) ? 1 : r.credit })));

  const inPlan = new Set(order);
  const stacks: Recommendation['stacks'] = [];
  const seenTargets = new Set<number>();
  for (const id of order) {
    for (const target of graph.stacksInto.get(id) ?? []) {
      if (seenTargets.has(target)) continue;
      seenTargets.add(target);
      const parts = graph.stackedFrom.get(target) ?? [];
      const ref = (cid: number): CourseRef => {
        const c = graph.courses.get(cid)!;
        return { id: c.id, title: c.title, provider: c.provider };
      };
      stacks.push({ credential: ref(target), from: parts.filter((p) => inPlan.has(p)).map(ref), complete: parts.every((p) => inPlan.has(p)) });
    }
  }
  return { steps, totals, coverageAfter, coveredBy, stacks };
}

function explain(
  graph: CatalogGraph,
  course: CourseSummary,
  covers: { label: string; kind: 'essential' | 'optional' | undefined }[],
  after: number[],
  neededBy: number[],
): string {
  const parts: string[] = [];
  if (covers.length > 0) {
    const essential = covers.filter((c) => c.kind === 'essential').map((c) => c.label);
    const optional = covers.filter((c) => c.kind !== 'essential').map((c) => c.label);
    parts.push(
      `Covers ${[essential.length ? `${essential.join(', ')} (essential)` : '', optional.length ? `${optional.join(', ')} (optional)` : ''].filter(Boolean).join('; ')}.`,
    );
  }
  if (neededBy.length > 0) parts.push(`Prerequisite of ${neededBy.map((id) => `"${graph.courses.get(id)!.title}"`).join(', ')}.`);
  if (after.length > 0) parts.push(`Placed after ${after.map((id) => `"${graph.courses.get(id)!.title}"`).join(', ')}, its prerequisite${after.length > 1 ? 's' : ''}.`);
  if (course.level) parts.push(`Level: ${course.level}.`);
  return parts.join(' ');
}
