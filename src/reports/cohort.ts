/**
 * A cohort summary over many learners' gap reports for one role: the skills most often
 * missing, the courses that close the most gaps, and every learner's coverage.
 */
import type { CourseRef, RoleSummary, SkillRef } from '../core/catalog.js';
import type { GapReport } from '../core/recommend/reports.js';

export interface CohortLearner {
  learnerId: string;
  reportId: string | null;
  coverageBefore: number | null;
  coverageAfter: number | null;
  steps: number | null;
  hours: number | null;
  cost: number | null;
  error: string | null;
}

export interface CohortSummary {
  role: Pick<RoleSummary, 'id' | 'title' | 'source' | 'code'> | null;
  learners: CohortLearner[];
  averageCoverageBefore: number | null;
  averageCoverageAfter: number | null;
  /** Required skills missing or partly held, by how many learners lack them. */
  missingSkills: { skill: SkillRef; kind: 'essential' | 'optional'; learners: number; share: number }[];
  /** Courses by how many learners' paths include them, and how many gaps they close there. */
  closingCourses: { course: CourseRef; learners: number; gapsClosed: number }[];
}

const TOP = 20;
const mean = (values: number[]) => (values.length === 0 ? null : Number((values.reduce((a, b) => a + b, 0) / values.length).toFixed(4)));

export function summariseCohort(results: { learnerId: string; report?: GapReport; error?: string }[]): CohortSummary {
  const reports = results.flatMap((r) => (r.report ? [r.report] : []));
  const missing = new Map<number, { skill: SkillRef; kind: 'essential' | 'optional'; learners: number }>();
  const courses = new Map<number, { course: CourseRef; learners: number; gapsClosed: number }>();
  for (const { recommendation: r } of reports) {
    for (const req of r.gap.required) {
      if (req.status === 'held') continue;
      const entry = missing.get(req.skill.id) ?? { skill: req.skill, kind: req.kind, learners: 0 };
      entry.learners++;
      missing.set(req.skill.id, entry);
    }
    for (const step of r.path) {
      const entry = courses.get(step.course.id) ?? {
        course: { id: step.course.id, title: step.course.title, provider: step.course.provider },
        learners: 0,
        gapsClosed: 0,
      };
      entry.learners++;
      entry.gapsClosed += step.covers.length;
      courses.set(step.course.id, entry);
    }
  }
  const first = reports[0]?.recommendation.target.role;
  return {
    role: first ? { id: first.id, title: first.title, source: first.source, code: first.code } : null,
    learners: results.map(({ learnerId, report, error }) => ({
      learnerId,
      reportId: report?.id ?? null,
      coverageBefore: report?.recommendation.gap.coverageBefore ?? null,
      coverageAfter: report?.recommendation.gap.coverageAfter ?? null,
      steps: report?.recommendation.totals.steps ?? null,
      hours: report?.recommendation.totals.hours ?? null,
      cost: report?.recommendation.totals.cost ?? null,
      error: error ?? null,
    })),
    averageCoverageBefore: mean(reports.map((r) => r.recommendation.gap.coverageBefore)),
    averageCoverageAfter: mean(reports.map((r) => r.recommendation.gap.coverageAfter)),
    missingSkills: [...missing.values()]
      .sort((a, b) => b.learners - a.learners || (a.kind === b.kind ? 0 : a.kind === 'essential' ? -1 : 1) || a.skill.id - b.skill.id)
      .slice(0, TOP)
      .map((m) => ({ ...m, share: Number((m.learners / Math.max(1, reports.length)).toFixed(4)) })),
    closingCourses: [...courses.values()]
      .sort((a, b) => b.learners - a.learners || b.gapsClosed - a.gapsClosed || a.course.id - b.course.id)
      .slice(0, TOP),
  };
}
