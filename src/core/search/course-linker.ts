/**
 * Which skills a course teaches, and how sure we are. Pure: the index refresh embeds the texts
 * this asks for and stores the links; the evaluation scores the same function, so what is tuned
 * there is what the product does.
 *
 * Evidence is graded by where it comes from and how central it is (docs/EVALUATION.md,
 * "What a link's confidence means"): the title, the catalog's tags, the stated outcomes or
 * syllabus are about what a course is for; a word somewhere in a description often is not
 * ("manage data" in a mobile-app course, "SAS" meaning Spectrum Access System, a legal notice
 * that mentions copyright). Only central evidence reaches TEACHES_MIN_CONFIDENCE (0.6), the bar
 * a link must clear to be planned on; a passing mention is kept below it, visible as weak
 * evidence but never the reason for a step.
 */
import type { VectorHit } from '../ports.js';
import { looksEnglish, STOPWORDS, normalizePhrase, tokenize } from '../text.js';

export { looksEnglish };
import type { PhraseDictionary } from './phrase-dictionary.js';
import { segments, type Segment } from './skill-extractor.js';

export type LinkEvidenceKind = 'title' | 'tag' | 'alignment' | 'outcome' | 'text';

export interface CourseToLinkText {
  title?: string;
  description: string;
  /** What the catalog says a learner will be able to do, and syllabus lines. */
  outcomes?: string[];
  /** Catalog language, when it says (`en`, `English`, `es`, ...). */
  language?: string | null;
  tags: { label: string; kind: 'tag' | 'alignment' }[];
}

export interface InferredLink {
  skillId: number;
  confidence: number;
  evidenceKind: LinkEvidenceKind;
  span: string;
}

export interface LinkerTuning {
  /** A tag with no exact match links to its nearest skill only at or above this cosine. */
  tagSemanticMin: number;
  /** A description sentence links to a skill only at or above this cosine. */
  textSemanticMin: number;
  /** Skills considered per description sentence. */
  textNeighbours: number;
  /** At most this many skills inferred from one description. */
  maxTextLinks: number;
}

/**
 * Confidence by kind of evidence. Calibrated against the labelled relevance set
 * (test/eval/relevance): at or above 0.6 a link is one a course is for; below, a mention.
 */
export const LINK_CONFIDENCE = {
  titleLabel: 0.9,
  titleAlt: 0.8,
  tagLabel: 0.9,
  tagAlt: 0.8,
  /** A one-word synonym ("Atlassian" for Confluence) names a family, not the skill. */
  tagOneWordAlt: 0.5,
  /** A tag matched by meaning sharing a content word with the skill ("Shiny (R Package)" → Shiny). */
  tagSemanticFactor: 0.85,
  /** ... and one sharing none ("Scheduling" → Coordination, "Scalability" → Scala): topic, not proof. */
  tagSemanticLooseFactor: 0.55,
  outcomeLabel: 0.8,
  outcomeAlt: 0.7,
  /** A phrase the description repeats, or opens with. */
  textCentral: 0.7,
  /** A phrase said once in passing. */
  textPassing: 0.45,
  /** A short name ("R", "Go", "SAS") in prose, without title or tag support. */
  textAmbiguous: 0.35,
  textSemanticFactor: 0.75,
  /** Added when a second, independent kind of evidence names the same skill. */
  corroboration: 0.1,
  max: 0.95,
} as const;

/** Tuned with `npm run eval` (course tagging and relevance; docs/EVALUATION.md). */
export const DEFAULT_LINKER_TUNING: LinkerTuning = { tagSemanticMin: 0.8, textSemanticMin: 0.6, textNeighbours: 3, maxTextLinks: 12 };

/** Sentences read per description: course pages put what they teach first. */
const MAX_SENTENCES = 20;
const MAX_OUTCOMES = 20;

/** Nearest skills to a vector (the skills collection of the index being built). */
export type NearestSkills = (vector: Float32Array, k: number) => VectorHit[];

/** One token of three letters or fewer ("R", "Go", "SAS"): needs context to mean the skill. */
function ambiguousName(phrase: string): boolean {
  const words = normalizePhrase(phrase).split(' ');
  return words.length === 1 && words[0]!.length <= 3;
}

/** Content words of a name, lightly stemmed, for "does this tag share a word with the skill". */
const GENERIC = new Set('data management software skills skill systems system business analysis basic basics introduction principles fundamentals tools'.split(' '));
function contentWords(text: string): Set<string> {
  return new Set(
    tokenize(text)
      .map((t) => t.norm)
      // Filtered before stemming: "business" and "analysis" must not survive as "busines", "analysi".
      .filter((w) => w.length >= 2 && !STOPWORDS.has(w) && !GENERIC.has(w))
      .map((w) => w.replace(/(ing|ies|es|s)$/, '')),
  );
}

/** The texts a course's linking needs embedded: tags with no exact match, and sentences. */
export function textsToEmbed(course: CourseToLinkText, dictionary: PhraseDictionary): { tags: string[]; sentences: Segment[] } {
  const english = looksEnglish(`${course.title ?? ''} ${course.description}`, course.language);
  return {
    tags: course.tags.filter((t) => dictionary.lookup(t.label).length === 0).map((t) => t.label),
    // Whole sentences only: clause-level vectors would triple the texts to embed for a catalog.
    // The model is English: other languages' sentences would land on arbitrary skills.
    sentences: english
      ? [
          ...segments(course.description, { clauses: false, windows: false }).slice(0, MAX_SENTENCES),
          ...(course.outcomes ?? []).slice(0, MAX_OUTCOMES).map((o) => ({ text: o.trim(), start: -1, end: -1 })),
        ].filter((s) => s.text.length >= 3)
      : [],
  };
}

export function linkCourse(
  course: CourseToLinkText,
  dictionary: PhraseDictionary,
  nearest: NearestSkills,
  vectorOf: (text: string) => Float32Array,
  tuning: LinkerTuning = DEFAULT_LINKER_TUNING,
): InferredLink[] {
  const english = looksEnglish(`${course.title ?? ''} ${course.description}`, course.language);
  /** Every piece of evidence per skill; the best becomes the link, a second kind corroborates it. */
  const found = new Map<number, InferredLink[]>();
  const note = (link: InferredLink) => found.set(link.skillId, [...(found.get(link.skillId) ?? []), link]);
  const central = new Set<number>();

  // Catalog tags: the catalog's own statement of the course's topics.
  for (const tag of course.tags) {
    const exact = dictionary.lookup(tag.label);
    for (const entry of exact.slice(0, 3)) {
      const oneWord = !/\s/.test(normalizePhrase(tag.label));
      const confidence = entry.kind === 'label' ? LINK_CONFIDENCE.tagLabel : oneWord ? LINK_CONFIDENCE.tagOneWordAlt : LINK_CONFIDENCE.tagAlt;
      note({ skillId: entry.skillId, confidence, evidenceKind: tag.kind, span: tag.label });
      if (confidence >= LINK_CONFIDENCE.tagAlt) central.add(entry.skillId);
    }
    if (exact.length > 0) continue;
    const [best] = nearest(vectorOf(tag.label), 1);
    if (!best || best.score < tuning.tagSemanticMin) continue;
    const label = dictionary.labelOf(best.id) ?? '';
    const tagWords = contentWords(tag.label);
    const shares = [...contentWords(label)].some((w) => tagWords.has(w));
    const factor = shares ? LINK_CONFIDENCE.tagSemanticFactor : LINK_CONFIDENCE.tagSemanticLooseFactor;
    note({ skillId: best.id, confidence: round(best.score * factor), evidenceKind: tag.kind, span: tag.label });
    if (shares) central.add(best.id);
  }

  if (english) {
    // The title says what the course is for.
    for (const match of dictionary.findIn(course.title ?? '')) {
      if (match.kind === 'alt' && !/\s/.test(match.text.trim())) continue;
      note({ skillId: match.skillId, confidence: match.kind === 'label' ? LINK_CONFIDENCE.titleLabel : LINK_CONFIDENCE.titleAlt, evidenceKind: 'title', span: course.title! });
      central.add(match.skillId);
    }
    // Stated outcomes and syllabus lines.
    for (const outcome of (course.outcomes ?? []).slice(0, MAX_OUTCOMES)) {
      for (const match of dictionary.findIn(outcome)) {
        if (match.kind === 'alt' && !/\s/.test(match.text.trim())) continue;
        const confidence = ambiguousName(match.text)
          ? LINK_CONFIDENCE.textAmbiguous
          : match.kind === 'label'
            ? LINK_CONFIDENCE.outcomeLabel
            : LINK_CONFIDENCE.outcomeAlt;
        note({ skillId: match.skillId, confidence, evidenceKind: 'outcome', span: outcome.slice(0, 300) });
      }
    }
    // The description: central when repeated or in its opening sentence, else a passing mention.
    const matches = dictionary.findIn(course.description).filter((m) => m.kind === 'label' || /\s/.test(m.text.trim()));
    const mentions = new Map<number, number>();
    for (const m of matches) mentions.set(m.skillId, (mentions.get(m.skillId) ?? 0) + 1);
    const opening = segments(course.description, { clauses: false, windows: false })[0];
    for (const match of matches) {
      const inOpening = opening !== undefined && match.start >= opening.start && match.end <= opening.end;
      const confidence = ambiguousName(match.text)
        ? LINK_CONFIDENCE.textAmbiguous
        : (mentions.get(match.skillId) ?? 0) >= 2 || inOpening
          ? LINK_CONFIDENCE.textCentral
          : LINK_CONFIDENCE.textPassing;
      note({ skillId: match.skillId, confidence, evidenceKind: 'text', span: match.text });
    }
  }
  // Sentence meaning (description and outcomes): only a very close sentence teaches on its own.
  for (const sentence of textsToEmbed(course, dictionary).sentences) {
    for (const hit of nearest(vectorOf(sentence.text), tuning.textNeighbours)) {
      if (hit.score < tuning.textSemanticMin) continue;
      note({ skillId: hit.id, confidence: round(hit.score * LINK_CONFIDENCE.textSemanticFactor), evidenceKind: sentence.start < 0 ? 'outcome' : 'text', span: sentence.text.slice(0, 300) });
    }
  }

  const links: InferredLink[] = [];
  for (const [skillId, evidence] of found) {
    evidence.sort((a, b) => b.confidence - a.confidence);
    const best = evidence[0]!;
    // A second kind of evidence (title and a sentence, tag and outcome) makes a link surer; an
    // ambiguous name in prose counts only when the title or a tag agrees.
    const kinds = new Set(evidence.map((e) => e.evidenceKind));
    const corroborated = kinds.size >= 2 && (best.confidence > LINK_CONFIDENCE.textAmbiguous || central.has(skillId));
    const confidence = corroborated ? Math.min(LINK_CONFIDENCE.max, best.confidence + LINK_CONFIDENCE.corroboration) : best.confidence;
    links.push({ ...best, confidence: round(confidence) });
  }
  // Bound what prose alone adds: the strongest inferred links first.
  const stated = links.filter((l) => l.evidenceKind !== 'text' && l.evidenceKind !== 'outcome');
  const inferred = links
    .filter((l) => l.evidenceKind === 'text' || l.evidenceKind === 'outcome')
    .sort((a, b) => b.confidence - a.confidence || a.skillId - b.skillId)
    .slice(0, tuning.maxTextLinks);
  return [...stated, ...inferred];
}

const round = (n: number) => Number(n.toFixed(4));
