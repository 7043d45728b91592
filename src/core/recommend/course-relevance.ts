/**
 * Is a course worth a step for this learner's target role? Two questions, both calibrated on
 * the labelled relevance set (test/eval/relevance, docs/EVALUATION.md):
 *
 * - teaches: the course → skill link rests on central evidence (title, catalog tag, stated
 *   outcome, a repeated phrase: confidence ≥ TEACHES_MIN_CONFIDENCE) *and* the course as a
 *   whole means something close to the skill (cosine of their vectors ≥ agreementMin). The
 *   second test is what catches a right word in the wrong course ("manage data" in a mobile
 *   app course, "SAS" in a radio-spectrum course): on the labelled set it lifted the share of
 *   planned claims judged to teach their skill from about 83% to about 93%.
 * - fits: the course's meaning is close to the role's. On the labelled set the cosine of the
 *   two vectors separated courses an advisor would show from the rest far better than the share
 *   of the course's skills that the role lists (AUC 0.87 against 0.62). How close is close
 *   differs by role (a role title like "Registered Nurses" sits far from every course text),
 *   so the cosine is read relative to the role's own spread: 0 at the median course, 1 at the
 *   closest course. At fitMin 0.6 (with an absolute floor) about 94% of the courses it admitted
 *   on the dev half were judged to fit, with more recall than a fixed cosine of the same precision.
 *
 * Without vectors (no model loaded) both fall back to the taxonomy alone, more strictly: a
 * stronger link, and a course most of whose skills the role requires.
 */
import type { VectorIndex } from '../ports.js';
import type { CatalogGraph, GraphCourseSkill } from './graph.js';
import { dot } from '../vectors.js';
import { VectorReader } from '../search/vector-reader.js';

/** A link below this confidence is a mention, never planned on (the linker's central/passing line). */
export const TEACHES_MIN_CONFIDENCE = 0.6;

/**
 * How likely a link is to be judged a substantial, intended topic of the course (teaches = 2)
 * or at least a real topic (teaches ≥ 1): logistic models over where the evidence was found and
 * how well the course's meaning agrees with the skill's, fitted on the labelled claims of the
 * `dev` roles (docs/EVALUATION.md). Titles are the surest evidence; a catalog tag on a broad
 * course often names one module of many, so a tag needs closer agreement to count as much.
 */
interface LogisticModel {
  intercept: number;
  kind: Record<'title' | 'tag' | 'alignment' | 'outcome' | 'text', number>;
  agreement: number;
}

export const TEACHING_MODEL: { substantial: LogisticModel; atLeastTouched: LogisticModel; centre: number } = {
  substantial: { intercept: 0.338, kind: { title: 0, alignment: 0, tag: -1.264, outcome: -0.324, text: -0.824 }, agreement: 8.048 },
  atLeastTouched: { intercept: 2.17, kind: { title: 0, alignment: 0, tag: -0.354, outcome: 1.503, text: -0.409 }, agreement: 8.312 },
  /** Agreement is centred here in both models. */
  centre: 0.55,
};

/** Calibrated chances that a link really teaches its skill. */
export interface TeachingStrength {
  /** P(judged teaches ≥ 1): the confidence a step shows for the skill. */
  touched: number;
  /** P(judged teaches = 2): what planning requires and ranks by. */
  substantial: number;
}

export interface RelevanceTuning {
  /** Cosine between a skill's and a course's vectors for the course to count as teaching it. */
  agreementMin: number;
  /** P(teaches = 2) a link needs to be planned on. */
  substantialMin: number;
  /** Relative closeness (0 = the median course, 1 = the closest) for a course to fit the role. */
  fitMin: number;
  /** ... and never below this cosine, so a role no course is about gets no "closest" course. */
  fitFloor: number;
  /** Without vectors: link confidence needed, and share of the course's skills in the role. */
  lexicalTeachesMin: number;
  lexicalFitShare: number;
}

/** Tuned on the `dev` half of the labelled roles (docs/EVALUATION.md). */
export const DEFAULT_RELEVANCE: RelevanceTuning = { agreementMin: 0.45, substantialMin: 0.55, fitMin: 0.6, fitFloor: 0.3, lexicalTeachesMin: 0.75, lexicalFitShare: 0.5 };

export interface RoleFit {
  fits: boolean;
  /** Cosine of the course and role meanings, when vectors are loaded. */
  similarity: number | null;
  /** The same, relative to the role's spread: 0 at the median course, 1 at the closest. */
  closeness: number | null;
  /** The course's planned-strength skills, and how many of them the role requires. */
  skillsInRole: number;
  skills: number;
}

export class CourseRelevance {
  private readonly fitCache = new Map<number, RoleFit>();
  private readonly roleSkills: Set<number>;

  private constructor(
    private readonly graph: CatalogGraph,
    /** The index's vectors, fetched (see `create`); null without vectors. */
    private readonly vectors: VectorReader | null,
    private readonly roleId: number,
    private readonly roleVector: Float32Array | null,
    private readonly roleSpread: { top: number; median: number } | null,
    readonly tuning: RelevanceTuning,
  ) {
    // The role's skills, with their equivalents in other taxonomies.
    this.roleSkills = new Set<number>();
    for (const req of graph.requirements.get(roleId) ?? []) {
      this.roleSkills.add(req.skillId);
      for (const other of graph.equivalent.get(req.skillId) ?? []) this.roleSkills.add(other);
    }
  }

  /**
   * Relevance for one role. Fetches what its questions read: every course's vector and every
   * linked skill's, once per catalog and index version, and the role's own vector and spread.
   */
  static async create(graph: CatalogGraph, index: VectorIndex | null, roleId: number, tuning: RelevanceTuning = DEFAULT_RELEVANCE): Promise<CourseRelevance> {
    if (!index) return new CourseRelevance(graph, null, roleId, null, null, tuning);
    const vectors = VectorReader.of(index);
    await catalogVectors(graph, vectors);
    await vectors.ensure({ roles: [roleId] });
    const role = vectors.get('roles', roleId);
    const spread = role ? await roleSpread(graph, vectors, roleId, role) : null;
    return new CourseRelevance(graph, vectors, roleId, role, spread, tuning);
  }

  /** How close the course's meaning is to the skill's, or null without vectors. */
  agreement(courseId: number, skillId: number): number | null {
    if (!this.vectors) return null;
    // The same for every role and request on this index: computed once per link, as a request
    // may test thousands of links.
    let byLink = agreementCache.get(this.vectors);
    if (!byLink) agreementCache.set(this.vectors, (byLink = new Map()));
    const key = courseId * LINK_KEY + skillId;
    if (byLink.has(key)) return byLink.get(key)!;
    const course = this.vectors.get('courses', courseId);
    const skill = this.vectors.get('skills', skillId);
    const agreement = course && skill ? dot(course, skill) : null;
    byLink.set(key, agreement);
    return agreement;
  }

  /** Calibrated strength of a link, or null without vectors (then only its confidence speaks). */
  strength(courseId: number, link: GraphCourseSkill): TeachingStrength | null {
    const agreement = this.agreement(courseId, link.skillId);
    if (agreement === null) return null;
    const p = (m: LogisticModel) =>
      round(1 / (1 + Math.exp(-(m.intercept + m.kind[link.evidenceKind] + m.agreement * (agreement - TEACHING_MODEL.centre)))));
    return { touched: p(TEACHING_MODEL.atLeastTouched), substantial: p(TEACHING_MODEL.substantial) };
  }

  /** Whether this link is strong enough to plan a step on. */
  teaches(courseId: number, link: GraphCourseSkill): boolean {
    if (link.confidence < TEACHES_MIN_CONFIDENCE) return false;
    const agreement = this.agreement(courseId, link.skillId);
    if (agreement === null) return link.confidence >= this.tuning.lexicalTeachesMin;
    return agreement >= this.tuning.agreementMin && this.strength(courseId, link)!.substantial >= this.tuning.substantialMin;
  }

  fit(courseId: number): RoleFit {
    const cached = this.fitCache.get(courseId);
    if (cached) return cached;
    const strong = (this.graph.courseSkills.get(courseId) ?? []).filter((l) => l.confidence >= TEACHES_MIN_CONFIDENCE);
    const skillsInRole = strong.filter((l) => this.roleSkills.has(l.skillId)).length;
    const role = this.roleVector;
    const course = this.vectors?.get('courses', courseId) ?? null;
    const similarity = role && course ? round(dot(role, course)) : null;
    const spread = similarity !== null ? this.roleSpread : null;
    const closeness = similarity !== null && spread ? round((similarity - spread.median) / Math.max(1e-6, spread.top - spread.median)) : null;
    const fits =
      similarity !== null && closeness !== null
        ? closeness >= this.tuning.fitMin && similarity >= this.tuning.fitFloor
        : skillsInRole >= 1 && skillsInRole / strong.length >= this.tuning.lexicalFitShare;
    const result = { fits, similarity, closeness, skillsInRole, skills: strong.length };
    this.fitCache.set(courseId, result);
    return result;
  }
}

/**
 * The closest course's cosine to a role and the median course's, once per role and index
 * version. The median is taken over a fixed stride of at most SPREAD_SAMPLE courses: exact
 * enough for a threshold, and a few milliseconds instead of reading every vector.
 */
const SPREAD_SAMPLE = 1000;
/** Course–skill agreement per index version, keyed courseId × LINK_KEY + skillId (ids stay far below it). */
const LINK_KEY = 1 << 24;
const agreementCache = new WeakMap<VectorReader, Map<number, number | null>>();
const spreadCache = new WeakMap<CatalogGraph, WeakMap<VectorReader, Map<number, { top: number; median: number } | null>>>();
const fetched = new WeakMap<CatalogGraph, WeakMap<VectorReader, Promise<unknown>>>();

/** Every course's vector and every linked skill's, once per catalog snapshot and index version. */
function catalogVectors(graph: CatalogGraph, vectors: VectorReader): Promise<unknown> {
  let byReader = fetched.get(graph);
  if (!byReader) fetched.set(graph, (byReader = new WeakMap()));
  let done = byReader.get(vectors);
  if (!done) {
    const skills = new Set<number>();
    for (const links of graph.courseSkills.values()) for (const link of links) skills.add(link.skillId);
    done = vectors.ensure({ courses: graph.courses.keys(), skills });
    byReader.set(vectors, done);
  }
  return done;
}

async function roleSpread(graph: CatalogGraph, vectors: VectorReader, roleId: number, role: Float32Array): Promise<{ top: number; median: number } | null> {
  // Per graph and index: a snapshot rebuilt over the same index with another catalog has
  // another median, and the answer must not depend on which one a process saw first.
  let byIndex = spreadCache.get(graph);
  if (!byIndex) spreadCache.set(graph, (byIndex = new WeakMap()));
  let byRole = byIndex.get(vectors);
  if (!byRole) byIndex.set(vectors, (byRole = new Map()));
  if (byRole.has(roleId)) return byRole.get(roleId)!;
  const [top] = await vectors.index.search('courses', role, 1, (id) => graph.courses.has(id));
  const ids = [...graph.courses.keys()];
  const stride = Math.max(1, Math.floor(ids.length / SPREAD_SAMPLE));
  const sims: number[] = [];
  for (let i = 0; i < ids.length; i += stride) {
    const v = vectors.get('courses', ids[i]!);
    if (v) sims.push(dot(role, v));
  }
  if (!top || sims.length === 0) {
    byRole.set(roleId, null);
    return null;
  }
  sims.sort((a, b) => a - b);
  const spread = { top: top.score, median: sims[Math.floor(sims.length / 2)]! };
  byRole.set(roleId, spread);
  return spread;
}

/** "Fits data analyst: 4 of its 6 skills are in the role, its subject is among the closest to the role's (fit 0.81)." */
export function describeFit(roleTitle: string, fit: RoleFit): string {
  if (!fit.fits) return '';
  const parts: string[] = [];
  if (fit.skills > 0) parts.push(`${fit.skillsInRole} of its ${fit.skills} skill${fit.skills === 1 ? '' : 's'} ${fit.skillsInRole === 1 ? 'is' : 'are'} in the role`);
  if (fit.closeness !== null) parts.push(`its subject is among the closest to the role's (fit ${Math.min(1, fit.closeness).toFixed(2)})`);
  return `Fits ${roleTitle}${parts.length ? `: ${parts.join(', ')}` : ''}.`;
}

const round = (n: number) => Number(n.toFixed(4));
