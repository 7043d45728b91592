/**
 * Which role is the learner aiming at? A role id (internal id, O*NET-SOC code, ESCO URI,
 * starter key) is looked up; a job title is searched, and the answer says how it matched,
 * how sure it is, and whether another role was nearly as good.
 */
import type { RoleSummary } from '../catalog.js';
import { roleNotFound, roleUnresolved, targetRequired, titleNamesNoRole } from '../errors.js';
import type { SearchSnapshot } from '../search/corpus.js';
import type { HybridSearch } from '../search/hybrid-search.js';
import { normaliseJobTitle } from '../search/job-title.js';
import { nameSimilarity } from '../text.js';
import { titleCandidates } from '../search/title-ranking.js';
import { matchNames, type NameMatch } from './name-match.js';
import type { Recommendation, RecommendRequest } from './types.js';

/** Two accepted candidates closer than this in confidence make the match ambiguous. */
export const AMBIGUITY_MARGIN = 0.05;

const INTERNAL_ID = /^[1-9]\d{0,9}$/;

export async function resolveTarget(
  target: RecommendRequest['target'],
  snapshot: SearchSnapshot,
  search: HybridSearch,
): Promise<Recommendation['target']> {
  const { graph } = snapshot;
  if (target.roleId) {
    const ref = target.roleId.trim();
    const byId = INTERNAL_ID.test(ref) && graph.roles.has(Number(ref));
    const id = byId
      ? Number(ref)
      : (graph.roleByCode.get(ref) ?? (/^\d{2}-\d{4}$/.test(ref) ? graph.roleByCode.get(`${ref}.00`) : undefined));
    const matchedBy = byId ? 'id' : /^https?:\/\//.test(ref) ? 'uri' : 'code';
    if (id === undefined) throw roleNotFound(ref);
    return { role: graph.roles.get(id)!, matchedBy, confidence: 1, ambiguous: false, candidates: [] };
  }

  const title = target.title?.trim();
  if (!title) {
    throw targetRequired();
  }
  if (!normaliseJobTitle(title).title) {
    throw titleNamesNoRole(title);
  }
  const candidates = await rankRoleTitle(title, snapshot, search);
  const best = candidates[0];
  if (!best?.accepted) {
    throw roleUnresolved(
      title,
      candidates.map((c) => ({ id: c.role.id, title: c.role.title, source: c.role.source, code: c.role.code, score: c.score })),
    );
  }
  // Another accepted role about as sure makes the answer ambiguous — unless it is the same name
  // in another taxonomy ("software developer", O*NET's "Software Developers"): one answer, not two.
  const ambiguous = candidates
    .slice(1)
    .some((c) => c.accepted && best.score - c.score < AMBIGUITY_MARGIN && nameSimilarity(best.role.title, c.role.title) < 1);
  return {
    role: best.role,
    matchedBy: 'title',
    confidence: best.score,
    ambiguous,
    candidates: candidates.map(({ role, score }) => ({ role, score })),
  };
}

/**
 * Title cosine at which a query reads as an occupation's own name. Chosen on JobBERT titles the
 * evaluation sample leaves out and on occupation alternative labels with the occupation's own
 * names hidden: 0.75 kept 26.4 / 47.9 of the model's 27.1 / 48.2 on vacancy titles and lifted
 * the alternative labels from 30 to 75 at rank 1 (docs/EVALUATION.md).
 */
const CLEAR_TITLE_COSINE = 0.75;

/** A listed alternative ("copywriter" of "copywriter / brand executive") counts a little below the whole title. */
const ALTERNATIVE_DISCOUNT = 0.98;

export interface RankedRole {
  role: RoleSummary;
  score: number;
  accepted: boolean;
  /** The role's alternative title that matched best, when it was not the title. */
  viaLabel?: string;
}

/**
 * Roles ranked for a job title, best first, each with how sure we are it names the role and
 * whether that is enough. The title is normalised first (seniority, employer and place, codes,
 * gender markers; see search/job-title); the whole cleaned title and each alternative it lists
 * are matched, and each role keeps its best.
 */
export async function rankRoleTitle(
  title: string,
  snapshot: SearchSnapshot,
  search: HybridSearch,
  options: { source?: string; limit?: number } = {},
): Promise<RankedRole[]> {
  const { graph } = snapshot;
  const normalised = normaliseJobTitle(title);
  const queries = [normalised.title, ...normalised.alternatives.filter((a) => a !== normalised.title)].filter(Boolean);
  const filter = options.source ? (id: number) => graph.roles.get(id)?.source === options.source : undefined;
  const best = new Map<number, RankedRole & { order: number }>();
  for (const [i, query] of queries.entries()) {
    for (const m of await rankOne(query, snapshot, search, filter)) {
      const role = graph.roles.get(m.id);
      if (!role) continue;
      const score = Number((i === 0 ? m.confidence : m.confidence * ALTERNATIVE_DISCOUNT).toFixed(4));
      const order = i === 0 ? m.order : m.order * ALTERNATIVE_DISCOUNT;
      const previous = best.get(m.id);
      if (previous && (previous.accepted > m.accepted || (previous.accepted === m.accepted && previous.order >= order))) continue;
      best.set(m.id, { role, score, accepted: m.accepted, order, ...(m.viaLabel ? { viaLabel: m.viaLabel } : {}) });
    }
  }
  return [...best.values()]
    .sort((a, b) => Number(b.accepted) - Number(a.accepted) || b.order - a.order || a.role.id - b.role.id)
    .slice(0, options.limit ?? 5)
    .map(({ order: _order, ...ranked }) => ranked);
}

/**
 * One query's candidates: with the model, ordered by the title-ranking model
 * (search/title-ranking); without it, by keyword search. Each says how sure we are it names the
 * role (`confidence`, from name matching) and whether that is enough (`accepted`).
 */
async function rankOne(
  query: string,
  snapshot: SearchSnapshot,
  search: HybridSearch,
  filter: ((id: number) => boolean) | undefined,
): Promise<(NameMatch & { order: number; viaLabel?: string })[]> {
  // The names search ranks over (the corpus), so a caller's narrowed corpus is respected.
  const namesOf = (id: number) => {
    const doc = snapshot.corpus.roles.get(id);
    return doc ? [doc.title, ...doc.altTitles] : [];
  };
  const vector = snapshot.vectors ? await search.queryVector(query, snapshot) : null;
  if (vector && snapshot.vectors) {
    const candidates = await titleCandidates(query, vector, snapshot, snapshot.vectors, filter);
    // A query some occupation's title plainly says (an occupation name, not a vacancy title) is
    // ordered by the title vectors; a messier one by all the evidence the title model weighs.
    const clear = candidates.some((c) => c.titleCos >= CLEAR_TITLE_COSINE);
    const order = new Map(candidates.map((c) => [c.hit.id, clear ? c.titleCos : c.rank]));
    const viaLabel = new Map(candidates.flatMap((c) => (c.hit.viaLabel ? [[c.hit.id, c.hit.viaLabel] as const] : [])));
    return matchNames(query, candidates.map((c) => c.hit), namesOf).map((m) => ({ ...m, order: order.get(m.id) ?? 0, ...(viaLabel.has(m.id) ? { viaLabel: viaLabel.get(m.id)! } : {}) }));
  }
  const found = await search.search('roles', query, { limit: 10, snapshot, filter });
  const viaLabel = new Map(found.hits.flatMap((h) => (h.viaLabel ? [[h.id, h.viaLabel] as const] : [])));
  // Keyword order: earlier hits first.
  const position = new Map(found.hits.map((h, i) => [h.id, 1 - i / (found.hits.length + 1)]));
  return matchNames(query, found.hits, namesOf).map((m) => ({ ...m, order: m.confidence + (position.get(m.id) ?? 0) / 100, ...(viaLabel.has(m.id) ? { viaLabel: viaLabel.get(m.id)! } : {}) }));
}
