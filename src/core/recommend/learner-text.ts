/**
 * What a learner's own words say they hold. Reading is precision-first: a wrongly held skill
 * silently removes a gap skill from the plan, so only clear readings are held; weaker ones are
 * offered as "possibly held — confirm" and remove nothing from the gap.
 *
 * Every reading the extractor offers first passes hard rules (a wish is not a holding; a
 * product must be named; numbers and function words name nothing), then a calibrated model
 * gives the chance that a careful advisor would record the skill from these words
 * (`LEARNER_TEXT_MODEL`, fitted on the development half of the CV-text set,
 * test/eval/cv-texts; docs/EVALUATION.md). That chance is the reading's confidence.
 */
import type { SearchSnapshot } from '../search/corpus.js';
import type { ExtractedSkill, SkillExtractor } from '../search/skill-extractor.js';
import { contentTerms, STOPWORDS, tokenize } from '../text.js';
import { logistic, type LogisticModel } from '../logistic.js';

export interface TextReading {
  skillId: number;
  /** In [0, 1]: the calibrated chance that the text says the learner has this skill. */
  confidence: number;
  /** The words that gave it. */
  span: { text: string; start: number; end: number };
  status: 'held' | 'possible';
}

export interface LearnerTextTuning {
  /** Held at or above this confidence. */
  heldMin: number;
  /** Offered to confirm at or above this (and below heldMin). */
  possibleMin: number;
}

/**
 * Chosen on the development half of the CV-text set (docs/EVALUATION.md): held at the lowest
 * bar whose dev precision reaches 90% (a margin over the 85% a wrongly held skill can afford;
 * at 0.7 dev gave 86%), offered to confirm from 0.4 (about half of those are right).
 */
export const DEFAULT_LEARNER_TEXT: LearnerTextTuning = { heldMin: 0.75, possibleMin: 0.4 };

/** What the model reads from one extracted skill. */
export interface ReadingFeatures {
  /** The skill's preferred label is written in the text. */
  label: number;
  /** One of its alternative labels is. */
  alt: number;
  /** The phrase written is a single word. */
  oneWord: number;
  /** The phrase is written as a name (a capital inside a sentence, a digit or a symbol: "Python", "C#", "SAP"). */
  asName: number;
  /** The skill is a software product or tool. */
  tool: number;
  /** Best cosine between a sentence, clause or short window and the skill. */
  meaning: number;
  /** Best cosine between a whole sentence holding a span and the skill. */
  context: number;
  /** 1 when the skill was the nearest to some segment, falling towards 0 for later neighbours. */
  nearest: number;
  /** Share of the content words of the skill's closest name that the text uses. */
  overlap: number;
}

/** Logistic model: P(advisor records the skill) = σ(intercept + Σ weight × feature). */
export const LEARNER_TEXT_MODEL: LogisticModel<ReadingFeatures> = {
  intercept: -4.031,
  weights: { label: 0.832, alt: 0.195, oneWord: 0.037, asName: 1.155, tool: -1.381, meaning: 1.444, context: 3.246, nearest: 0.471, overlap: 1.716 },
};

/** The sentence agreement assumed when no model can measure it (the median of the phrase matches judged right). */
const LEXICAL_CONTEXT = 0.5;

/** Skills read per text, at most. */
const MAX_READINGS = 40;
/** The extractor's bar for offering a reading at all; the model decides from there. */
const EXTRACT_MIN = 0.5;

/**
 * Words that turn what follows into a wish, not a holding ("hoping to do my CCNA next", "I'd
 * like to learn payroll"): readings inside such a clause are dropped.
 */
const WISH = /\b(?:want(?:s|ed|ing)? to|hop(?:e|es|ing) to|would (?:like|love) to|'d (?:like|love) to|plan(?:s|ning)? to|looking to|keen to|aim(?:s|ing)? to|interested in|eager to|wish to|dream of|next step|one day|eventually|would be great to|learn(?:ing)? (?:more|how)|to learn|to study|to get into|to move into|to become)\b/i;

export async function readLearnerText(
  text: string,
  snapshot: SearchSnapshot,
  extractor: SkillExtractor,
  tuning: LearnerTextTuning = DEFAULT_LEARNER_TEXT,
): Promise<TextReading[]> {
  const { skills } = await extractor.extract(text, { limit: MAX_READINGS, minScore: EXTRACT_MIN }, snapshot);
  const context = textContext(text);
  return skills
    .flatMap((skill): TextReading[] => {
      const features = readingFeatures(skill, snapshot, context);
      if (!features) return [];
      const confidence = Number(predict(features).toFixed(4));
      const status = confidence >= tuning.heldMin ? 'held' : confidence >= tuning.possibleMin ? 'possible' : null;
      if (!status) return [];
      const span = bestSpan(skill, context);
      return span ? [{ skillId: skill.id, confidence, span: { text: span.text, start: span.start, end: span.end }, status }] : [];
    })
    .sort((a, b) => b.confidence - a.confidence || a.skillId - b.skillId);
}

export function predict(features: ReadingFeatures): number {
  return logistic(LEARNER_TEXT_MODEL, features);
}

export interface TextContext {
  text: string;
  /** Content words of the whole text, stemmed. */
  terms: Set<string>;
  /** [start, end) ranges of wish clauses. */
  wishes: [number, number][];
  /** Sentence starts, to tell a capital that starts a sentence from one that marks a name. */
  sentenceStarts: Set<number>;
}

export function textContext(text: string): TextContext {
  const wishes: [number, number][] = [];
  const sentenceStarts = new Set<number>();
  for (const sentence of text.matchAll(/[^.;!?\n]+/g)) {
    const lead = sentence[0].length - sentence[0].trimStart().length;
    sentenceStarts.add(sentence.index + lead);
    const cue = WISH.exec(sentence[0]);
    if (cue) wishes.push([sentence.index + cue.index, sentence.index + sentence[0].length]);
  }
  return { text, terms: contentTerms(text, { remember: false }), wishes, sentenceStarts };
}

type Span = ExtractedSkill['spans'][number];

const inWish = (span: Span, context: TextContext) => context.wishes.some(([start, end]) => span.start >= start && span.start < end);

/** Numbers and function words name nothing ("four years in a" is not *Alpha Four*). */
function namesSomething(span: Span): boolean {
  return tokenize(span.text).some((t) => !STOPWORDS.has(t.norm) && !/^\d+$/.test(t.norm) && !NUMBER_WORDS.has(t.norm));
}
const NUMBER_WORDS = new Set('one two three four five six seven eight nine ten eleven twelve twenty thirty first second third year years month months week weeks'.split(' '));

function asName(span: Span, context: TextContext): boolean {
  const written = span.text.trim();
  if (/[\d+#]|\.[A-Za-z]/.test(written)) return true;
  // Two capitals ("SAP", "PowerPoint") mark a name anywhere; one counts only inside a sentence,
  // since every sentence's first word has one anyway.
  if (/\p{Lu}.*\p{Lu}/u.test(written)) return true;
  return /\p{Lu}/u.test(written) && !context.sentenceStarts.has(span.start);
}

/**
 * The model's inputs, or null when a hard rule drops the reading: every span is in a wish;
 * no span names anything; a product or tool that no phrase of the text names.
 */
export function readingFeatures(skill: ExtractedSkill, snapshot: SearchSnapshot, context: TextContext): ReadingFeatures | null {
  const spans = skill.spans.filter((s) => !inWish(s, context) && namesSomething(s));
  if (spans.length === 0) return null;
  const phrases = spans.filter((s) => s.via !== 'semantic');
  const tool = snapshot.graph.skills.get(skill.id)?.type === 'tool';
  if (tool && phrases.length === 0) return null;
  const doc = snapshot.corpus.skills.get(skill.id);
  const names = doc ? [doc.title, ...doc.altTitles] : [];
  const overlap = Math.max(
    0,
    ...names.map((name) => {
      const terms = [...contentTerms(name)];
      return terms.length === 0 ? 0 : terms.filter((t) => context.terms.has(t)).length / terms.length;
    }),
  );
  const rank = skill.signals?.rank ?? 0;
  // Without the model (keyword-only mode) there is no sentence meaning to compare: a phrase
  // match is read as if its sentence agreed moderately, rather than as if it disagreed.
  const agreement = skill.signals ? skill.signals.context : LEXICAL_CONTEXT;
  return {
    label: phrases.some((s) => s.via === 'label') ? 1 : 0,
    alt: phrases.length > 0 && !phrases.some((s) => s.via === 'label') ? 1 : 0,
    oneWord: phrases.length > 0 && phrases.every((s) => !/\s/.test(s.text.trim())) ? 1 : 0,
    asName: phrases.some((s) => asName(s, context)) ? 1 : 0,
    tool: tool ? 1 : 0,
    meaning: skill.signals?.meaning ?? (phrases.length === 0 ? skill.score : 0),
    context: agreement,
    nearest: 1 / (1 + rank),
    overlap,
  };
}

function bestSpan(skill: ExtractedSkill, context: TextContext): Span | undefined {
  const usable = skill.spans.filter((s) => !inWish(s, context) && namesSomething(s));
  // A phrase is the most checkable evidence; among semantic spans, the shortest says most precisely what matched.
  return usable.find((s) => s.via !== 'semantic') ?? [...usable].sort((a, b) => a.end - a.start - (b.end - b.start))[0];
}
