/**
 * Free text → ranked skills, each with the spans that triggered it. Two signals:
 * - phrase matches of skill labels and alternative labels (exact, explainable, high precision);
 * - semantic matches of each sentence against skill vectors (finds skills named differently),
 *   used when the embedding model and an index built with it are available.
 * A skill's score is its best signal; its spans are all the places that gave it.
 */
import type { Embedder, VectorIndex } from '../ports.js';
import type { SearchSnapshot } from './corpus.js';
import { dot } from '../vectors.js';
import { VectorReader } from './vector-reader.js';

export interface ExtractedSkill {
  id: number;
  score: number;
  spans: { text: string; start: number; end: number; via: 'label' | 'alt' | 'semantic' | 'keyword' }[];
  /** How the meaning side saw it, when the model was used (learner-text reading weighs these). */
  signals?: {
    /** Best position (0 = nearest) among a segment's semantic neighbours; 0 for a phrase match. */
    rank: number;
    /** Best cosine between the skill and a whole sentence that holds one of its spans. */
    context: number;
    /** Best cosine between the skill and any segment (0 when only a phrase found it). */
    meaning: number;
  };
}

export interface ExtractOptions {
  limit: number;
  /** Only skills of this taxonomy. */
  source?: string;
  /** Drop skills scoring below this. */
  minScore?: number;
}

/** Confidence of an exact phrase match: preferred label, alternative label, one-word alternative. */
export const PHRASE_SCORES = { label: 0.95, alt: 0.85, singleWordAlt: 0.7 } as const;

export interface ExtractorTuning {
  /** Segment-to-skill cosine below which a semantic match is not reported. */
  semanticMin: number;
  /** Neighbours considered per segment. */
  semanticNeighbours: number;
  /** A semantic match scores its cosine, capped here so an exact label phrase still ranks first. */
  semanticCap: number;
}

/** Tuned with `npm run eval` (free-text extraction; docs/EVALUATION.md). */
export const DEFAULT_EXTRACTOR_TUNING: ExtractorTuning = { semanticMin: 0.6, semanticNeighbours: 5, semanticCap: 0.9 };
/** Sentences embedded per request, to bound latency on long texts. */
const MAX_SEGMENTS = 80;

export interface Segment {
  text: string;
  start: number;
  end: number;
}

/**
 * Splits text into segments with offsets: sentences (on . ; : ! ? and line breaks) and, when a
 * sentence lists several things, its clauses (on commas and "and"/"or"), because one vector per
 * long sentence blurs the several skills it names into one.
 */
export function segments(text: string, options: { clauses?: boolean; windows?: boolean } = {}): Segment[] {
  const out: Segment[] = [];
  const push = (raw: string, offset: number) => {
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed.length < 3) return;
    out.push({ text: trimmed, start: offset + lead, end: offset + lead + trimmed.length });
  };
  for (const sentence of text.matchAll(/[^.;:!?\n]+/g)) {
    push(sentence[0], sentence.index);
    if (options.clauses === false) continue;
    const clauses = [...sentence[0].matchAll(/(?:[^,]+?)(?=,|\band\b|\bor\b|$)/g)].filter((c) => c[0].trim().length >= 3);
    if (clauses.length > 1) for (const clause of clauses) push(clause[0].replace(/^\s*(and|or)\b/, (m) => ' '.repeat(m.length)), sentence.index + clause.index);
  }
  if (options.windows === false) return out;
  // Short windows catch a skill stated in a few words inside a long clause ("clean messy data").
  for (const segment of [...out]) {
    const words = [...segment.text.matchAll(/\S+/g)];
    if (words.length <= WINDOW_WORDS + 1) continue;
    for (let i = 0; i + WINDOW_WORDS <= words.length; i += WINDOW_STRIDE) {
      const first = words[i]!;
      const last = words[i + WINDOW_WORDS - 1]!;
      push(segment.text.slice(first.index, last.index + last[0].length), segment.start + first.index);
    }
  }
  return dedupe(out);
}

/** A segment that is a whole sentence (not a clause or window cut from one). */
function isSentence(part: Segment, text: string): boolean {
  const before = text.slice(0, part.start).trimEnd();
  const after = text.slice(part.end).trimStart();
  return (before === '' || /[.;:!?\n]$/.test(before) || /\n\s*$/.test(text.slice(0, part.start))) && (after === '' || /^[.;:!?\n]/.test(after));
}

const WINDOW_WORDS = 4;
const WINDOW_STRIDE = 2;

function dedupe(list: Segment[]): Segment[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const key = `${s.start}:${s.end}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

export class SkillExtractor {
  constructor(
    private readonly snapshot: () => SearchSnapshot,
    private readonly embedder: () => Embedder | null,
    private readonly tuning: ExtractorTuning = DEFAULT_EXTRACTOR_TUNING,
  ) {}

  private vectors(snapshot: SearchSnapshot): { embedder: Embedder; index: VectorIndex } | null {
    const embedder = this.embedder();
    const index = snapshot.vectors;
    if (!embedder || !index || index.model !== embedder.modelId || index.dimension !== embedder.dimension) return null;
    return { embedder, index };
  }

  async extract(
    text: string,
    options: ExtractOptions,
    snapshot: SearchSnapshot = this.snapshot(),
  ): Promise<ExtractResult> {
    const docs = snapshot.corpus.skills;
    const allowed = (id: number) => {
      const doc = docs.get(id);
      return doc !== undefined && (!options.source || doc.source === options.source);
    };
    const found = new Map<number, ExtractedSkill>();
    const ranks = new Map<number, number>();
    const meanings = new Map<number, number>();
    const note = (id: number, score: number, span: ExtractedSkill['spans'][number], rank = 0) => {
      ranks.set(id, Math.min(ranks.get(id) ?? Infinity, rank));
      if (span.via === 'semantic') meanings.set(id, Math.max(meanings.get(id) ?? 0, score));
      const entry = found.get(id) ?? { id, score: 0, spans: [] };
      entry.score = Math.max(entry.score, score);
      if (!entry.spans.some((s) => s.start === span.start && s.end === span.end)) entry.spans.push(span);
      found.set(id, entry);
    };

    for (const match of snapshot.phrases.findIn(text)) {
      if (!allowed(match.skillId)) continue;
      const oneWord = !/\s/.test(match.text.trim());
      const score = match.kind === 'label' ? PHRASE_SCORES.label : oneWord ? PHRASE_SCORES.singleWordAlt : PHRASE_SCORES.alt;
      note(match.skillId, score, { text: match.text, start: match.start, end: match.end, via: match.kind });
    }

    let vector = this.vectors(snapshot);
    let sentences: SentenceVector[] = [];
    const parts = vector ? segments(text).slice(0, MAX_SEGMENTS) : [];
    let embeddings: Float32Array[] = [];
    if (vector && parts.length > 0) {
      try {
        embeddings = await vector.embedder.embed(parts.map((p) => p.text));
      } catch {
        // A failing embedding provider degrades extraction to phrase matches; it does not fail it.
        vector = null;
      }
    }
    if (vector) {
      for (const [i, part] of parts.entries()) {
        (await vector.index.search('skills', embeddings[i]!, this.tuning.semanticNeighbours, allowed)).forEach((hit, rank) => {
          if (hit.score < this.tuning.semanticMin) return;
          note(hit.id, Math.min(hit.score, this.tuning.semanticCap), { text: part.text, start: part.start, end: part.end, via: 'semantic' }, rank);
        });
      }
      // Context: does the whole sentence around a span agree with the skill's meaning?
      sentences = parts.flatMap((part, i) => (isSentence(part, text) ? [{ part, vector: embeddings[i]! }] : []));
      const reader = await VectorReader.of(vector.index).ensure({ skills: found.keys() });
      for (const entry of found.values()) {
        const skillVector = reader.get('skills', entry.id);
        let context = 0;
        for (const { part, vector: sentenceVector } of sentences) {
          if (!skillVector || !entry.spans.some((s) => s.start >= part.start && s.start < part.end)) continue;
          context = Math.max(context, dot(skillVector, sentenceVector));
        }
        entry.signals = { rank: ranks.get(entry.id) ?? 0, context: Number(context.toFixed(4)), meaning: Number((meanings.get(entry.id) ?? 0).toFixed(4)) };
      }
    }

    const minScore = options.minScore ?? 0;
    const skills = [...found.values()]
      .filter((s) => s.score >= minScore)
      .map((s) => ({ ...s, score: Number(s.score.toFixed(4)), spans: s.spans.sort((a, b) => a.start - b.start) }))
      .sort((a, b) => b.score - a.score || b.spans.length - a.spans.length || a.id - b.id)
      .slice(0, options.limit);
    return { skills, mode: vector ? 'hybrid' : 'lexical', sentences };
  }
}

export interface SentenceVector {
  part: Segment;
  vector: Float32Array;
}

export interface ExtractResult {
  skills: ExtractedSkill[];
  mode: 'hybrid' | 'lexical';
  /** The text's whole sentences with their vectors (empty in lexical mode). */
  sentences: SentenceVector[];
}
