/**
 * A chosen set of courses turned into the path a learner follows: ordered prerequisites first,
 * each step with the skills it covers and why it sits where it does, totals, coverage and the
 * larger credentials the steps stack into.
 */
import type { CourseRef, CourseSummary } from '../catalog.js';
import { orderPath, type OptimiseResult } from '../path/index.js';
import type { Candidates } from './candidates.js';
import { coverage } from './gap.js';
import { qualityOf, type CatalogGraph } from './graph.js';
import { round, skillRef } from './learner.js';
import type { Constraints, PathStep, Recommendation, Totals } from './types.js';

export interface Plan {
  steps: PathStep[];
  totals: Totals;
  coverageAfter: number;
  coveredBy: Map<number, number>;
  stacks: Recommendation['stacks'];
}

export function buildPlan(
  graph: CatalogGraph,
  result: OptimiseResult,
  candidates: Candidates,
  constraints: Constraints,
  required: { skill: { id: number; label: string }; kind: 'essential' | 'optional'; weight: number; credit: number }[],
  /** Why the course belongs in this role's path ("Fits data analyst: 4 of its 6 skills ..."). */
  fitOf: (courseId: number) => string = () => '',
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
      reason: [
        explain(graph, course, covers.map((c) => ({ label: c.skill.label, kind: kindOf.get(c.skill.id) })), placedAfter.get(id) ?? [], neededBy.get(id) ?? []),
        covers.length > 0 ? fitOf(id) : '',
      ]
        .filter(Boolean)
        .join(' '),
      estimated: candidates.estimated.get(id) ?? [],
      startWeek: hpw ? round(start / hpw) : null,
      endWeek: hpw ? round(elapsed / hpw) : null,
      quality: qualityOf(graph, id),
    };
  });

  // Only prices the catalog states have a currency: an estimate (the catalog median) has none
  // of its own, so it never makes a path "mixed".
  const currencies = [...new Set(steps.filter((s) => (s.course.cost ?? 0) > 0).map((s) => s.course.currency).filter((c): c is string => Boolean(c)))].sort();
  const estimatedCostSteps = steps.filter((s) => s.estimated.includes('cost')).length;
  const cost = round(result.totals.cost);
  const totals: Totals = {
    hours: round(result.totals.hours),
    cost,
    // Costs are not converted between currencies: a mixed path says so with a null currency.
    currency: currencies.length === 1 ? currencies[0]! : null,
    steps: steps.length,
    weeks: hpw ? Math.ceil(result.totals.hours / hpw) : null,
    pricedSteps: steps.length - estimatedCostSteps,
    estimatedCostSteps,
    costNote: costNote(cost, currencies, estimatedCostSteps, steps.length),
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

/** The total cost in words, saying how much of it is estimated and whether currencies mix. */
export function costNote(cost: number, currencies: string[], estimated: number, steps: number): string {
  const amount = Number.isInteger(cost) ? String(cost) : cost.toFixed(2);
  if (estimated === 0 && cost === 0) return 'free';
  let money: string;
  if (currencies.length > 1) money = `${amount} in mixed currencies (${currencies.join(', ')}), not converted`;
  else if (currencies.length === 1) money = `${amount} ${currencies[0]}`;
  else money = cost > 0 ? `${amount} (currency unknown)` : amount;
  if (estimated === 0) return money;
  const share = estimated < steps ? `${estimated} of ${steps} prices` : steps === 1 ? 'the price' : `all ${steps} prices`;
  return `about ${money}; ${share} estimated from the catalog median`;
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
