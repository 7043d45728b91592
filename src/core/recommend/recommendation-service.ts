/**
 * The product: from what a learner holds to a target role, the cheapest ordered path of
 * micro-credentials that closes the gap under the learner's constraints, every step explained.
 * Everything is read from one search snapshot, so the same request against the same index
 * version gives the same answer.
 */
import { createHash } from 'node:crypto';
import { optimisePath, type OptimiseInput, type OptimiseResult } from '../path/index.js';
import type { SearchSnapshot } from '../search/corpus.js';
import { stableStringify } from '../stable-json.js';
import type { HybridSearch } from '../search/hybrid-search.js';
import type { SkillExtractor } from '../search/skill-extractor.js';
import { buildCandidates, describeFilters, taught } from './candidates.js';
import { CourseRelevance, describeFit } from './course-relevance.js';
import { computeGap } from './gap.js';
import { buildPlan } from './plan.js';
import { resolveLearner, round, skillRef, type BadgeReader } from './learner.js';
import { resolveTarget } from './target.js';
import type { Constraints, Recommendation, RecommendRequest } from './types.js';

export interface RecommendationDeps {
  snapshot: () => SearchSnapshot;
  search: HybridSearch;
  extractor: SkillExtractor;
  readBadge: BadgeReader;
  /** The embedding model serving now, if any. */
  modelId: () => string | null;
  /** Wall-clock deadline per optimisation (503 past it) and nodes per exact solve (see path-optimiser). */
  optimiserDeadlineMs: number;
  optimiserWorkLimit: number;
  /** Course languages for a request that names none (`constraints.languages`); empty or absent: any. */
  defaultLanguages?: readonly string[];
  /**
   * The path optimiser (default: optimisePath). A seam for the evaluation harness, which
   * compares each answer with the exact optimum of the same candidates.
   */
  optimise?: (input: OptimiseInput) => Promise<OptimiseResult>;
}

const ALTERNATIVE_WEIGHTS = {
  cheapest: { cost: 1, hours: 0, steps: 0.05, quality: 0.05 },
  fastest: { cost: 0, hours: 1, steps: 0.05, quality: 0.05 },
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
    const gap = await computeGap(graph, target.role.id, learner.held, snapshot.vectors);

    const constraints: Constraints = { ...request.constraints };
    // A request's own list wins, even an empty one (any language).
    if (constraints.languages === undefined && this.deps.defaultLanguages?.length) constraints.languages = [...this.deps.defaultLanguages];
    // The path is planned to close the essential gap of what defines the role; optional skills
    // are planned for only on request (O*NET lists dozens of optional tools per role, and
    // covering each would add a course for little value). Optional skills the chosen courses
    // teach anyway still count. A role whose source marks nothing essential (some O*NET
    // occupations only list tools) is planned on its optional skills, or the path would be
    // empty — but only on the tools its source flags in demand or its description names.
    // Transversal skills (English, Active Listening, office tools) are reported, not planned,
    // unless asked for.
    const noEssentials = !gap.required.some((r) => r.kind === 'essential' && r.class !== 'transversal');
    const planned = (r: (typeof gap.required)[number]) =>
      (r.class !== 'transversal' || constraints.coverTransversal === true) &&
      (r.kind === 'essential' || constraints.coverOptional === true || (noEssentials && r.class !== 'tool_inventory'));
    const open = gap.required.filter((r) => r.status !== 'held' && planned(r));
    const relevance = await CourseRelevance.create(graph, snapshot.vectors, target.role.id);
    const candidates = buildCandidates(
      graph,
      new Set(open.map((r) => r.skill.id)),
      new Set(gap.required.filter((r) => r.status !== 'held').map((r) => r.skill.id)),
      constraints,
      learner.heldCourses,
      new Set(gap.required.filter((r) => r.kind === 'essential').map((r) => r.skill.id)),
      relevance,
    );
    const limits = effectiveLimits(constraints);
    const input: OptimiseInput = {
      skills: open.map((r) => ({ id: r.skill.id, weight: round(r.weight * (1 - r.credit)) })).filter((s) => s.weight > 0),
      courses: candidates.courses,
      heldCourses: [...learner.heldCourses],
      weights: request.weights,
      limits: limits.limits,
      deadlineMs: this.deps.optimiserDeadlineMs,
      workLimit: this.deps.optimiserWorkLimit,
      skillName: (id) => `"${graph.skills.get(id)?.label ?? id}"`,
    };
    const primary = await this.optimise(input);
    const plan = buildPlan(graph, primary, candidates, constraints, gap.required, (id) => describeFit(target.role.title, relevance.fit(id)));

    const alternatives: Recommendation['alternatives'] = [];
    const seen = new Set([primary.chosen.join(',')]);
    const variants: [Recommendation['alternatives'][number]['label'], OptimiseInput][] = [
      // Alternatives show a path, not which limit binds it: no extra solves to find out.
      ['cheapest', { ...input, weights: ALTERNATIVE_WEIGHTS.cheapest, explainBinding: false }],
      ['fastest', { ...input, weights: ALTERNATIVE_WEIGHTS.fastest, explainBinding: false }],
      // What closing the whole gap would take without the hour, budget and deadline limits.
      ['most_coverage', { ...input, limits: { maxSteps: limits.limits.maxSteps }, explainBinding: false }],
    ];
    for (const [label, variant] of variants) {
      if (alternatives.length >= request.alternatives) break;
      const result = await this.optimise(variant);
      const key = result.chosen.join(',');
      if (result.chosen.length === 0 || seen.has(key)) continue;
      // A "cheapest" path that costs as much as the recommended one is no alternative.
      if (label === 'cheapest' && !(result.totals.cost < primary.totals.cost - 1e-9)) continue;
      seen.add(key);
      const alt = buildPlan(graph, result, candidates, constraints, gap.required, (id) => describeFit(target.role.title, relevance.fit(id)));
      alternatives.push({ label, path: alt.steps, totals: alt.totals, coverageAfter: alt.coverageAfter });
    }

    const binding = primary.binding.map((b) => {
      if (b.constraint === 'maxHours' && limits.hoursFrom === 'deadline') {
        const horizon = limits.defaulted.includes('deadlineWeeks') ? `the default horizon of ${DEFAULT_HORIZON_WEEKS} weeks` : 'deadlineWeeks';
        return { constraint: 'deadlineWeeks', detail: `${b.detail.replace('maxHours', `${horizon} × hoursPerWeek (${limits.limits.maxHours} h)`)}${limits.defaulted.includes('deadlineWeeks') ? '; set constraints.deadlineWeeks to plan further ahead' : ''}` };
      }
      if (b.constraint === 'maxSteps' && limits.defaulted.includes('maxSteps')) {
        return { constraint: 'maxSteps', detail: `${b.detail} (the default of ${DEFAULT_MAX_STEPS} steps, a path a person can follow; set constraints.maxSteps for more)` };
      }
      return b;
    });

    return {
      target,
      learner: {
        id: request.learner.id ?? null,
        held: [...learner.held.values()].sort((a, b) => b.confidence - a.confidence || a.skill.id - b.skill.id),
        toConfirm: learner.toConfirm,
        unresolved: learner.unresolved,
      },
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
          .filter((r) => r.status !== 'held' && !open.includes(r) && !plan.coveredBy.has(r.skill.id) && !taught(graph, r.skill.id, constraints, relevance))
          .map((r) => ({ id: r.skill.id, reason: 'no_course' as const })),
      ].map((u) => {
        const skill = skillRef(graph, u.id);
        const detail =
          u.reason === 'no_course'
            ? `No course in the catalog${describeFilters(constraints)} that fits ${target.role.title} teaches "${skill.label}".`
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

/**
 * Limits a person can follow even when the request sets none: at most DEFAULT_MAX_STEPS steps,
 * and with only `hoursPerWeek` given, a horizon of DEFAULT_HORIZON_WEEKS weeks. Both give way
 * to the request's own values and are named in `binding` when they bind.
 */
export const DEFAULT_MAX_STEPS = 8;
export const DEFAULT_HORIZON_WEEKS = 26;

function effectiveLimits(c: Constraints): {
  limits: NonNullable<OptimiseInput['limits']>;
  hoursFrom: 'maxHours' | 'deadline' | null;
  defaulted: ('maxSteps' | 'deadlineWeeks')[];
} {
  const defaulted: ('maxSteps' | 'deadlineWeeks')[] = [];
  let deadlineWeeks = c.deadlineWeeks;
  if (c.hoursPerWeek !== undefined && deadlineWeeks === undefined && c.maxHours === undefined) {
    deadlineWeeks = DEFAULT_HORIZON_WEEKS;
    defaulted.push('deadlineWeeks');
  }
  let maxSteps = c.maxSteps;
  if (maxSteps === undefined) {
    maxSteps = DEFAULT_MAX_STEPS;
    defaulted.push('maxSteps');
  }
  const byDeadline = c.hoursPerWeek !== undefined && deadlineWeeks !== undefined ? c.hoursPerWeek * deadlineWeeks : undefined;
  let maxHours = c.maxHours;
  let hoursFrom: 'maxHours' | 'deadline' | null = maxHours === undefined ? null : 'maxHours';
  if (byDeadline !== undefined && (maxHours === undefined || byDeadline < maxHours)) {
    maxHours = byDeadline;
    hoursFrom = 'deadline';
  }
  return { limits: { maxHours, maxCost: c.maxCost, maxSteps }, hoursFrom, defaulted };
}
