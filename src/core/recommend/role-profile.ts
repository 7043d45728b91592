/**
 * What defines a role: which of its required skills are distinctive, which are the generic
 * skills nearly every occupation lists, and which are entries of a long tool inventory. In the
 * spirit of "defining, distinguishing, necessary" skills: the gap reports everything the source
 * lists, but a path is planned for what makes the role, so a nurse is not sent to a payroll
 * course for "Active Listening" nor a data scientist to one course per software product.
 */
import { normalizePhrase } from '../text.js';
import type { CatalogGraph, GraphRequirement } from './graph.js';

/**
 * A skill listed as essential by at least this share of its taxonomy's occupations is
 * transversal (O*NET: English Language, Active Listening, Speaking, Critical Thinking, Reading
 * Comprehension, Customer and Personal Service, Writing), and so is a tool listed at all by at
 * least TRANSVERSAL_LISTED_SHARE (Microsoft Excel, Office, Word, Outlook). Not "listed at all"
 * for skills: O*NET rates every skill for every occupation, so Mathematics is listed by 68% of
 * them and still defines an accountant.
 */
export const TRANSVERSAL_ESSENTIAL_SHARE = 0.3;
export const TRANSVERSAL_LISTED_SHARE = 0.5;
/** Transversal skills count this much in the gap's weights: reported, but not what defines the role. */
export const TRANSVERSAL_FACTOR = 0.25;
/** Shares mean something only over many occupations (the starter catalog has 18). */
export const MIN_ROLES_FOR_SHARES = 50;

export type RequirementClass = 'defining' | 'transversal' | 'tool_inventory';

export interface ProfiledRequirement extends GraphRequirement {
  class: RequirementClass;
  /** Why it is classed so, for the gap table. */
  note: string | null;
  /** Other ids the role lists under the same name (merged into this one): holding any is holding it. */
  aliases: number[];
}

/** Shares are per snapshot: computed once for a graph, then reused by every request. */
const sharesCache = new WeakMap<CatalogGraph, Map<number, { essential: number; listed: number }>>();

function skillShares(graph: CatalogGraph): Map<number, { essential: number; listed: number }> {
  const cached = sharesCache.get(graph);
  if (cached) return cached;
  const rolesPerSource = new Map<string, number>();
  const counts = new Map<number, { essential: number; listed: number }>();
  for (const role of graph.roles.values()) {
    rolesPerSource.set(role.source, (rolesPerSource.get(role.source) ?? 0) + 1);
    for (const req of graph.requirements.get(role.id) ?? []) {
      const c = counts.get(req.skillId) ?? { essential: 0, listed: 0 };
      c.listed++;
      if (req.kind === 'essential') c.essential++;
      counts.set(req.skillId, c);
    }
  }
  const shares = new Map<number, { essential: number; listed: number }>();
  for (const [skillId, c] of counts) {
    const n = rolesPerSource.get(graph.skills.get(skillId)?.source ?? '') ?? 0;
    if (n >= MIN_ROLES_FOR_SHARES) shares.set(skillId, { essential: c.essential / n, listed: c.listed / n });
  }
  sharesCache.set(graph, shares);
  return shares;
}

export function isTransversal(graph: CatalogGraph, skillId: number): boolean {
  if (graph.skills.get(skillId)?.type === 'transversal') return true;
  const common = (id: number) => {
    const share = skillShares(graph).get(id);
    if (!share) return false;
    return share.essential >= TRANSVERSAL_ESSENTIAL_SHARE || (graph.skills.get(id)?.type === 'tool' && share.listed >= TRANSVERSAL_LISTED_SHARE);
  };
  // The same skill in another taxonomy ("listen actively" in ESCO is O*NET's Active Listening).
  return common(skillId) || (graph.equivalent.get(skillId) ?? []).some(common);
}

/**
 * The role's requirements, each classed, with duplicates merged (O*NET lists Mathematics both
 * as a skill and as a knowledge area: one requirement, the stronger of the two).
 */
export function profileRole(graph: CatalogGraph, roleId: number): ProfiledRequirement[] {
  const role = graph.roles.get(roleId);
  const description = ` ${normalizePhrase(role?.description ?? '')} `;
  const byLabel = new Map<string, ProfiledRequirement>();
  for (const req of graph.requirements.get(roleId) ?? []) {
    const skill = graph.skills.get(req.skillId);
    const label = normalizePhrase(skill?.label ?? String(req.skillId));
    let profiled: ProfiledRequirement;
    if (isTransversal(graph, req.skillId)) {
      profiled = { ...req, class: 'transversal', note: 'listed by most occupations: reported, planned only on request (coverTransversal)', aliases: [] };
    } else if (skill?.type === 'tool' && req.kind === 'optional' && !req.inDemand && !req.hotTechnology && !description.includes(` ${label} `)) {
      // One product among dozens the occupation may use: not planned unless its source flags
      // demand for it or the role's description names it.
      profiled = { ...req, class: 'tool_inventory', note: 'one of many tools listed for the occupation, not flagged in demand: planned only on request (coverOptional)', aliases: [] };
    } else {
      profiled = { ...req, class: 'defining', note: null, aliases: [] };
    }
    const existing = byLabel.get(label);
    if (!existing) byLabel.set(label, profiled);
    else if (rank(profiled) > rank(existing)) byLabel.set(label, { ...profiled, aliases: [existing.skillId, ...existing.aliases] });
    else existing.aliases.push(profiled.skillId);
  }
  return [...byLabel.values()];
}

const rank = (r: GraphRequirement) => (r.kind === 'essential' ? 10 : 0) + r.importance;
