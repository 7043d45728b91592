import type { GapReport } from '../core/recommend/reports.js';
import { toCsv } from './csv.js';

/**
 * One row per required skill: its status, weight, evidence and the path step that covers it,
 * with that course's credibility score and signals.
 */
export function gapReportCsv(report: GapReport): string {
  const r = report.recommendation;
  const header = ['skill', 'skill_source', 'skill_uri', 'kind', 'weight', 'status', 'evidence', 'covered_by_step', 'course', 'provider', 'course_quality', 'course_quality_signals'];
  const rows = r.gap.required.map((req) => {
    const step = req.coveredByStep === null ? undefined : r.path[req.coveredByStep - 1];
    return [
      req.skill.label,
      req.skill.source,
      req.skill.uri,
      req.kind,
      req.weight,
      req.status,
      req.evidence.map((e) => `${e.kind}: ${e.detail}`).join('; '),
      req.coveredByStep,
      step?.course.title,
      step?.course.provider,
      step?.quality?.score,
      step?.quality?.summary,
    ];
  });
  return toCsv(header, rows);
}
