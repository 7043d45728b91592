import { describe, expect, it } from 'vitest';
import type { CourseSummary } from '../../src/core/catalog.js';
import { optimisePath } from '../../src/core/path/index.js';
import { buildCandidates, MIN_HOURS_FOR_ESSENTIAL } from '../../src/core/recommend/candidates.js';
import { courseQuality } from '../../src/core/recommend/course-quality.js';
import { CourseRelevance } from '../../src/core/recommend/course-relevance.js';
import { emptyGraph, push, type CatalogGraph } from '../../src/core/recommend/graph.js';

const ESSENTIAL = 1;
const OPTIONAL = 2;
const ROLE = 100;

function summary(id: number, title: string, hours: number | null, cost: number, credentialType: string): CourseSummary {
  return {
    id,
    title,
    provider: 'Example Learning',
    source: 'test',
    externalId: `c${id}`,
    description: '',
    url: null,
    hours,
    cost,
    currency: 'USD',
    level: 'beginner',
    language: 'en',
    format: null,
    credentialType,
    issuer: null,
  };
}

/** A 1.5-hour guided project that teaches both skills cheaply, and a 20-hour course that teaches the essential one. */
function graph(projectHours: number | null = 1.5): CatalogGraph {
  const g = emptyGraph();
  for (const [id, label] of [[ESSENTIAL, 'SQL'], [OPTIONAL, 'Tableau']] as const) g.skills.set(id, { id, label, source: 't', uri: `u${id}`, group: null });
  const add = (c: CourseSummary, skills: number[]) => {
    g.courses.set(c.id, c);
    g.quality.set(c.id, courseQuality(c));
    for (const skillId of skills) {
      push(g.courseSkills, c.id, { skillId, confidence: 0.9, evidenceKind: 'tag', span: null });
      push(g.coursesBySkill, skillId, c.id);
    }
  };
  add(summary(10, 'SQL in 90 minutes', projectHours, 10, 'guided-project'), [ESSENTIAL, OPTIONAL]);
  add(summary(11, 'Databases and SQL', 20, 49, 'course'), [ESSENTIAL]);
  g.typical = { hours: 10, cost: 40 };
  g.roles.set(ROLE, { id: ROLE, source: 't', code: 'r', title: 'Analyst', altTitles: [], description: '' });
  g.requirements.set(ROLE, [ESSENTIAL, OPTIONAL].map((skillId) => ({ skillId, kind: skillId === ESSENTIAL ? 'essential' : 'optional', importance: 1, level: null, inDemand: false, hotTechnology: false })));
  return g;
}

/** Without vectors, relevance falls back to the taxonomy: both courses teach only the role's skills. */
const relevance = (g: CatalogGraph) => CourseRelevance.create(g, null, ROLE);

describe('buildCandidates', () => {
  it(`does not let a course under ${MIN_HOURS_FOR_ESSENTIAL} h close an essential skill, though it may cover an optional one`, async () => {
    const g = graph();
    const c = buildCandidates(g, new Set([ESSENTIAL]), new Set([ESSENTIAL, OPTIONAL]), {}, new Set(), new Set([ESSENTIAL]), await relevance(g));
    const byId = new Map(c.courses.map((x) => [x.id, x]));
    expect(byId.get(11)!.skills).toEqual([ESSENTIAL]);
    // The project is not even a candidate for the essential skill, and credits no essential skill.
    expect(byId.get(10)).toBeUndefined();
    expect(c.evidence.has(`10:${ESSENTIAL}`)).toBe(false);

    // The cheaper project would win on price alone; the path takes the real course.
    const result = await optimisePath({ skills: [{ id: ESSENTIAL, weight: 1 }], courses: c.courses });
    expect(result.chosen).toEqual([11]);

    // Planning for optional skills too, the project may cover the optional one.
    const both = buildCandidates(g, new Set([ESSENTIAL, OPTIONAL]), new Set([ESSENTIAL, OPTIONAL]), {}, new Set(), new Set([ESSENTIAL]), await relevance(g));
    expect(both.courses.find((x) => x.id === 10)!.skills).toEqual([OPTIONAL]);
  });

  it('leaves the essential skill uncovered rather than closed by the project alone', async () => {
    const g = graph();
    g.courses.delete(11);
    g.coursesBySkill.set(ESSENTIAL, [10]);
    const c = buildCandidates(g, new Set([ESSENTIAL]), new Set([ESSENTIAL]), {}, new Set(), new Set([ESSENTIAL]), await relevance(g));
    expect(c.courses.flatMap((x) => x.skills)).toEqual([]);
  });

  it('holds only known hours to the minimum', async () => {
    const c = buildCandidates(graph(null), new Set([ESSENTIAL]), new Set([ESSENTIAL]), {}, new Set(), new Set([ESSENTIAL]), await relevance(graph(null)));
    expect(c.courses.find((x) => x.id === 10)!.skills).toEqual([ESSENTIAL]);
    expect(c.estimated.get(10)).toEqual(['hours']);
  });

  it("passes each candidate's quality score to the optimiser", async () => {
    const g = graph();
    const c = buildCandidates(g, new Set([ESSENTIAL]), new Set([ESSENTIAL]), {}, new Set(), new Set([ESSENTIAL]), await relevance(g));
    expect(c.courses.find((x) => x.id === 11)!.quality).toBe(g.quality.get(11)!.score);
  });
});
