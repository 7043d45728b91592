/**
 * Which role is the learner aiming at? A role id (internal id, O*NET-SOC code, ESCO URI,
 * starter key) is looked up; a job title is searched, and the answer says how it matched,
 * how sure it is, and whether another role was nearly as good.
 */
import type { RoleSummary } from '../catalog.js';
import { DomainError, notFound } from '../errors.js';
import type { SearchSnapshot } from '../search/corpus.js';
import type { HybridSearch } from '../search/hybrid-search.js';
import { normaliseJobTitle } from '../search/job-title.js';
import { nameSimilarity } from '../text.js';
import { matchNames } from './name-match.js';
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
    if (id === undefined) throw notFound('role', ref);
    return { role: graph.roles.get(id)!, matchedBy, confidence: 1, ambiguous: false, candidates: [] };
  }

  const title = target.title?.trim();
  if (!title) {
    throw new DomainError('invalid_input', 'target_required', 'Give the target as `target.roleId` or `target.title`.');
  }
  if (!normaliseJobTitle(title).title) {
    throw new DomainError(
      'unprocessable',
      'role_unresolved',
      `The title '${title}' names no occupation once seniority, employer, place, codes and gender markers are set aside.`,
      { candidates: [] },
    );
  }
  const candidates = await rankRoleTitle(title, snapshot, search);
  const best = candidates[0];
  if (!best?.accepted) {
    throw new DomainError('unprocessable', 'role_unresolved', `No role matches the title '${title}' closely enough.`, {
      candidates: candidates.map((c) => ({ id: c.role.id, title: c.role.title, source: c.role.source, code: c.role.code, score: c.score })),
    });
  }
  const second = candidates[1];
  // One name in two taxonomies ("software developer", O*NET's "Software Developers") is one answer, not two.
  const ambiguous =
    second !== undefined && second.accepted && best.score - second.score < AMBIGUITY_MARGIN && nameSimilarity(best.role.title, second.role.title) < 1;
  return {
    role: best.role,
    matchedBy: 'title',
    confidence: best.score,
    ambiguous,
    candidates: candidates.map(({ role, score }) => ({ role, score })),
  };
}

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
  const best = new Map<number, RankedRole>();
  for (const [i, query] of queries.entries()) {
    const found = await search.search('roles', query, { limit: 10, snapshot, filter });
    const viaLabel = new Map(found.hits.flatMap((h) => (h.viaLabel ? [[h.id, h.viaLabel] as const] : [])));
    const matches = matchNames(query, found.hits, (id) => {
      const role = graph.roles.get(id);
      return role ? [role.title, ...role.altTitles] : [];
    });
    for (const m of matches) {
      const role = graph.roles.get(m.id);
      if (!role) continue;
      const score = Number((i === 0 ? m.confidence : m.confidence * ALTERNATIVE_DISCOUNT).toFixed(4));
      const previous = best.get(m.id);
      if (previous && (previous.accepted > m.accepted || (previous.accepted === m.accepted && previous.score >= score))) continue;
      const label = viaLabel.get(m.id);
      best.set(m.id, { role, score, accepted: m.accepted, ...(label ? { viaLabel: label } : {}) });
    }
  }
  return [...best.values()]
    .sort((a, b) => Number(b.accepted) - Number(a.accepted) || b.score - a.score || a.role.id - b.role.id)
    .slice(0, options.limit ?? 5);
}
