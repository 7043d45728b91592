/**
 * Decides whether a free-text name (a credential, a skill label, a job title) names a catalog
 * item. Search scores rank but do not decide — the top hit of any query scores high — so
 * acceptance uses absolute evidence: an exact name, shared content words, or, with the model,
 * a cosine high enough to mean "the same thing".
 */
import type { HybridHit } from '../search/hybrid-search.js';
import { nameSimilarity } from '../text.js';

/** Shared content words (Dice) at or above this mean the same name. */
export const NAME_MATCH_MIN = 0.6;
/** Embedding cosine at or above this means the same thing. */
export const MEANING_MATCH_MIN = 0.8;
/**
 * A synonym is never as sure as the name itself: "data analyst" is ESCO's title for one
 * occupation and an alternate title of four O*NET ones, and the title must win clearly enough
 * that the answer is not called ambiguous. A synonym several items share still ties them.
 */
export const ALTERNATIVE_NAME_MAX = 0.9;

export interface NameMatch {
  id: number;
  /** In [0, 1]: how sure we are the query names this item. */
  confidence: number;
  accepted: boolean;
}

export function matchNames(query: string, hits: HybridHit[], namesOf: (id: number) => string[]): NameMatch[] {
  return hits
    .map((hit) => {
      const exact = hit.matchedBy.includes('exact') ? hit.score : 0;
      const [name, ...alternatives] = namesOf(hit.id);
      const words = Math.max(
        name === undefined ? 0 : nameSimilarity(query, name),
        Math.min(ALTERNATIVE_NAME_MAX, Math.max(0, ...alternatives.map((alt) => nameSimilarity(query, alt)))),
      );
      // Close to one of its alternative names (its own vector), not to the name itself.
      const meaning = hit.viaLabel ? Math.min(ALTERNATIVE_NAME_MAX, hit.similarity ?? 0) : (hit.similarity ?? 0);
      const confidence = Number(Math.max(exact, words, meaning >= MEANING_MATCH_MIN ? meaning : 0).toFixed(4));
      return { id: hit.id, confidence, accepted: exact > 0 || words >= NAME_MATCH_MIN || meaning >= MEANING_MATCH_MIN };
    })
    .sort((a, b) => Number(b.accepted) - Number(a.accepted) || b.confidence - a.confidence || a.id - b.id);
}
