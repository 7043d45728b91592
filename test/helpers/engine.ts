/**
 * The recommendation engine on an in-memory graph, for the fast test tier: a course with
 * sensible defaults, and a service whose snapshot is that graph (and, optionally, hand-set
 * vectors). An id-based target and a learner with nothing to resolve never search, extract or
 * read badges, so those throw if a test reaches them.
 */
import { type CourseSummary, emptyCorpus } from '../../src/core/catalog.js';
import type { VectorIndex } from '../../src/core/ports.js';
import { courseQuality } from '../../src/core/recommend/course-quality.js';
import { emptyGraph, push, type CatalogGraph } from '../../src/core/recommend/graph.js';
import { RecommendationService, type RecommendationDeps } from '../../src/core/recommend/recommendation-service.js';
import type { RecommendRequest } from '../../src/core/recommend/types.js';
import { type SearchSnapshot } from '../../src/core/search/corpus.js';
import { PhraseDictionary } from '../../src/core/search/phrase-dictionary.js';
import { FakeVectors } from './fake-vectors.js';

export function testCourse(spec: Partial<CourseSummary> & { id: number }): CourseSummary {
  return {
    title: `Course ${spec.id}`,
    provider: 'Example Learning',
    source: 't',
    externalId: `c${spec.id}`,
    description: '',
    url: null,
    hours: 10,
    cost: 50,
    currency: 'USD',
    level: 'beginner',
    language: 'en',
    format: null,
    credentialType: 'course',
    issuer: null,
    ...spec,
  };
}

export function engineService(graph: CatalogGraph, deps: Partial<RecommendationDeps> = {}, vectors: VectorIndex | null = null): RecommendationService {
  const snapshot: SearchSnapshot = { corpus: emptyCorpus(), lexical: {} as never, phrases: PhraseDictionary.build([]), vectors, graph };
  const unused = () => {
    throw new Error('not expected in this test');
  };
  return new RecommendationService({
    snapshot: () => snapshot,
    search: { search: unused } as never,
    extractor: {} as never,
    readBadge: unused,
    modelId: () => null,
    optimiserDeadlineMs: 10_000,
    optimiserWorkLimit: 20_000,
    ...deps,
  });
}

/** The analyst role of the small graphs: two essential skills, SQL and chart design. */
export const SQL = 1;
export const CHARTS = 2;
export const ROLE = 100;

export type CourseSpec = Partial<CourseSummary> & { id: number; skills: number[] };

/** The analyst role and these courses, each teaching its `skills` (catalog tags). */
export function analystGraph(courses: CourseSpec[], typical = { hours: 20, cost: 30 }): CatalogGraph {
  const g = emptyGraph();
  for (const [id, label] of [[SQL, 'SQL'], [CHARTS, 'Chart design']] as const) g.skills.set(id, { id, label, source: 't', uri: `u${id}`, group: null });
  g.roles.set(ROLE, { id: ROLE, source: 't', code: 'analyst', title: 'Analyst', altTitles: [], description: '' });
  g.roleByCode.set('analyst', ROLE);
  g.requirements.set(ROLE, [
    { skillId: SQL, kind: 'essential', importance: 1, level: null, inDemand: false, hotTechnology: false },
    { skillId: CHARTS, kind: 'essential', importance: 1, level: null, inDemand: false, hotTechnology: false },
  ]);
  for (const { skills, ...spec } of courses) {
    const course = testCourse(spec);
    g.courses.set(course.id, course);
    g.quality.set(course.id, courseQuality(course));
    for (const skillId of skills) {
      push(g.courseSkills, course.id, { skillId, confidence: 0.9, evidenceKind: 'tag', span: null });
      push(g.coursesBySkill, skillId, course.id);
    }
  }
  g.typical = typical;
  return g;
}

/** A request for the analyst role from a learner who holds nothing. */
export const analystRequest = (over: Partial<RecommendRequest> = {}): RecommendRequest => ({
  learner: { credentials: [], skills: [] },
  target: { roleId: 'analyst' },
  alternatives: 3,
  ...over,
});

/**
 * Meanings for an analyst graph: the role, its skills and every course mean "data", so each
 * course teaches and fits the role by its vectors as well as its tags. Fit is read against the
 * spread of the catalog (0 at the median course), so the graph gains `filler` untagged courses
 * about something else, ids from 900 up, that put the median far from the role.
 */
export function analystVectors(graph: CatalogGraph, filler = 10): FakeVectors {
  const DATA = [1, 0];
  const vectors = new FakeVectors(2).set('roles', ROLE, DATA);
  for (const id of graph.skills.keys()) vectors.set('skills', id, DATA);
  for (const id of graph.courses.keys()) vectors.set('courses', id, DATA);
  for (let id = 900; id < 900 + filler; id++) {
    const course = testCourse({ id, title: `Watercolour ${id}` });
    graph.courses.set(id, course);
    graph.quality.set(id, courseQuality(course));
    vectors.set('courses', id, [0, 1]);
  }
  return vectors;
}
