/**
 * Exact phrase matching of skill labels and alternative labels in free text, with the
 * character span of every match. Matching is on normalised tokens (see core/text), longest
 * phrase first, so "machine learning engineering" finds "machine learning" and not "learning".
 */
import { STOPWORDS, normalizePhrase, tokenize } from '../text.js';
import { TimeSlicer } from '../time-slice.js';
import type { SearchDocument } from '../catalog.js';

export interface PhraseMatch {
  skillId: number;
  kind: 'label' | 'alt';
  /** The words as written in the text. */
  text: string;
  start: number;
  end: number;
}

/** Longest phrase looked for, in tokens; ESCO labels rarely exceed this and longer n-grams cost time. */
const MAX_PHRASE_TOKENS = 8;

export class PhraseDictionary {
  private readonly phrases = new Map<string, { skillId: number; kind: 'label' | 'alt' }[]>();
  private readonly labels = new Map<number, string>();

  static build(skills: Iterable<SearchDocument>): PhraseDictionary {
    const dictionary = new PhraseDictionary();
    for (const skill of skills) dictionary.addSkill(skill);
    return dictionary;
  }

  /** The same dictionary, built in time slices for a process that is serving meanwhile. */
  static async buildSliced(skills: Iterable<SearchDocument>): Promise<PhraseDictionary> {
    const dictionary = new PhraseDictionary();
    const slicer = new TimeSlicer();
    for (const skill of skills) {
      dictionary.addSkill(skill);
      await slicer.pass();
    }
    return dictionary;
  }

  get size(): number {
    return this.phrases.size;
  }

  private addSkill(skill: SearchDocument): void {
    this.labels.set(skill.id, skill.title);
    this.add(skill.title, skill.id, 'label');
    for (const alt of skill.altTitles) this.add(alt, skill.id, 'alt');
  }

  private add(phrase: string, skillId: number, kind: 'label' | 'alt'): void {
    const key = normalizePhrase(phrase);
    const words = key.split(' ');
    // One short or very common word ("it", "lead") matches far more text than it means.
    if (!key || words.length > MAX_PHRASE_TOKENS) return;
    if (words.length === 1 && (key.length < 2 || STOPWORDS.has(key))) return;
    const entries = this.phrases.get(key) ?? [];
    if (!entries.some((e) => e.skillId === skillId)) {
      // A preferred label outranks an alternative label for the same phrase.
      entries.push({ skillId, kind });
      this.phrases.set(key, entries);
    } else if (kind === 'label') {
      for (const e of entries) if (e.skillId === skillId) e.kind = 'label';
    }
  }

  /** The preferred label of a skill in the dictionary. */
  labelOf(skillId: number): string | undefined {
    return this.labels.get(skillId);
  }

  /** Exact lookup of a whole phrase (used to link catalog tags): preferred labels first, then by id. */
  lookup(phrase: string): { skillId: number; kind: 'label' | 'alt' }[] {
    return [...(this.phrases.get(normalizePhrase(phrase)) ?? [])].sort(
      (a, b) => Number(b.kind === 'label') - Number(a.kind === 'label') || a.skillId - b.skillId,
    );
  }

  /** Every longest, non-overlapping phrase in the text that names a skill. */
  findIn(text: string): PhraseMatch[] {
    const tokens = tokenize(text);
    const matches: PhraseMatch[] = [];
    let i = 0;
    while (i < tokens.length) {
      let matched = 0;
      for (let n = Math.min(MAX_PHRASE_TOKENS, tokens.length - i); n >= 1; n--) {
        const key = tokens
          .slice(i, i + n)
          .map((t) => t.norm)
          .join(' ');
        const entries = this.phrases.get(key);
        if (!entries) continue;
        const start = tokens[i]!.start;
        const end = tokens[i + n - 1]!.end;
        for (const entry of entries) matches.push({ ...entry, text: text.slice(start, end), start, end });
        matched = n;
        break;
      }
      i += matched || 1;
    }
    return matches;
  }
}
