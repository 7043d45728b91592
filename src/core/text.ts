/**
 * Text normalisation shared by lexical search, phrase matching and linking, so a label and a
 * query that look the same to a person compare equal here too.
 */

export interface Token {
  /** Normalised form used for matching. */
  norm: string;
  /** Offsets into the original text, end exclusive. */
  start: number;
  end: number;
}

// Letters/digits, keeping the symbols that carry meaning in skill names (C++, C#, .NET, node.js);
// hyphens and slashes split words, so "SQL-based" still mentions SQL and "CI/CD" is "ci cd".
const TOKEN = /[\p{L}\p{N}](?:[\p{L}\p{N}+#]|[.'](?=[\p{L}\p{N}]))*[+#]*|\.[Nn][Ee][Tt]\b/gu;

export function foldAccents(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * American and British -ize/-yze spellings compare equal: ESCO writes "conduct search engine
 * optimisation" and "analyse data", the course catalogs "optimization" and "analyze". Short
 * words ("size", "prize") are left alone; a long word folded needlessly ("capsize") still
 * matches itself, since every text goes through the same fold.
 */
export function foldSpelling(word: string): string {
  if (word.length < 6) return word;
  return word.replace(/(?<=[a-z]{2})iz(e|es|ed|ing|ation|ations|er|ers)$/, 'is$1').replace(/(?<=[a-z]{2})yz(e|es|ed|ing|er|ers)$/, 'ys$1');
}

export function tokenize(text: string): Token[] {
  const folded = foldAccents(text);
  // NFKD can change lengths; offsets must point into the caller's text, so fall back to the
  // original when folding altered the length.
  const source = folded.length === text.length ? folded : text;
  const tokens: Token[] = [];
  for (const match of source.matchAll(TOKEN)) {
    const start = match.index;
    tokens.push({ norm: foldSpelling(match[0].toLowerCase()), start, end: start + match[0].length });
  }
  return tokens;
}

/** A phrase reduced to its normalised tokens joined by single spaces ("Node.js  Dev" → "node.js dev"). */
export function normalizePhrase(text: string): string {
  return tokenize(text)
    .map((t) => t.norm)
    .join(' ');
}

/**
 * A deliberately light English stemmer for search terms: plural and a few inflections. Heavy
 * stemmers conflate skill names ("marketing" ≠ "market"), which hurts more than it helps here.
 */
export function stem(term: string): string {
  if (term.length <= 3 || /[^a-z]/.test(term)) return term;
  if (term.endsWith('ies') && term.length > 4) return `${term.slice(0, -3)}y`;
  if (term.endsWith('sses')) return term.slice(0, -2);
  if (term.endsWith('ss') || term.endsWith('us') || term.endsWith('is')) return term;
  if (term.endsWith('s')) return term.slice(0, -1);
  return term;
}

export const STOPWORDS = new Set(
  'a an and are as at be by for from has have in into is it its of on or that the their this to with within without you your we our will can using use used'.split(
    ' ',
  ),
);

/**
 * Content words of a phrase, lightly stemmed: what two names must share to mean the same thing.
 * `remember: false` for a caller's own text (a CV, a job ad), which is not kept in the memo.
 */
export function contentTerms(text: string, options: { remember?: boolean } = {}): Set<string> {
  const cached = termsCache.get(text);
  if (cached) return cached;
  const terms = new Set(
    tokenize(text)
      .map((t) => t.norm)
      .filter((t) => !STOPWORDS.has(t))
      .map(stem),
  );
  // Catalog names are compared again and again (every name of every candidate, per request);
  // a bounded memo of short strings keeps that from re-tokenising them. Callers must not change
  // the set.
  if (options.remember !== false && text.length <= TERMS_CACHE_MAX_LENGTH) {
    if (termsCache.size >= TERMS_CACHE_MAX) termsCache.clear();
    termsCache.set(text, terms);
  }
  return terms;
}
const TERMS_CACHE_MAX = 100_000;
const TERMS_CACHE_MAX_LENGTH = 200;
const termsCache = new Map<string, Set<string>>();

/**
 * How alike two names are, in [0, 1]: the Dice coefficient of their content words. Unlike a
 * search score it is absolute, so it can decide "is this the same credential / role?".
 */
export function nameSimilarity(a: string, b: string): number {
  const x = contentTerms(a);
  const y = contentTerms(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const term of x) if (y.has(term)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/**
 * Whether prose reads as English: the phrase dictionary is English, so in other languages its
 * matches are false friends ("tableaux" is not Tableau). Function-word share is enough to tell
 * English from the Romance and Germanic languages the catalogs hold; a language identifier
 * library would add a dependency for a yes/no question.
 */
const ENGLISH_WORDS = new Set('the and of to in for with you is this will how your on are be learn course what from that an by'.split(' '));
export function looksEnglish(text: string, language?: string | null): boolean {
  if (language) return /^(en([-_].*)?|eng|english)$/i.test(language.trim());
  const words = tokenize(text).map((t) => t.norm);
  if (words.length < 12) return true;
  return words.filter((w) => ENGLISH_WORDS.has(w)).length / words.length >= 0.08;
}

/**
 * A stricter test for short texts a person writes (a CV paragraph): function words of the
 * languages Europeans most often write in besides English outnumbering the English ones mean
 * another language, even in a dozen words ("Ich programmiere ... in Python und pflege ...").
 * Course linking keeps `looksEnglish`, whose behaviour the stored links were made with.
 */
const OTHER_LANGUAGE_WORDS = new Set(
  'und der die das ich nicht mit für fur ist sie wir bei auch ein eine le la les et des une est pour dans avec je nous el los las y que por con para del una soy het een van niet ik zijn ook il che di per sono non um uma não nao com os'.split(' '),
);
export function readsAsEnglish(text: string): boolean {
  const words = tokenize(text).map((t) => t.norm);
  if (words.length < 4) return true;
  const english = words.filter((w) => ENGLISH_WORDS.has(w)).length;
  const other = words.filter((w) => OTHER_LANGUAGE_WORDS.has(w)).length;
  return other <= english && (words.length < 12 || english / words.length >= 0.08);
}
