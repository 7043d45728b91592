/** The product's reading of a learner's text, as the CV-text set scores it. */
import { DEFAULT_LEARNER_TEXT, readLearnerText } from '../../src/core/recommend/learner-text.js';
import type { SearchSnapshot } from '../../src/core/search/corpus.js';
import type { SkillExtractor } from '../../src/core/search/skill-extractor.js';
import { skillKey, type CvReader } from './cv-texts.js';

/** Bars low enough that pooling covers every threshold the tuning will try. */
const POOL_BARS = { heldMin: 0.2, possibleMin: 0.2 };

export function learnerTextReader(snapshot: SearchSnapshot, extractor: SkillExtractor, options: { pool?: boolean } = {}): CvReader {
  return async (text) => {
    const readings = await readLearnerText(text, snapshot, extractor, options.pool ? { ...DEFAULT_LEARNER_TEXT, ...POOL_BARS } : DEFAULT_LEARNER_TEXT);
    const key = (id: number) => skillKey(snapshot.graph.skills.get(id)!);
    return {
      held: readings.filter((r) => r.status === 'held').map((r) => key(r.skillId)),
      possible: readings.filter((r) => r.status === 'possible').map((r) => key(r.skillId)),
    };
  };
}
