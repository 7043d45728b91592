/**
 * The gap between a learner and a role: each required skill, its weight, and whether it is
 * held, partially held or missing — with the evidence. Partial credit is explicit and never
 * silently counted as held: a neighbour in the skill hierarchy, or a semantically close skill.
 */
import type { VectorIndex } from '../ports.js';
import { VectorReader } from '../search/vector-reader.js';
import type { CatalogGraph } from './graph.js';
import { profileRole, TRANSVERSAL_FACTOR } from './role-profile.js';
import { round, skillRef } from './learner.js';
import type { Evidence, HeldSkill, RequiredSkill } from './types.js';
import { dot } from '../vectors.js';

/** Weight of an optional requirement relative to an essential one of equal importance. */
export const OPTIONAL_FACTOR = 0.5;
/** Demand signals from the taxonomy (O*NET in-demand / hot technology flags) raise the weight. */
export const DEMAND_FACTOR = { inDemand: 1.25, hotTechnology: 1.1 } as const;
/** Credit a partially held skill gives towards coverage. */
export const PARTIAL_CREDIT = 0.5;
/** A held skill at least this similar (cosine) to a required one gives partial credit. */
export const SEMANTIC_PARTIAL_MIN = 0.8;

export interface GapResult {
  required: (RequiredSkill & { credit: number })[];
  coverageBefore: number;
}

export async function computeGap(
  graph: CatalogGraph,
  roleId: number,
  held: Map<number, HeldSkill>,
  vectors: VectorIndex | null,
): Promise<GapResult> {
  const requirements = profileRole(graph, roleId);
  const view = vectors ? await VectorReader.of(vectors).ensure({ skills: [...held.keys(), ...requirements.map((r) => r.skillId)] }) : null;
  const heldVectors = view
    ? [...held.keys()].flatMap((id) => {
        const v = view.get('skills', id);
        return v ? [{ id, v }] : [];
      })
    : [];

  const required = requirements.map((req) => {
    let weight = req.importance * (req.kind === 'essential' ? 1 : OPTIONAL_FACTOR);
    if (req.inDemand) weight *= DEMAND_FACTOR.inDemand;
    else if (req.hotTechnology) weight *= DEMAND_FACTOR.hotTechnology;
    if (req.class === 'transversal') weight *= TRANSVERSAL_FACTOR;
    const base = { skill: skillRef(graph, req.skillId), kind: req.kind, class: req.class, weight: round(weight), coveredByStep: null };

    const direct = held.get(req.skillId);
    if (direct) return { ...base, status: 'held' as const, evidence: direct.evidence, credit: 1 };

    // The same skill in another taxonomy, or listed twice by the role under one name, is the same skill.
    for (const other of [...req.aliases, ...(graph.equivalent.get(req.skillId) ?? [])]) {
      const h = held.get(other);
      if (h) {
        const evidence: Evidence = { kind: 'equivalent', detail: `holds "${h.skill.label}" (${h.skill.source}), the same skill`, confidence: h.confidence };
        return { ...base, status: 'held' as const, evidence: [evidence, ...h.evidence], credit: 1 };
      }
    }

    const partial: Evidence[] = [];
    for (const narrower of graph.narrower.get(req.skillId) ?? []) {
      const h = held.get(narrower);
      if (h) partial.push({ kind: 'hierarchy', detail: `holds the narrower skill "${h.skill.label}"`, confidence: round(h.confidence * 0.7) });
    }
    for (const broader of graph.broader.get(req.skillId) ?? []) {
      const h = held.get(broader);
      if (h) partial.push({ kind: 'hierarchy', detail: `holds the broader skill "${h.skill.label}"`, confidence: round(h.confidence * 0.5) });
    }
    const target = view?.get('skills', req.skillId);
    if (target) {
      for (const { id, v } of heldVectors) {
        const similarity = dot(target, v);
        if (similarity >= SEMANTIC_PARTIAL_MIN) {
          const h = held.get(id)!;
          partial.push({
            kind: 'semantic',
            detail: `holds "${h.skill.label}", close in meaning (similarity ${similarity.toFixed(2)})`,
            confidence: round(similarity * h.confidence),
          });
        }
      }
    }
    if (partial.length > 0) {
      partial.sort((a, b) => b.confidence - a.confidence);
      return { ...base, status: 'partial' as const, evidence: partial.slice(0, 3), credit: PARTIAL_CREDIT };
    }
    return { ...base, status: 'missing' as const, evidence: [], credit: 0 };
  });

  // Essential first, then by weight, so the gap table reads in order of importance.
  required.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'essential' ? -1 : 1) || b.weight - a.weight || a.skill.id - b.skill.id);
  return { required, coverageBefore: coverage(required.map((r) => ({ weight: r.weight, credit: r.credit }))) };
}

export function coverage(items: { weight: number; credit: number }[]): number {
  const total = items.reduce((sum, r) => sum + r.weight, 0);
  if (total === 0) return 1;
  return round(items.reduce((sum, r) => sum + r.weight * r.credit, 0) / total);
}
