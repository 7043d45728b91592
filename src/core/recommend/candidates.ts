/**
 * Which courses a plan may use: for each gap skill, the best-evidenced courses that the
 * learner's filters allow, plus their prerequisites, each with the evidence linking it to the
 * skills it teaches.
 */
import type { CourseSummary } from '../catalog.js';
import { looksEnglish } from '../text.js';
import type { CandidateCourse } from '../path/index.js';
import { TEACHES_MIN_CONFIDENCE, type CourseRelevance } from './course-relevance.js';
import { LEVEL_RANK, qualityOf, type CatalogGraph } from './graph.js';
import { round } from './learner.js';
import type { Constraints, Evidence } from './types.js';

export { TEACHES_MIN_CONFIDENCE };
/** Candidates kept per gap skill (best evidence, then cheapest): bounds the optimisation size. */
export const CANDIDATES_PER_SKILL = 25;
/**
 * A course shorter than this (in known hours) does not close an essential skill on its own: a
 * one-hour guided project shows a tool, it does not make someone job-ready in it. It may still
 * cover optional skills. Courses of unknown length are not held to it.
 */
export const MIN_HOURS_FOR_ESSENTIAL = 2;

/** Where in the catalog entry a link's evidence was found, as a person reads it. */
const EVIDENCE_PLACE = { title: 'course title', tag: 'catalog tag', alignment: 'catalog alignment', outcome: 'stated outcome', text: 'course description' } as const;

export interface Candidates {
  courses: CandidateCourse[];
  estimated: Map<number, ('hours' | 'cost')[]>;
  /** `course:skill` → the evidence linking the course to the skill. */
  evidence: Map<string, Evidence>;
  /** Course → open skills it teaches that the plan did not aim for (optional ones). */
  also: Map<number, number[]>;
}

/** Whether any course that fits the role and the constraints allow teaches the skill. */
export function taught(graph: CatalogGraph, skillId: number, constraints: Constraints, relevance: CourseRelevance): boolean {
  return (graph.coursesBySkill.get(skillId) ?? []).some((courseId) => {
    const link = graph.courseSkills.get(courseId)!.find((l) => l.skillId === skillId)!;
    return relevance.teaches(courseId, link) && relevance.fit(courseId).fits && allowedBy(constraints, graph.courses.get(courseId)!);
  });
}

export function describeFilters(c: Constraints): string {
  const parts = [
    c.includeProviders?.length ? `from ${c.includeProviders.join(', ')}` : '',
    c.excludeProviders?.length ? `outside ${c.excludeProviders.join(', ')}` : '',
    c.levels?.length ? `at level ${c.levels.join('/')}` : '',
    c.languages?.length ? `in ${c.languages.join('/')}` : '',
    c.formats?.length ? `as ${c.formats.join('/')}` : '',
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Per course object (one per snapshot): tokenising a description once, not per request. */
const englishCache = new WeakMap<CourseSummary, boolean>();
function readsEnglish(course: CourseSummary): boolean {
  let english = englishCache.get(course);
  if (english === undefined) englishCache.set(course, (english = looksEnglish(`${course.title} ${course.description}`)));
  return english;
}

export function allowedBy(c: Constraints, course: CourseSummary): boolean {
  const provider = course.provider.toLowerCase();
  if (c.includeProviders?.length && !c.includeProviders.some((p) => p.toLowerCase() === provider)) return false;
  if (c.excludeProviders?.some((p) => p.toLowerCase() === provider)) return false;
  // A level constraint is kept strictly: a course of unknown level might be anything.
  if (c.levels?.length && (course.level === null || !c.levels.includes(course.level))) return false;
  // Unknown language or format is allowed: most catalogs that omit them are English and online.
  // But a course whose catalog gives no language and whose text plainly is not English (a
  // Portuguese course in an English-tagged catalog) is not offered where only English is asked.
  if (c.languages?.length && course.language !== null && !c.languages.some((l) => course.language!.toLowerCase().startsWith(l.toLowerCase()))) return false;
  if (c.languages?.length && course.language === null && c.languages.every((l) => /^en/i.test(l)) && !readsEnglish(course)) return false;
  if (c.formats?.length && course.format !== null && !c.formats.includes(course.format)) return false;
  return true;
}

/**
 * Courses worth considering: for each skill to plan for, the best-evidenced and cheapest that
 * teach it, plus their prerequisites. Each candidate also records every open gap skill it
 * teaches (planned or not), so the plan can credit optional skills covered along the way.
 */
export function buildCandidates(
  graph: CatalogGraph,
  gapSkills: Set<number>,
  openSkills: Set<number>,
  constraints: Constraints,
  heldCourses: Set<number>,
  essentialSkills: Set<number>,
  relevance: CourseRelevance,
): Candidates {
  const estimated = new Map<number, ('hours' | 'cost')[]>();
  const evidence = new Map<string, Evidence>();
  const also = new Map<number, number[]>();
  const hoursOf = (c: CourseSummary) => c.hours ?? graph.typical.hours;
  const costOf = (c: CourseSummary) => c.cost ?? graph.typical.cost;
  const tooShortFor = (c: CourseSummary, skillId: number) => essentialSkills.has(skillId) && c.hours !== null && c.hours < MIN_HOURS_FOR_ESSENTIAL;
  const effort = (c: CourseSummary) => hoursOf(c) / (graph.typical.hours || 1) + costOf(c) / (graph.typical.cost || 1);

  const chosen = new Set<number>();
  for (const skillId of gapSkills) {
    const teaching: { id: number; confidence: number; course: CourseSummary }[] = [];
    for (const courseId of graph.coursesBySkill.get(skillId) ?? []) {
      if (heldCourses.has(courseId)) continue;
      const course = graph.courses.get(courseId)!;
      const link = graph.courseSkills.get(courseId)!.find((l) => l.skillId === skillId)!;
      // A course must really teach the skill and belong in front of someone aiming at this role.
      if (!relevance.teaches(courseId, link) || !allowedBy(constraints, course) || tooShortFor(course, skillId) || !relevance.fit(courseId).fits) continue;
      // One scale for all: a course not yet embedded ranks as a bare pass, not by its raw confidence.
      teaching.push({ id: courseId, confidence: relevance.strength(courseId, link)?.substantial ?? Math.min(link.confidence, relevance.tuning.substantialMin), course });
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
    // A prerequisite that does not fit the role may be taken, but covers nothing for it.
    const fits = relevance.fit(id).fits;
    for (const link of fits ? (graph.courseSkills.get(id) ?? []) : []) {
      if (!openSkills.has(link.skillId) || !relevance.teaches(id, link) || tooShortFor(course, link.skillId)) continue;
      (gapSkills.has(link.skillId) ? skills : alsoTeaches).push(link.skillId);
      const agreement = relevance.agreement(id, link.skillId);
      const strength = relevance.strength(id, link);
      evidence.set(`${id}:${link.skillId}`, {
        kind: link.evidenceKind,
        detail: `${EVIDENCE_PLACE[link.evidenceKind]}: "${link.span ?? graph.skills.get(link.skillId)?.label ?? ''}"${agreement === null ? '' : `; the course's meaning agrees with the skill (${agreement.toFixed(2)})`}`,
        // Calibrated: the share of such claims judged to teach the skill (docs/EVALUATION.md).
        confidence: round(strength?.touched ?? link.confidence),
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
      quality: qualityOf(graph, id).score,
    };
  });
  return { courses, estimated, evidence, also };
}

