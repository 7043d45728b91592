/**
 * Runs the relevance set (relevance.ts) through the service and tabulates it: all labelled
 * roles, and the `dev` and `check` halves separately (tuning looked at `dev` only, so `check`
 * shows whether it carried over).
 */
import type { CatalogGraph } from '../../src/core/recommend/graph.js';
import type { RecommendationService } from '../../src/core/recommend/recommendation-service.js';
import {
  loadJudgements,
  loadRelevanceRoles,
  pathClaims,
  relevanceMetrics,
  relevanceRequest,
  RELEVANCE_VARIANTS,
  type AnsweredPath,
  type RelevanceMetrics,
} from './relevance.js';

export const RELEVANCE_LOWER_IS_BETTER = new Set(['stepsTeachingNothing', 'offRoleSteps', 'pathsOver8Steps']);

export interface RelevanceResult {
  roles: number;
  sectors: number;
  judgements: number;
  all: RelevanceMetrics;
  dev: RelevanceMetrics;
  check: RelevanceMetrics;
}

export async function evaluateRelevance(service: RecommendationService, graph: CatalogGraph): Promise<RelevanceResult> {
  const roles = loadRelevanceRoles().filter((r) => graph.roleByCode.has(r.code));
  const judgements = loadJudgements();
  const answered: AnsweredPath[] = [];
  for (const role of roles) {
    for (const variant of RELEVANCE_VARIANTS) {
      const answer = await service.recommend(relevanceRequest(role, variant.constraints));
      answered.push({ role, answer, claims: pathClaims(role, answer, graph).steps });
    }
  }
  return {
    roles: roles.length,
    sectors: new Set(roles.map((r) => r.sector)).size,
    judgements: judgements.length,
    all: relevanceMetrics(answered, judgements),
    dev: relevanceMetrics(
      answered.filter((a) => a.role.split === 'dev'),
      judgements,
    ),
    check: relevanceMetrics(
      answered.filter((a) => a.role.split === 'check'),
      judgements,
    ),
  };
}

export function relevanceTable(r: RelevanceResult): string[] {
  const pct = (x: number) => (x * 100).toFixed(1);
  const row = (name: string, m: RelevanceMetrics) =>
    `| ${[
      name,
      m.answers,
      m.claimsSeen,
      pct(m.judgedShare),
      pct(m.teachesAtLeast1),
      pct(m.teaches2),
      pct(m.stepsTeachingNothing),
      `${pct(m.offRoleSteps)} (${pct(m.fitJudgedShare)})`,
      `${m.stepsPerPath.toFixed(1)} / ${m.maxSteps}`,
      pct(m.pathsOver8Steps),
      pct(m.essentialCoverage),
      `${pct(m.goodSkillsCovered)} (${m.goodSkillsN})`,
    ].join(' | ')} |`;
  return [
    `### Relevance of path steps (${r.roles} labelled roles from ${r.sectors} sectors, ${r.judgements} blind judgements; learner with nothing yet, without and with 6 h a week)`,
    '',
    '| roles | paths | claims | judged | teaches ≥ 1 | teaches = 2 | steps teaching none of their claims | off-role steps (steps judged) | steps per path / most | paths over 8 steps | essential gap covered | good skills covered (n) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    row('all', r.all),
    row('dev half', r.dev),
    row('check half', r.check),
    '',
    '"good skills covered": of the essential skills for which the set holds a course judged to teach it substantially and to fit the role, the share the path covers with a claim judged to teach it.',
    '',
  ];
}
