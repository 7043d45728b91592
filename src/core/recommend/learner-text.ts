/**
 * What a learner's own words say they hold. Reading is precision-first: a wrongly held skill
 * silently removes a gap skill from the plan, so only clear readings are held; weaker ones are
 * offered as "possibly held — confirm" and remove nothing from the gap.
 */
import type { SearchSnapshot } from '../search/corpus.js';
import type { SkillExtractor } from '../search/skill-extractor.js';

export interface TextReading {
  skillId: number;
  /** In [0, 1]: how sure we are the text says the learner has this skill. */
  confidence: number;
  /** The words that gave it. */
  span: { text: string; start: number; end: number };
  status: 'held' | 'possible';
}

export interface LearnerTextTuning {
  /** Held at or above this. */
  heldMin: number;
  /** Offered to confirm at or above this (and below heldMin). */
  possibleMin: number;
}

export const DEFAULT_LEARNER_TEXT: LearnerTextTuning = { heldMin: 0.6, possibleMin: 0.6 };

/** Skills read per text, at most. */
const MAX_READINGS = 40;

export async function readLearnerText(
  text: string,
  snapshot: SearchSnapshot,
  extractor: SkillExtractor,
  tuning: LearnerTextTuning = DEFAULT_LEARNER_TEXT,
): Promise<TextReading[]> {
  const { skills } = await extractor.extract(text, { limit: MAX_READINGS, minScore: Math.min(tuning.heldMin, tuning.possibleMin) }, snapshot);
  return skills.flatMap((skill) => {
    const span = skill.spans[0];
    if (!span) return [];
    const confidence = Number((skill.score * 0.9).toFixed(4));
    return [{ skillId: skill.id, confidence, span: { text: span.text, start: span.start, end: span.end }, status: skill.score >= tuning.heldMin ? 'held' : 'possible' }];
  });
}
