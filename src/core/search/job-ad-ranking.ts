/**
 * Skills a job ad asks for, ranked. The extractor's phrase and meaning matches are joined, per
 * sentence, by the sentence's keyword (BM25) and nearest-vector hits, and every candidate is
 * scored by a logistic model of the evidence (`JOB_AD_MODEL`, fitted on the Decorte et al.
 * TECH and HOUSE development sets; two-fold figures in docs/EVALUATION.md). The score is the
 * model's chance that an annotator would tag the sentence with the skill.
 *
 * Learner text is read by its own, precision-first model (recommend/learner-text): a job ad
 * lists what it wants, a learner's words what they hold, and the two are judged differently.
 */
import type { VectorIndex } from '../ports.js';
import { contentTerms } from '../text.js';
import type { SearchSnapshot } from './corpus.js';
import type { ExtractedSkill, ExtractOptions, ExtractResult, SentenceVector, SkillExtractor } from './skill-extractor.js';
import { dot } from '../vectors.js';
import { VectorReader } from './vector-reader.js';
import { logistic, type LogisticModel } from '../logistic.js';

export interface JobAdFeatures {
  /** The skill's preferred label is written in the sentence. */
  label: number;
  /** Only an alternative label is. */
  alt: number;
  /** The phrase written is one word. */
  oneWord: number;
  /** Best cosine of a part of the text (sentence, clause or short window) with the skill. */
  meaning: number;
  /** Cosine of the whole sentence with the skill. */
  context: number;
  /** 1 for the nearest skill of some part, falling for later neighbours; 0 when no part found it. */
  nearest: number;
  /** 1 / (1 + rank) among the sentence's keyword hits; 0 outside them. */
  keyword: number;
  /** 1 / (1 + rank) among the sentence vector's nearest skills; 0 outside them. */
  sentence: number;
  /** Share of the content words of the skill's closest name that the sentence uses. */
  overlap: number;
  /** ESCO "knowledge" concepts are tagged less often than skills. */
  knowledge: number;
}

export const JOB_AD_MODEL: LogisticModel<JobAdFeatures> = {
  intercept: -6.941,
  weights: { label: 1.414, alt: -0.871, oneWord: 0.439, meaning: 0.407, context: 3.105, nearest: 1.52, keyword: 1.737, sentence: 0.454, overlap: 3.179, knowledge: -0.472 },
};

/** Keyword and vector hits taken per sentence. */
const CANDIDATES = 20;
/** Extracted skills considered per text. */
const EXTRACTED = 40;

export function jobAdScore(features: JobAdFeatures): number {
  return logistic(JOB_AD_MODEL, features);
}

/**
 * Job-ad text → skills, best first, each with a calibrated score. Without the model (keyword
 * mode) there is nothing to weigh: the extractor's phrase matches are returned as they are.
 */
export async function extractFromJobAd(
  text: string,
  options: ExtractOptions,
  snapshot: SearchSnapshot,
  extractor: SkillExtractor,
): Promise<Omit<ExtractResult, 'sentences'>> {
  const extracted = await extractor.extract(text, { limit: EXTRACTED, ...(options.source ? { source: options.source } : {}) }, snapshot);
  const vectors = snapshot.vectors;
  const minScore = options.minScore ?? 0;
  if (extracted.mode === 'lexical' || !vectors || extracted.sentences.length === 0) {
    return { mode: extracted.mode, skills: extracted.skills.filter((s) => s.score >= minScore).slice(0, options.limit) };
  }
  const allowed = (id: number) => {
    const doc = snapshot.corpus.skills.get(id);
    return doc !== undefined && (!options.source || doc.source === options.source);
  };
  const best = new Map<number, ExtractedSkill>();
  for (const sentence of extracted.sentences) {
    for (const candidate of await sentenceCandidates(sentence, extracted.skills, snapshot, vectors, allowed)) {
      const previous = best.get(candidate.id);
      if (!previous || candidate.score > previous.score) best.set(candidate.id, candidate);
    }
  }
  const skills = [...best.values()]
    .filter((s) => s.score >= minScore)
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, options.limit);
  return { mode: 'hybrid', skills };
}

async function sentenceCandidates(
  sentence: SentenceVector,
  extracted: ExtractedSkill[],
  snapshot: SearchSnapshot,
  vectors: VectorIndex,
  allowed: (id: number) => boolean,
): Promise<ExtractedSkill[]> {
  const { part } = sentence;
  const inside = (span: { start: number }) => span.start >= part.start && span.start < part.end;
  const keywordRank = new Map(snapshot.lexical.search('skills', part.text, { limit: CANDIDATES, filter: allowed }).map((h, i) => [h.id, i]));
  const sentenceRank = new Map((await vectors.search('skills', sentence.vector, CANDIDATES, allowed)).map((h, i) => [h.id, i]));
  const found = new Map(extracted.filter((s) => s.spans.some(inside)).map((s) => [s.id, s]));
  const ids = new Set([...found.keys(), ...keywordRank.keys(), ...sentenceRank.keys()]);
  const terms = contentTerms(part.text, { remember: false });
  const reader = await VectorReader.of(vectors).ensure({ skills: ids });
  const out: ExtractedSkill[] = [];
  for (const id of ids) {
    const skillVector = reader.get('skills', id);
    if (!skillVector) continue;
    const match = found.get(id);
    const spans = match?.spans.filter(inside) ?? [];
    const phrases = spans.filter((s) => s.via === 'label' || s.via === 'alt');
    const keyword = keywordRank.get(id);
    const nearest = sentenceRank.get(id);
    const features: JobAdFeatures = {
      label: phrases.some((s) => s.via === 'label') ? 1 : 0,
      alt: phrases.length > 0 && !phrases.some((s) => s.via === 'label') ? 1 : 0,
      oneWord: phrases.length > 0 && phrases.every((s) => !/\s/.test(s.text.trim())) ? 1 : 0,
      // The extractor's signals are per text; in a one-sentence text they are the sentence's.
      meaning: match?.signals?.meaning ?? 0,
      context: dot(skillVector, sentence.vector),
      nearest: match?.signals ? 1 / (1 + match.signals.rank) : 0,
      keyword: keyword === undefined ? 0 : 1 / (1 + keyword),
      sentence: nearest === undefined ? 0 : 1 / (1 + nearest),
      overlap: nameOverlap(snapshot, id, terms),
      knowledge: snapshot.graph.skills.get(id)?.type === 'knowledge' ? 1 : 0,
    };
    out.push({
      id,
      score: Number(jobAdScore(features).toFixed(4)),
      // Found by the sentence as a whole: the sentence is the evidence.
      spans: spans.length > 0 ? spans : [{ text: part.text, start: part.start, end: part.end, via: keyword === undefined ? 'semantic' : 'keyword' }],
    });
  }
  return out;
}

function nameOverlap(snapshot: SearchSnapshot, id: number, terms: Set<string>): number {
  const doc = snapshot.corpus.skills.get(id);
  if (!doc) return 0;
  let best = 0;
  for (const name of [doc.title, ...doc.altTitles]) {
    const nameTerms = [...contentTerms(name)];
    if (nameTerms.length > 0) best = Math.max(best, nameTerms.filter((t) => terms.has(t)).length / nameTerms.length);
  }
  return best;
}
