import type { GapReport } from '../core/recommend/reports.js';
import type { Evidence, PathStep } from '../core/recommend/types.js';
import { toCsv } from './csv.js';

const price = (amount: number, currency: string | null) => `${amount}${currency ? ` ${currency}` : ''}`;

/** The catalog's price; a missing one was planned at the catalog median. */
const stepCost = (step: PathStep) => (step.course.cost === null ? 'not stated (catalog median assumed)' : price(step.course.cost, step.course.currency));

/**
 * One row per required skill: its status, weight, evidence and the path step that covers it,
 * with that course's credibility score and signals and its price; every row repeats the path's
 * cost note, which says how much of the total is estimated.
 */
export function gapReportCsv(report: GapReport): string {
  const r = report.recommendation;
  const header = [
    ...['skill', 'skill_source', 'skill_uri', 'kind', 'weight', 'status', 'evidence', 'covered_by_step', 'course', 'provider'],
    ...['course_quality', 'course_quality_signals', 'course_cost', 'path_cost', 'possibly_held'],
  ];
  // Gap skills the learner's text may mean: they stay in the gap until confirmed.
  const toConfirm = new Map((r.learner.toConfirm ?? []).map((c) => [c.skill.id, c]));
  const t = r.totals;
  // Reports stored before the cost note existed show the plain sum.
  const pathCost = t.costNote ?? price(t.cost, t.currency);
  const rows = r.gap.required.map((req) => {
    const step = req.coveredByStep === null ? undefined : r.path[req.coveredByStep - 1];
    return [
      req.skill.label,
      req.skill.source,
      req.skill.uri,
      req.kind,
      req.weight,
      req.status,
      req.evidence.map(evidenceText).join('; '),
      req.coveredByStep,
      step?.course.title,
      step?.course.provider,
      step?.quality?.score,
      step?.quality?.summary,
      step && stepCost(step),
      pathCost,
      toConfirm.has(req.skill.id) ? `confirm: "${toConfirm.get(req.skill.id)!.span.text}" (confidence ${toConfirm.get(req.skill.id)!.confidence})` : null,
    ];
  });
  return toCsv(header, rows);
}

/** "text: "reset passwords" (characters 40–55, confidence 0.81)" — the span only where the learner's text gave it. */
function evidenceText(e: Evidence): string {
  return e.span ? `${e.kind}: ${e.detail} (characters ${e.span.start}–${e.span.end}, confidence ${e.confidence})` : `${e.kind}: ${e.detail}`;
}
