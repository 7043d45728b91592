/**
 * Relevance rules of the engine on a small in-memory catalog with hand-set meanings: courses
 * that do not fit the role, transversal skills, tool inventories, duplicate requirements, and
 * the default limits a person can follow. Each failure class of issue 11 has a case here.
 */
import { describe, expect, it } from 'vitest';
import type { CourseSummary } from '../../src/core/catalog.js';
import { courseQuality } from '../../src/core/recommend/course-quality.js';
import { CourseRelevance, describeFit } from '../../src/core/recommend/course-relevance.js';
import { emptyGraph, push, type CatalogGraph, type GraphRequirement } from '../../src/core/recommend/graph.js';
import { profileRole } from '../../src/core/recommend/role-profile.js';
import type { RecommendRequest } from '../../src/core/recommend/types.js';
import { engineService, testCourse } from '../helpers/engine.js';
import { FakeVectors } from '../helpers/fake-vectors.js';

// Meanings on three axes: nursing, data, music.
const NURSING = [1, 0, 0];
const DATA = [0, 1, 0];
const MUSIC = [0, 0, 1];
const mix = (a: number[], b: number[], w: number) => a.map((x, i) => x * (1 - w) + b[i]! * w);

const NURSE = 1;
const PATIENT_CARE = 10;
const ENGLISH = 11;
const CHART_SOFTWARE = 12;
const ANALYST = 2;
const SQL = 20;
const TABLEAU = 21;
const LOOKER = 22;
const SHEETS = 23;
const MATH_SKILL = 24;
const MATH_KNOWLEDGE = 25;

type Spec = Partial<CourseSummary> & { id: number; teaches: { skillId: number; confidence?: number; kind?: 'title' | 'tag' | 'text' }[]; meaning: number[] };

const req = (skillId: number, kind: 'essential' | 'optional', extra: Partial<GraphRequirement> = {}): GraphRequirement => ({
  skillId,
  kind,
  importance: 1,
  level: null,
  inDemand: false,
  hotTechnology: false,
  ...extra,
});

function catalog(courses: Spec[]): { graph: CatalogGraph; vectors: FakeVectors } {
  const g = emptyGraph();
  const vectors = new FakeVectors(3);
  const skills: [number, string, number[], 'skill' | 'tool'][] = [
    // Care is also part of other work (a payroll clerk's "patient" clients, say): the skill's
    // meaning leans on a second axis, so a course can agree with it and still not be nursing.
    [PATIENT_CARE, 'patient care', [1, 0, 1], 'skill'],
    [ENGLISH, 'English Language', mix(NURSING, DATA, 0.5), 'skill'],
    [CHART_SOFTWARE, 'Epic charting software', NURSING, 'tool'],
    [SQL, 'SQL', DATA, 'tool'],
    [TABLEAU, 'Tableau', DATA, 'tool'],
    [LOOKER, 'Looker', DATA, 'tool'],
    [SHEETS, 'Google Sheets', DATA, 'tool'],
    [MATH_SKILL, 'Mathematics', DATA, 'skill'],
    [MATH_KNOWLEDGE, 'Mathematics', DATA, 'skill'],
  ];
  for (const [id, label, meaning, type] of skills) {
    g.skills.set(id, { id, label, source: 'onet', uri: `s${id}`, group: null, type });
    vectors.set('skills', id, meaning);
  }
  const role = (id: number, title: string, description: string, meaning: number[], requirements: GraphRequirement[]) => {
    g.roles.set(id, { id, source: 'onet', code: `r${id}`, title, altTitles: [], description });
    g.roleByCode.set(`r${id}`, id);
    g.requirements.set(id, requirements);
    vectors.set('roles', id, meaning);
  };
  role(NURSE, 'Registered Nurses', 'Care for patients.', NURSING, [req(PATIENT_CARE, 'essential'), req(ENGLISH, 'essential'), req(CHART_SOFTWARE, 'optional')]);
  // A data role whose source lists tools only, one flagged in demand and one its description names.
  role(ANALYST, 'Data Analysts', 'Query databases and build dashboards in Tableau.', DATA, [
    req(SQL, 'optional', { inDemand: true }),
    req(TABLEAU, 'optional'),
    req(LOOKER, 'optional'),
    req(MATH_SKILL, 'optional', { importance: 0.6 }),
    req(MATH_KNOWLEDGE, 'optional', { importance: 0.8 }),
  ]);
  // Sixty more occupations that all list English as essential: that makes it transversal.
  for (let i = 0; i < 60; i++) role(1000 + i, `Occupation ${i}`, '', MUSIC, [req(ENGLISH, 'essential')]);
  for (const spec of courses) {
    const { teaches, meaning, ...rest } = spec;
    const course = testCourse({ provider: 'Example University', hours: 20, ...rest });
    g.courses.set(course.id, course);
    g.quality.set(course.id, courseQuality(course));
    vectors.set('courses', course.id, meaning);
    for (const t of teaches) {
      push(g.courseSkills, course.id, { skillId: t.skillId, confidence: t.confidence ?? 0.9, evidenceKind: t.kind ?? 'title', span: course.title });
      push(g.coursesBySkill, t.skillId, course.id);
    }
  }
  g.typical = { hours: 20, cost: 50 };
  return { graph: g, vectors };
}

/** Filler courses about music, so the role's spread of similarities has a real median. */
const filler = (from: number, n: number): Spec[] => Array.from({ length: n }, (_, i) => ({ id: from + i, teaches: [], meaning: MUSIC }));

const service = (graph: CatalogGraph, vectors: FakeVectors | null) => engineService(graph, {}, vectors);

const ask = (roleId: number, over: Partial<RecommendRequest> = {}): RecommendRequest => ({
  learner: { credentials: [], skills: [] },
  target: { roleId: `r${roleId}` },
  alternatives: 0,
  ...over,
});

describe('role fit', () => {
  it('leaves out a course whose subject is not the role, even when it names a required skill', async () => {
    const { graph, vectors } = catalog([
      // A payroll course tagged "patient care" by its catalog: cheaper, but about something else.
      { id: 100, title: 'The Payroll Professional', teaches: [{ skillId: PATIENT_CARE, kind: 'title' }], meaning: [0.3, 0, 1], cost: 10 },
      { id: 101, title: 'Foundations of Patient Care', teaches: [{ skillId: PATIENT_CARE }], meaning: mix(NURSING, DATA, 0.1), cost: 90 },
      ...filler(200, 20),
    ]);
    const answer = await service(graph, vectors).recommend(ask(NURSE));
    expect(answer.path.map((s) => s.course.id)).toEqual([101]);
    expect(answer.path[0]!.reason).toMatch(/^Covers patient care \(essential\)\..*Fits Registered Nurses: 1 of its 1 skill is in the role/);

    const relevance = await CourseRelevance.create(graph, vectors, NURSE);
    // It does teach the skill by every other test: only the fit keeps it out.
    expect(relevance.teaches(100, graph.courseSkills.get(100)![0]!)).toBe(true);
    expect(relevance.fit(100).fits).toBe(false);
    expect(relevance.fit(101)).toMatchObject({ fits: true, skillsInRole: 1, skills: 1 });
    expect(describeFit('Registered Nurses', relevance.fit(101))).toContain('Fits Registered Nurses');
  });

  it('takes a prerequisite that does not fit the role, but credits it with nothing for the role', async () => {
    const { graph, vectors } = catalog([
      { id: 100, title: 'Foundations of Patient Care', teaches: [{ skillId: PATIENT_CARE }], meaning: mix(NURSING, DATA, 0.1) },
      // Needed first, and it names patient care too; but it is about something else.
      { id: 101, title: 'Bookkeeping basics', teaches: [{ skillId: PATIENT_CARE }], meaning: [0.3, 0, 1], cost: 0 },
      ...filler(200, 20),
    ]);
    graph.prerequisites.set(100, [101]);
    const answer = await service(graph, vectors).recommend(ask(NURSE));
    expect(answer.path.map((s) => s.course.id)).toEqual([101, 100]);
    expect(answer.path[0]!.covers).toEqual([]);
    expect(answer.path[0]!.reason).not.toContain('Fits');
    expect(answer.path[1]!.covers.map((c) => c.skill.id)).toEqual([PATIENT_CARE]);
  });

  it('answers with an empty path and the reason when no course fits the role', async () => {
    const { graph, vectors } = catalog([
      { id: 100, title: 'The Payroll Professional', teaches: [{ skillId: PATIENT_CARE, kind: 'tag' }], meaning: MUSIC },
      ...filler(200, 20),
    ]);
    const answer = await service(graph, vectors).recommend(ask(NURSE));
    expect(answer.path).toEqual([]);
    expect(answer.uncovered).toContainEqual(expect.objectContaining({ skill: expect.objectContaining({ id: PATIENT_CARE }), reason: 'no_course' }));
    expect(answer.uncovered.find((u) => u.skill.id === PATIENT_CARE)!.detail).toBe(
      'No course in the catalog that fits Registered Nurses teaches "patient care".',
    );
  });

  it('does not plan on a link the course as a whole does not agree with', async () => {
    // A nursing course whose description happens to name SQL once: right word, wrong course.
    const { graph, vectors } = catalog([{ id: 100, title: 'Nursing informatics', teaches: [{ skillId: SQL, kind: 'text', confidence: 0.7 }], meaning: NURSING }, ...filler(200, 5)]);
    const relevance = await CourseRelevance.create(graph, vectors, ANALYST);
    const link = graph.courseSkills.get(100)![0]!;
    expect(relevance.agreement(100, SQL)).toBeCloseTo(0, 5);
    expect(relevance.teaches(100, link)).toBe(false);
  });

  it('falls back to the taxonomy without vectors: a course most of whose skills the role lists', async () => {
    const { graph } = catalog([
      { id: 100, teaches: [{ skillId: PATIENT_CARE }], meaning: NURSING },
      { id: 101, teaches: [{ skillId: PATIENT_CARE }, { skillId: SQL }, { skillId: TABLEAU }], meaning: DATA },
    ]);
    const relevance = await CourseRelevance.create(graph, null, NURSE);
    expect(relevance.fit(100)).toMatchObject({ fits: true, similarity: null });
    expect(relevance.fit(101).fits).toBe(false);
  });
});

describe('what defines the role', () => {
  it('reports a transversal skill, weighted down, and plans it only on request', async () => {
    const { graph, vectors } = catalog([
      { id: 100, title: 'Foundations of Patient Care', teaches: [{ skillId: PATIENT_CARE }], meaning: NURSING },
      { id: 101, title: 'English for Nurses', teaches: [{ skillId: ENGLISH }], meaning: mix(NURSING, DATA, 0.2) },
      ...filler(200, 20),
    ]);
    const answer = await service(graph, vectors).recommend(ask(NURSE));
    const english = answer.gap.required.find((r) => r.skill.id === ENGLISH)!;
    const care = answer.gap.required.find((r) => r.skill.id === PATIENT_CARE)!;
    expect(english).toMatchObject({ class: 'transversal', status: 'missing', coveredByStep: null });
    expect(care.class).toBe('defining');
    expect(english.weight).toBeLessThan(care.weight);
    expect(answer.path.map((s) => s.course.id)).toEqual([100]);

    const asked = await service(graph, vectors).recommend(ask(NURSE, { constraints: { coverTransversal: true } }));
    expect(asked.path.map((s) => s.course.id).sort()).toEqual([100, 101]);
  });

  it('plans a tool inventory only for tools in demand or named by the role, and merges duplicates', async () => {
    const { graph, vectors } = catalog([
      { id: 100, title: 'SQL basics', teaches: [{ skillId: SQL }], meaning: DATA },
      { id: 101, title: 'Tableau dashboards', teaches: [{ skillId: TABLEAU }], meaning: DATA },
      { id: 102, title: 'Looker in a day', teaches: [{ skillId: LOOKER }], meaning: DATA },
      ...filler(200, 20),
    ]);
    const classes = new Map(profileRole(graph, ANALYST).map((r) => [r.skillId, r.class]));
    expect(classes.get(SQL)).toBe('defining'); // flagged in demand
    expect(classes.get(TABLEAU)).toBe('defining'); // named in the role's description
    expect(classes.get(LOOKER)).toBe('tool_inventory');
    // O*NET's Mathematics skill and knowledge area are one requirement, the stronger one.
    expect([...classes.keys()].filter((id) => id === MATH_SKILL || id === MATH_KNOWLEDGE)).toEqual([MATH_KNOWLEDGE]);

    const answer = await service(graph, vectors).recommend(ask(ANALYST));
    expect(answer.path.map((s) => s.course.id).sort()).toEqual([100, 101]);
    const everything = await service(graph, vectors).recommend(ask(ANALYST, { constraints: { coverOptional: true } }));
    expect(everything.path.map((s) => s.course.id).sort()).toEqual([100, 101, 102]);

    // Holding the merged-away id is holding the requirement.
    const learner = { credentials: [], skills: [{ id: String(MATH_SKILL) }] };
    const held = await service(graph, vectors).recommend(ask(ANALYST, { learner }));
    expect(held.gap.required.find((r) => r.skill.id === MATH_KNOWLEDGE)).toMatchObject({ status: 'held' });
  });
});

describe('limits a person can follow', () => {
  const many = () => {
    // Twelve tools in demand, each taught by its own course.
    const { graph, vectors } = catalog([...filler(200, 20)]);
    const reqs: GraphRequirement[] = [];
    for (let i = 0; i < 12; i++) {
      const skillId = 500 + i;
      graph.skills.set(skillId, { id: skillId, label: `Tool ${i}`, source: 'onet', uri: `t${i}`, group: null, type: 'tool' });
      vectors.set('skills', skillId, DATA);
      reqs.push(req(skillId, 'optional', { inDemand: true }));
      const id = 600 + i;
      graph.courses.set(id, { ...graph.courses.get(200)!, id, title: `Tool ${i} course`, externalId: `t${i}`, hours: 10 });
      graph.quality.set(id, graph.quality.get(200)!);
      vectors.set('courses', id, DATA);
      push(graph.courseSkills, id, { skillId, confidence: 0.9, evidenceKind: 'title', span: null });
      push(graph.coursesBySkill, skillId, id);
    }
    graph.requirements.set(ANALYST, reqs);
    return service(graph, vectors);
  };

  it('stops at 8 steps by default and says so, unless the request asks for more', async () => {
    const answer = await many().recommend(ask(ANALYST));
    expect(answer.path).toHaveLength(8);
    expect(answer.binding).toContainEqual({ constraint: 'maxSteps', detail: expect.stringContaining('the default of 8 steps') });
    const more = await many().recommend(ask(ANALYST, { constraints: { maxSteps: 12 } }));
    expect(more.path).toHaveLength(12);
    expect(more.binding).toEqual([]);
  });

  it('plans within 26 weeks when only hours per week are given', async () => {
    // 3 h a week × 26 weeks = 78 h: seven 10-hour courses.
    const answer = await many().recommend(ask(ANALYST, { constraints: { hoursPerWeek: 3 } }));
    expect(answer.path).toHaveLength(7);
    expect(answer.totals.hours).toBeLessThanOrEqual(78);
    expect(answer.binding).toContainEqual({ constraint: 'deadlineWeeks', detail: expect.stringContaining('the default horizon of 26 weeks') });
    const later = await many().recommend(ask(ANALYST, { constraints: { hoursPerWeek: 3, deadlineWeeks: 40 } }));
    expect(later.path).toHaveLength(8);
  });
});
