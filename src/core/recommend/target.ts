/**
 * Which role is the learner aiming at? A role id (internal id, O*NET-SOC code, ESCO URI,
 * starter key) is looked up; a job title is searched, and the answer says how it matched,
 * how sure it is, and whether another role was nearly as good.
 */
import type { RoleSummary } from '../catalog.js';
import { DomainError, notFound } from '../errors.js';
import type { SearchSnapshot } from '../search/corpus.js';
import type { HybridSearch } from '../search/hybrid-search.js';
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
  const found = await search.search('roles', title, { limit: 10, snapshot });
  const matches = matchNames(title, found.hits, (id) => {
    const role = graph.roles.get(id);
    return role ? [role.title, ...role.altTitles] : [];
  });
  const candidates = matches
    .slice(0, 5)
    .map((m) => ({ role: graph.roles.get(m.id), score: m.confidence, accepted: m.accepted }))
    .filter((c): c is { role: RoleSummary; score: number; accepted: boolean } => c.role !== undefined);
  const best = candidates[0];
  if (!best?.accepted) {
    throw new DomainError('unprocessable', 'role_unresolved', `No role matches the title '${title}' closely enough.`, {
      candidates: candidates.map((c) => ({ id: c.role.id, title: c.role.title, source: c.role.source, code: c.role.code, score: c.score })),
    });
  }
  const second = candidates[1];
  const ambiguous = second !== undefined && second.accepted && best.score - second.score < AMBIGUITY_MARGIN && best.role.title !== second.role.title;
  return {
    role: best.role,
    matchedBy: 'title',
    confidence: best.score,
    ambiguous,
    candidates: candidates.map(({ role, score }) => ({ role, score })),
  };
}
