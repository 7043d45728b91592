/**
 * Which skills a course teaches: its stated tags matched by exact label, then alternative label,
 * then nearest skill by meaning above a threshold; its description by label phrases and by
 * sentence meaning. Every link carries the span that produced it and a confidence. Pure: the
 * index refresh embeds the texts this asks for and stores the links; the evaluation scores the
 * same function against catalogs' own tags, so what is tuned there is what the product does.
 */
import type { VectorHit } from '../ports.js';
import type { PhraseDictionary } from './phrase-dictionary.js';
import { segments, type Segment } from './skill-extractor.js';

export interface CourseToLinkText {
  description: string;
  tags: { label: string; kind: 'tag' | 'alignment' }[];
}

export interface InferredLink {
  skillId: number;
  confidence: number;
  evidenceKind: 'tag' | 'text' | 'alignment';
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

/** Confidence of a link by how it was found (semantic links scale the cosine instead). */
export const LINK_CONFIDENCE = { tagLabel: 0.95, tagAlt: 0.85, textLabel: 0.8, textAlt: 0.7, tagSemanticFactor: 0.9, textSemanticFactor: 0.8 } as const;

/** Tuned with `npm run eval` (course tagging; docs/EVALUATION.md). */
export const DEFAULT_LINKER_TUNING: LinkerTuning = { tagSemanticMin: 0.8, textSemanticMin: 0.6, textNeighbours: 3, maxTextLinks: 12 };

/** Sentences read per description: course pages put what they teach first. */
const MAX_SENTENCES = 20;

/** Nearest skills to a vector (the skills collection of the index being built). */
export type NearestSkills = (vector: Float32Array, k: number) => VectorHit[];

/** The texts a course's linking needs embedded: tags with no exact match, and description sentences. */
export function textsToEmbed(course: CourseToLinkText, dictionary: PhraseDictionary): { tags: string[]; sentences: Segment[] } {
  return {
    tags: course.tags.filter((t) => dictionary.lookup(t.label).length === 0).map((t) => t.label),
    // Whole sentences only: clause-level vectors would triple the texts to embed for a catalog.
    sentences: segments(course.description, { clauses: false, windows: false }).slice(0, MAX_SENTENCES),
  };
}

export function linkCourse(
  course: CourseToLinkText,
  dictionary: PhraseDictionary,
  nearest: NearestSkills,
  vectorOf: (text: string) => Float32Array,
  tuning: LinkerTuning = DEFAULT_LINKER_TUNING,
): InferredLink[] {
  const links = new Map<number, InferredLink>();
  const keep = (into: Map<number, InferredLink>, link: InferredLink) => {
    const existing = into.get(link.skillId);
    if (!existing || existing.confidence < link.confidence) into.set(link.skillId, link);
  };

  for (const tag of course.tags) {
    const exact = dictionary.lookup(tag.label);
    for (const entry of exact.slice(0, 3)) {
      keep(links, {
        skillId: entry.skillId,
        confidence: entry.kind === 'label' ? LINK_CONFIDENCE.tagLabel : LINK_CONFIDENCE.tagAlt,
        evidenceKind: tag.kind,
        span: tag.label,
      });
    }
    if (exact.length > 0) continue;
    const [best] = nearest(vectorOf(tag.label), 1);
    if (best && best.score >= tuning.tagSemanticMin) {
      keep(links, { skillId: best.id, confidence: round(best.score * LINK_CONFIDENCE.tagSemanticFactor), evidenceKind: tag.kind, span: tag.label });
    }
  }

  const textLinks = new Map<number, InferredLink>();
  for (const match of dictionary.findIn(course.description)) {
    if (!/\s/.test(match.text.trim()) && match.kind === 'alt') continue; // one-word synonyms are too loose in prose
    keep(textLinks, {
      skillId: match.skillId,
      confidence: match.kind === 'label' ? LINK_CONFIDENCE.textLabel : LINK_CONFIDENCE.textAlt,
      evidenceKind: 'text',
      span: match.text,
    });
  }
  for (const sentence of textsToEmbed(course, dictionary).sentences) {
    for (const hit of nearest(vectorOf(sentence.text), tuning.textNeighbours)) {
      if (hit.score < tuning.textSemanticMin) continue;
      keep(textLinks, { skillId: hit.id, confidence: round(hit.score * LINK_CONFIDENCE.textSemanticFactor), evidenceKind: 'text', span: sentence.text.slice(0, 300) });
    }
  }
  [...textLinks.values()]
    .sort((a, b) => b.confidence - a.confidence || a.skillId - b.skillId)
    .slice(0, tuning.maxTextLinks)
    .forEach((link) => keep(links, link));
  return [...links.values()];
}

const round = (n: number) => Number(n.toFixed(4));
