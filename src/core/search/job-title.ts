/**
 * Job titles as employers write them in vacancies, reduced to what an occupation title says.
 * A vacancy title carries seniority ("Senior", "Sr."), the employer and the place
 * ("@ Logistics MNC", "at Walmart", "- London"), requisition codes and levels ("[REQ-1234]",
 * "(Level 1)", "Accountant II"), work terms ("(Remote)", "Full-Time") and gender markers
 * ("(m/w/d)"), and often lists two jobs in one ("Copywriter / Brand Executive"). No ESCO or
 * O*NET title has any of that, so it is stripped before matching; what was stripped is kept for
 * the explanation.
 *
 * Choices beyond the plain word lists:
 * - Hyphens inside a word stay ("full-stack developer"): the matcher's own normalisation splits
 *   them, and "full-time", "entry-level" or "on-site" are recognised as one word here.
 * - "entry" goes only in "entry level" ("data entry clerk" is an occupation); "contract" and
 *   "job" go only at the end of a part, since before a noun they name the occupation
 *   ("contract manager", "job coach").
 * - "at" and "or" separate only between words ("At Home Care Assistant", "OR Nurse").
 *   En and em dashes separate even unspaced; a hyphen only when it does not join two words.
 * - Hostile input: brackets are found by one linear scan and words by one regex without nested
 *   quantifiers; everything else works on tokens, so time grows linearly with the length.
 *   Alternatives and explanations are capped, since the caller matches every alternative.
 */

export interface NormalisedTitle {
  /** The title with noise removed, lower case, single spaces (e.g. "data centre engineer"). Empty when nothing is left. */
  title: string;
  /** The alternatives the title lists ("a / b", "a & b", "a | b", "a or b" at the top level), each normalised; [title] when it lists none. Never empty unless title is empty. */
  alternatives: string[];
  /** What was removed, for explanations: e.g. ["seniority: senior", "company or place: Logistics MNC", "level: (Level 1)", "gender marker: (m/w/d)"]. */
  removed: string[];
}

/** Each alternative costs the caller a match. */
const MAX_ALTERNATIVES = 10;
const MAX_REMOVED = 20;
const MAX_REMOVED_TEXT = 120;

const SENIORITY = new Set(['senior', 'sr', 'snr', 'junior', 'jr', 'jnr', 'mid', 'midlevel', 'experienced', 'trainee', 'intern', 'internship']);
const LEVEL_WORDS = new Set(['level', 'lvl', 'grade', 'band']);
const LEVEL_TOKEN = /^(?:level|lvl|grade|band)\d{1,3}$/;
const ROMAN = new Set(['i', 'ii', 'iii', 'iv', 'v']);
const NUMBER = /^\d{1,3}$/;
/** Work terms: removed anywhere, and a bracket group holding one is dropped whole. */
const TERMS = new Set(['remote', 'hybrid', 'full-time', 'fulltime', 'part-time', 'parttime', 'temporary', 'permanent', 'freelance', 'fixed-term']);
const TERM_PHRASES = new Set(['full time', 'part time', 'fixed term', 'maternity cover']);
/** Terms that mark a bracket group as noise but name occupations outside one ("onsite engineer", "temp agency"). */
const BRACKET_TERMS = new Set(['onsite', 'on-site', 'contract', 'temp', 'urgent']);
const NOISE = new Set(['hiring', 'wanted', 'needed', 'urgent', 'urgently', 'required', 'vacancy', 'vacancies']);
const NOISE_PHRASES = new Set(['immediate start', 'now hiring']);
/** Noise only at the end of a part: before a noun they are part of the occupation ("contract manager", "job coach"). */
const TRAILING_NOISE = new Set(['contract', 'job']);
/** Words of the phrases above: not enough on their own to count as a title before a separator. */
const PHRASE_WORDS = new Set(['full', 'part', 'time', 'fixed', 'term', 'maternity', 'cover', 'immediate', 'start', 'now', 'entry']);
const GENDER_LETTERS = new Set(['m', 'w', 'f', 'd', 'h', 'x']);
const GENDER_WORDS = new Set(['div', 'divers', 'diverse']);
const GENDER_PHRASES = new Set(['all genders', 'all gender', 'alle geschlechter', 'gn']);
const DROP_CHARS = new Set(['@', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212']);
const ALT_CHARS = new Set(['/', '|', '&', '\u00a6']);
const OPENERS = new Set(['(', '[', '{']);
const CLOSERS = new Set([')', ']', '}']);

// A word: letters, digits and combining marks of any script, joined by inner hyphens,
// apostrophes or dots ("full-stack", "children's", "node.js"), with a trailing "+" or "#" (C++, C#).
// Delimiters never match the word classes, so the engine cannot backtrack into them.
const TOKEN = /(\.net(?![\p{L}\p{N}])|[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:[-\u2010'’.][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*[+#]*)|(\S)/giu;
const WORD_ONLY = /\.net(?![\p{L}\p{N}])|[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:[-\u2010'’.][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*[+#]*/giu;
const ABBREVIATED_SENIORITY = /^(sr|jr|snr|jnr)\.(.+)$/;

type Kind = 'word' | 'drop' | 'alt' | 'punct';
interface Token {
  kind: Kind;
  /** Lower case for words, the character itself otherwise. */
  text: string;
  start: number;
  end: number;
  /** Inside a kept bracket group: separators there do not split the title. */
  inner: boolean;
}

class Removed {
  private readonly notes = new Set<string>();
  add(label: string, text: string): void {
    if (this.notes.size >= MAX_REMOVED) return;
    const clean = text.replace(/\s+/g, ' ').trim();
    if (!clean) return;
    this.notes.add(`${label}: ${clean.length > MAX_REMOVED_TEXT ? `${clean.slice(0, MAX_REMOVED_TEXT)}…` : clean}`);
  }
  list(): string[] {
    return [...this.notes];
  }
}

export function normaliseJobTitle(raw: string): NormalisedTitle {
  if (typeof raw !== 'string') return { title: '', alternatives: [], removed: [] };
  // Feeds often carry HTML entities; NFKC folds full-width brackets, slashes and letters to plain ones.
  const source = raw.replace(/&amp;/gi, '&').replace(/&nbsp;/gi, ' ').normalize('NFKC');
  const removed = new Removed();
  const tokens = removeGenderSequences(scan(source, removed), source, removed);
  const head = cutTail(tokens, source, removed);
  const parts = splitAlternatives(head).map((part) => cleanPart(part, removed));
  const title = parts.flat().join(' ');
  if (!title) return { title: '', alternatives: [], removed: removed.list() };
  const alternatives = [...new Set(parts.map((p) => p.join(' ')).filter((p) => (p.match(/\p{L}/gu)?.length ?? 0) >= 2))].slice(0, MAX_ALTERNATIVES);
  return { title, alternatives: alternatives.length > 0 ? alternatives : [title], removed: removed.list() };
}

/** Tokens of the text outside brackets, and of the bracket groups worth keeping. */
function scan(source: string, removed: Removed): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let groupStart = 0;
  let segmentStart = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (OPENERS.has(c)) {
      if (depth === 0) {
        tokenizeInto(tokens, source, segmentStart, i, false);
        groupStart = i;
      }
      depth++;
    } else if (CLOSERS.has(c) && depth > 0) {
      depth--;
      if (depth === 0) {
        bracketGroup(tokens, source, groupStart, i + 1, i, removed);
        segmentStart = i + 1;
      }
    }
  }
  // An unclosed bracket runs to the end of the title.
  if (depth > 0) bracketGroup(tokens, source, groupStart, source.length, source.length, removed);
  else tokenizeInto(tokens, source, segmentStart, source.length, false);
  return tokens;
}

function tokenizeInto(tokens: Token[], source: string, from: number, to: number, inner: boolean): void {
  if (from >= to) return;
  for (const match of source.slice(from, to).matchAll(TOKEN)) {
    const start = from + match.index;
    const text = match[0];
    if (match[1] === undefined) {
      const kind: Kind = inner ? 'punct' : DROP_CHARS.has(text) ? 'drop' : ALT_CHARS.has(text) ? 'alt' : 'punct';
      tokens.push({ kind, text, start, end: start + text.length, inner });
      continue;
    }
    const word = text.toLowerCase();
    // "Sr.Developer": the dot joined the abbreviation to the next word.
    const abbreviated = ABBREVIATED_SENIORITY.exec(word);
    if (abbreviated) {
      const prefix = abbreviated[1] as string;
      tokens.push({ kind: 'word', text: prefix, start, end: start + prefix.length, inner });
      tokens.push({ kind: 'word', text: abbreviated[2] as string, start: start + prefix.length + 1, end: start + text.length, inner });
    } else {
      tokens.push({ kind: 'word', text: word, start, end: start + text.length, inner });
    }
  }
}

/** A bracket group is dropped when it is a gender marker, a code or level, or a work term; otherwise its words stay. */
function bracketGroup(tokens: Token[], source: string, start: number, end: number, contentEnd: number, removed: Removed): void {
  const content = source.slice(start + 1, contentEnd);
  const group = source.slice(start, end);
  if (isGenderMarker(content)) return removed.add('gender marker', group);
  const words = [...content.toLowerCase().matchAll(WORD_ONLY)].map((m) => m[0]);
  const isTerm = (w: string, i: number) => TERMS.has(w) || BRACKET_TERMS.has(w) || TERM_PHRASES.has(`${w} ${words[i + 1] ?? ''}`);
  if (/\p{Nd}/u.test(content)) return removed.add(words.some((w) => LEVEL_WORDS.has(w) || LEVEL_TOKEN.test(w)) ? 'level' : words.some(isTerm) ? 'work terms' : 'code', group);
  if (words.some(isTerm)) return removed.add('work terms', group);
  tokenizeInto(tokens, source, start + 1, contentEnd, true);
}

function isGenderMarker(content: string): boolean {
  if (content.length > 40) return false;
  const compact = content.toLowerCase().replace(/\s+/g, ' ').trim();
  if (GENDER_PHRASES.has(compact)) return true;
  const parts = compact.replace(/ /g, '').split(/[/|,]/).map((p) => p.replace(/\.$/, ''));
  return parts.length >= 2 && parts.every((p) => GENDER_LETTERS.has(p) || GENDER_WORDS.has(p)) && (parts.includes('m') || parts.includes('h'));
}

/** "m/w/d" and the like without brackets: single letters joined by slashes. */
function removeGenderSequences(tokens: Token[], source: string, removed: Removed): Token[] {
  const kept: Token[] = [];
  const isLetter = (t: Token | undefined) => t !== undefined && t.kind === 'word' && GENDER_LETTERS.has(t.text);
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i] as Token;
    if (isLetter(first)) {
      const letters = [first.text];
      let j = i;
      while (tokens[j + 1]?.text === '/' && isLetter(tokens[j + 2])) {
        letters.push((tokens[j + 2] as Token).text);
        j += 2;
      }
      if (letters.length >= 2 && (letters.includes('m') || letters.includes('h'))) {
        removed.add('gender marker', source.slice(first.start, (tokens[j] as Token).end));
        i = j;
        continue;
      }
    }
    kept.push(first);
  }
  return kept;
}

/** Whether a word certainly survives cleaning, so a separator after it may drop the tail. */
function isContentWord(w: string): boolean {
  return !(
    isSeniorityWord(w) ||
    LEVEL_WORDS.has(w) ||
    LEVEL_TOKEN.test(w) ||
    ROMAN.has(w) ||
    /^\d+$/.test(w) ||
    TERMS.has(w) ||
    NOISE.has(w) ||
    TRAILING_NOISE.has(w) ||
    PHRASE_WORDS.has(w)
  );
}

/** Drops the employer or place after "@", "at" or a dash, unless nothing would be left before it. */
function cutTail(tokens: Token[], source: string, removed: Removed): Token[] {
  const head: Token[] = [];
  let sawWord = false;
  let sawContent = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const separates = t.kind === 'drop' || (t.kind === 'word' && t.text === 'at' && !t.inner && sawWord);
    if (!separates) {
      head.push(t);
      if (t.kind === 'word') {
        sawWord = true;
        sawContent ||= isContentWord(t.text);
      }
      continue;
    }
    if (!sawContent) continue; // "Senior - Software Engineer": the separator goes, the words stay
    const tail = tokens.slice(i + 1).filter((w) => w.kind === 'word');
    const first = tail[0];
    const last = tail[tail.length - 1];
    if (first && last) {
      const noise = tail.every((w) => TERMS.has(w.text) || NOISE.has(w.text) || TRAILING_NOISE.has(w.text) || PHRASE_WORDS.has(w.text));
      removed.add(noise ? 'work terms' : 'company or place', source.slice(first.start, last.end));
    }
    return head;
  }
  return head;
}

/** Splits on "/", "|", "&" and "or" between words, outside brackets. */
function splitAlternatives(tokens: Token[]): Token[][] {
  const parts: Token[][] = [];
  let part: Token[] = [];
  let partHasWord = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const separates = (t.kind === 'alt' && !t.inner) || (t.kind === 'word' && t.text === 'or' && !t.inner && partHasWord && tokens[i + 1]?.kind === 'word');
    if (separates) {
      parts.push(part);
      part = [];
      partHasWord = false;
    } else {
      part.push(t);
      partHasWord ||= t.kind === 'word';
    }
  }
  parts.push(part);
  return parts;
}

function isSeniorityWord(w: string): boolean {
  if (SENIORITY.has(w)) return true;
  if (!w.includes('-')) return false;
  // "mid-senior", "entry-level", "senior-level"
  const pieces = w.split('-');
  const levelled = pieces[pieces.length - 1] === 'level';
  const body = levelled ? pieces.slice(0, -1) : pieces;
  return body.length > 0 && body.every((p) => SENIORITY.has(p) || (levelled && p === 'entry'));
}

function isLevelValue(v: string | undefined): boolean {
  return v !== undefined && (NUMBER.test(v) || ROMAN.has(v));
}

/** The words of one part that remain once seniority, levels and noise are gone. */
function cleanPart(part: Token[], removed: Removed): string[] {
  // Each word with the token after it: a phrase continues only into an adjacent word.
  const words: { text: string; next: Token | undefined }[] = [];
  part.forEach((t, i) => {
    if (t.kind === 'word') words.push({ text: t.text, next: part[i + 1] });
  });
  const keep = words.map(() => true);
  const textAt = (i: number) => words[i]?.text ?? '';
  const drop = (i: number, count: number, label: string) => {
    for (let k = i; k < i + count; k++) keep[k] = false;
    removed.add(label, words.slice(i, i + count).map((w) => w.text).join(' '));
  };
  for (let i = 0; i < words.length; i++) {
    const w = textAt(i);
    const joined = words[i]?.next?.kind === 'word';
    const n = joined ? textAt(i + 1) : undefined;
    const pair = `${w} ${n ?? ''}`;
    if (n !== undefined && TERM_PHRASES.has(pair)) {
      drop(i++, 2, 'work terms');
    } else if (n !== undefined && NOISE_PHRASES.has(pair)) {
      drop(i++, 2, 'noise');
    } else if (LEVEL_WORDS.has(w) && isLevelValue(n)) {
      drop(i++, 2, 'level');
    } else if (LEVEL_TOKEN.test(w)) {
      drop(i, 1, 'level');
    } else if (isSeniorityWord(w) || (w === 'entry' && n === 'level')) {
      // "Mid Level Engineer", but "Senior Level 3 Engineer" leaves "level 3" to the level rule.
      const withLevel = n === 'level' && !(words[i + 1]?.next?.kind === 'word' && isLevelValue(textAt(i + 2)));
      if (withLevel) drop(i++, 2, 'seniority');
      else if (w !== 'entry') drop(i, 1, 'seniority');
    } else if (TERMS.has(w)) {
      drop(i, 1, 'work terms');
    } else if (NOISE.has(w)) {
      drop(i, 1, 'noise');
    } else if (TRAILING_NOISE.has(w) && words[i]?.next !== undefined && !joined) {
      drop(i, 1, 'noise'); // "Job: Cook"
    }
  }
  // At the end, after another word: "Engineer II", "Engineer 2", "Java Developer Contract".
  let last = keep.lastIndexOf(true);
  while (last > 0) {
    const previous = keep.lastIndexOf(true, last - 1);
    if (previous < 0) break;
    const w = textAt(last);
    if (ROMAN.has(w) || /^[1-9]$/.test(w)) drop(last, 1, 'level');
    else if (TRAILING_NOISE.has(w)) drop(last, 1, 'noise');
    else break;
    last = previous;
  }
  return words.filter((_, i) => keep[i]).map((w) => w.text);
}
