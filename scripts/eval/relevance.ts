/**
 * Set 6 of `npm run eval`: are the steps of a path relevant? Fixed requests for the labelled
 * roles in test/eval/relevance/roles.json are answered by the service, and every claim a path
 * makes ("step S teaches skill K") is looked up in the labelled judgements
 * (test/eval/relevance/judgements.jsonl, written blind by the rubric in RUBRIC.md):
 *
 * - teaches: 2 = a substantial, intended topic; 1 = touched briefly or a neighbouring skill;
 *   0 = incidental word, another meaning, unrelated;
 * - fit: 1 = an advisor would show this course to someone aiming at this role, 0 = not.
 *
 * Claims no judgement covers are counted and reported, never guessed; the pool script
 * (relevance-pool.ts) lists them for the next round of labelling.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogGraph } from '../../src/core/recommend/graph.js';
import type { Recommendation, RecommendRequest } from '../../src/core/recommend/types.js';
import { packageRoot } from '../../src/paths.js';

export const RELEVANCE_DIR = path.join(packageRoot, 'test/eval/relevance');

export interface RelevanceRole {
  source: 'esco' | 'onet';
  code: string;
  title: string;
  sector: string;
  /** `dev`: tuned on; `check`: only reported, to see whether tuning carried over. */
  split: 'dev' | 'check';
}

export interface Judgement {
  role: string;
  skill: string;
  course: string;
  teaches: 0 | 1 | 2;
  fit: 0 | 1;
  /** Titles, so a reader can review the file without a database. */
  roleTitle?: string;
  skillLabel?: string;
  courseTitle?: string;
  round?: number;
}

/** Stable keys, independent of database ids (which depend on load order). */
export const roleKey = (r: { source: string; code: string }) => `${r.source}|${r.code}`;
export const skillKey = (s: { source: string; uri: string }) => `${s.source}|${s.uri}`;
export const courseKey = (c: { source: string; externalId: string }) => `${c.source}|${c.externalId}`;
export const claimKey = (role: string, skill: string, course: string) => `${role}#${skill}#${course}`;
export const fitKey = (role: string, course: string) => `${role}#${course}`;

export function loadRelevanceRoles(): RelevanceRole[] {
  return JSON.parse(readFileSync(path.join(RELEVANCE_DIR, 'roles.json'), 'utf8')) as RelevanceRole[];
}

export function loadJudgements(file = path.join(RELEVANCE_DIR, 'judgements.jsonl')): Judgement[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Judgement);
}

/** The requests answered per role: a learner with nothing yet, without and with a weekly-hours limit. */
export const RELEVANCE_VARIANTS: { name: string; constraints: RecommendRequest['constraints'] }[] = [
  { name: 'no limits', constraints: {} },
  { name: '6 h a week', constraints: { hoursPerWeek: 6 } },
];

export function relevanceRequest(role: RelevanceRole, constraints: RecommendRequest['constraints']): RecommendRequest {
  return { learner: { id: `relevance-${role.code}`, credentials: [], skills: [] }, target: { roleId: role.code }, constraints, alternatives: 0 };
}

export interface PathClaim {
  role: string;
  course: string;
  skill: string;
  roleTitle: string;
  courseTitle: string;
  skillLabel: string;
  position: number;
}

/** Every (step, skill) a path claims, keyed stably. */
export function pathClaims(role: RelevanceRole, answer: Recommendation, graph: CatalogGraph): { steps: PathClaim[][] } {
  const steps = answer.path.map((step) =>
    step.covers.map((c) => ({
      role: roleKey(role),
      course: courseKey(graph.courses.get(step.course.id)!),
      skill: skillKey(c.skill),
      roleTitle: answer.target.role.title,
      courseTitle: step.course.title,
      skillLabel: c.skill.label,
      position: step.position,
    })),
  );
  return { steps };
}

export interface RelevanceMetrics {
  /** Answers (paths) looked at, and the (step, skill) claims they made. */
  answers: number;
  claimsSeen: number;
  /** Share of claims with a teaches judgement. */
  judgedShare: number;
  /** Among judged claims. */
  teachesAtLeast1: number;
  teaches2: number;
  /** Steps whose claims are all judged and all 0 (among steps whose claims are all judged). */
  stepsTeachingNothing: number;
  /** Steps judged not to fit the role (among steps with a fit judgement). */
  offRoleSteps: number;
  /** Steps with a fit judgement, as a share of all steps. */
  fitJudgedShare: number;
  stepsPerPath: number;
  maxSteps: number;
  /** Share of paths with more than 8 steps. */
  pathsOver8Steps: number;
  /** Weighted essential gap covered by the path, transversal skills aside (the system's own view). */
  essentialCoverage: number;
  /**
   * Of the essential gap skills for which the labelled set holds a course judged teaches = 2
   * and fit = 1 (so a good step exists), the share the path covers with a claim judged ≥ 1.
   */
  goodSkillsCovered: number;
  goodSkillsN: number;
}

export interface AnsweredPath {
  role: RelevanceRole;
  answer: Recommendation;
  claims: PathClaim[][];
}

export function relevanceMetrics(answers: AnsweredPath[], judgements: Judgement[]): RelevanceMetrics {
  const teaches = new Map(judgements.map((j) => [claimKey(j.role, j.skill, j.course), j.teaches]));
  const fit = new Map<string, number>();
  for (const j of judgements) fit.set(fitKey(j.role, j.course), j.fit);
  // Skills (per role) for which a good course exists in the labelled set.
  const goodSkills = new Set(judgements.filter((j) => j.teaches === 2 && j.fit === 1).map((j) => `${j.role}#${j.skill}`));

  let claims = 0;
  let judged = 0;
  let ge1 = 0;
  let eq2 = 0;
  let steps = 0;
  let fullyJudgedSteps = 0;
  let nothingSteps = 0;
  let fitJudged = 0;
  let offRole = 0;
  let maxSteps = 0;
  let over8 = 0;
  let coverage = 0;
  let goodN = 0;
  let goodCovered = 0;
  for (const { role, answer, claims: pathSteps } of answers) {
    maxSteps = Math.max(maxSteps, pathSteps.length);
    if (pathSteps.length > 8) over8++;
    // Transversal skills are reported but not planned by default, so they are left out here.
    const essential = answer.gap.required.filter((r) => r.kind === 'essential' && r.status !== 'held' && r.class !== 'transversal');
    const total = essential.reduce((s, r) => s + r.weight, 0);
    coverage += total === 0 ? 1 : essential.filter((r) => r.coveredByStep !== null).reduce((s, r) => s + r.weight, 0) / total;
    const coveredWell = new Set<string>();
    for (const step of pathSteps) {
      steps++;
      let allJudged = true;
      let any = false;
      for (const claim of step) {
        claims++;
        const t = teaches.get(claimKey(claim.role, claim.skill, claim.course));
        if (t === undefined) {
          allJudged = false;
          continue;
        }
        judged++;
        if (t >= 1) {
          ge1++;
          any = true;
          coveredWell.add(claim.skill);
        }
        if (t === 2) eq2++;
      }
      if (allJudged && step.length > 0) {
        fullyJudgedSteps++;
        if (!any) nothingSteps++;
      }
      const f = step[0] ? fit.get(fitKey(step[0].role, step[0].course)) : undefined;
      if (f !== undefined) {
        fitJudged++;
        if (f === 0) offRole++;
      }
    }
    const rk = `${role.source}|${role.code}`;
    for (const r of essential) {
      const sk = `${rk}#${r.skill.source}|${r.skill.uri}`;
      if (!goodSkills.has(sk)) continue;
      goodN++;
      if (coveredWell.has(`${r.skill.source}|${r.skill.uri}`)) goodCovered++;
    }
  }
  const share = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    answers: answers.length,
    claimsSeen: claims,
    judgedShare: share(judged, claims),
    teachesAtLeast1: share(ge1, judged),
    teaches2: share(eq2, judged),
    stepsTeachingNothing: share(nothingSteps, fullyJudgedSteps),
    offRoleSteps: share(offRole, fitJudged),
    fitJudgedShare: share(fitJudged, steps),
    stepsPerPath: share(steps, answers.length),
    maxSteps,
    pathsOver8Steps: share(over8, answers.length),
    essentialCoverage: share(coverage, answers.length),
    goodSkillsCovered: share(goodCovered, goodN),
    goodSkillsN: goodN,
  };
}
