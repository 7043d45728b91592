/**
 * Pieces every course-catalog reader shares: stable slugs, text cleaning, lenient number /
 * duration / level parsing, skill lists, and the blank course record readers fill in.
 *
 * Duration heuristic (one rule for every catalog, so hours compare across sources): stated
 * effort hours are taken as they are; calendar time is converted at 5 hours of study per week
 * (a month is 52/12 weeks); a range takes its midpoint. "Less than N hours" is 0.75 × N.
 */
import type { Level } from '../core/catalog.js';
import type { CatalogBatch, CourseRecord } from './records.js';

export interface CourseReaderOptions {
  /** Catalog source name; each format has its own default (generic has none). */
  source?: string;
  /** Source version; defaults to a content hash of the input. */
  version?: string;
}

export type CourseReader = (file: string, options?: CourseReaderOptions) => Promise<CatalogBatch>;

export const HOURS_PER_WEEK = 5;
const WEEKS_PER_MONTH = 52 / 12;

/** Lowercase, accent-free, `-`-joined; keeps non-Latin letters so CJK titles do not vanish. */
export function slug(text: string): string {
  return text
    // "C++" and "C#" are different courses; dropping the symbols would merge them.
    .replace(/\+/g, ' plus ')
    .replace(/#/g, ' sharp ')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** Collapses whitespace, including NBSP and zero-width characters scrapers leave behind. */
export function clean(text: string | undefined | null): string {
  return (text ?? '').replace(/[\u200b-\u200d\ufeff]/g, '').replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Keeps line breaks (descriptions are multi-paragraph) but trims each line. */
export function cleanParagraphs(text: string | undefined | null): string {
  return (text ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => clean(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * "6,706" → 6706, "39.2k" → 39200, "" / "NA" → null, anything else unparsable → NaN so the
 * caller can report it.
 */
export function parseCount(text: string | undefined): number | null {
  const value = clean(text).toLowerCase();
  if (value === '' || value === 'na' || value === 'n/a' || value === 'none' || value === 'null') return null;
  const match = /^(\d+(?:[.,]\d+)*)\s*([km])?$/.exec(value.replace(/(\d),(?=\d{3}\b)/g, '$1'));
  if (!match?.[1]) return Number.NaN;
  const base = Number(match[1]);
  const scale = match[2] === 'k' ? 1_000 : match[2] === 'm' ? 1_000_000 : 1;
  return Math.round(base * scale * 100) / 100;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Effort hours from catalog duration text; null when the text is not understood. */
export function estimateHours(text: string | undefined): number | null {
  const value = clean(text).toLowerCase().replace(/[\u2012-\u2015]/g, '-');
  if (value === '') return null;
  const lessThan = /^less than (\d+(?:\.\d+)?) hours?$/.exec(value);
  if (lessThan?.[1]) return round1(Number(lessThan[1]) * 0.75);
  const match = /^(?:about |approx\.? |approximately |~)?(\d+(?:\.\d+)?)(?:\s*(?:-|to)\s*(\d+(?:\.\d+)?))?\s*(hours?|hrs?|h|minutes?|mins?|weeks?|wks?|months?)\b/.exec(
    value,
  );
  if (!match?.[1] || !match[3]) return null;
  const low = Number(match[1]);
  const mid = match[2] ? (low + Number(match[2])) / 2 : low;
  const unit = match[3];
  if (unit.startsWith('h')) return round1(mid);
  if (unit.startsWith('min')) return round1(mid / 60);
  if (unit.startsWith('w')) return round1(mid * HOURS_PER_WEEK);
  return round1(mid * WEEKS_PER_MONTH * HOURS_PER_WEEK);
}

/**
 * ISO 8601 duration → effort hours: the time part (PT40H) counts as study hours, the date part
 * (P6W, P9M) as calendar time at HOURS_PER_WEEK. Null when not a duration.
 */
export function isoDurationHours(text: string | undefined): number | null {
  const match = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
    clean(text).toUpperCase(),
  );
  if (!match || clean(text).length < 3) return null;
  const [, y, mo, w, d, h, mi, s] = match.map((part) => (part === undefined ? 0 : Number(part)));
  const weeks = (y ?? 0) * 52 + (mo ?? 0) * WEEKS_PER_MONTH + (w ?? 0) + (d ?? 0) / 7;
  const hours = weeks * HOURS_PER_WEEK + (h ?? 0) + (mi ?? 0) / 60 + (s ?? 0) / 3600;
  return round1(hours);
}

/**
 * Catalog level text → Level; null for "mixed"/"all levels"/empty; undefined when the text is
 * not recognised (the caller reports it).
 */
export function parseLevel(text: string | undefined): Level | null | undefined {
  const value = clean(text).toLowerCase().replace(/\s+level$/, '');
  if (value === '' || value === 'mixed' || value === 'all' || value === 'all levels') return null;
  if (value === 'beginner' || value === 'introductory' || value === 'basic' || value === 'novice') return 'beginner';
  if (value === 'intermediate') return 'intermediate';
  if (value === 'advanced' || value === 'expert') return 'advanced';
  return undefined;
}

/** Splits a comma list, re-joining Oxford-comma names such as "Law, Regulation, and Compliance". */
export function splitSkillList(text: string): string[] {
  const pieces = text.split(',').map((piece) => clean(piece));
  const out: string[] = [];
  for (const piece of pieces) {
    if (/^(and|or|&) /i.test(piece) && out.length >= 2) {
      const second = out.pop() ?? '';
      const first = out.pop() ?? '';
      out.push(`${first}, ${second}, ${piece}`);
    } else if (piece !== '') {
      out.push(piece);
    }
  }
  return out;
}

/** De-duplicates stated skills case-insensitively and strips list bullets ("-\t", "•\t"). */
export function tagList(labels: string[], kind: 'tag' | 'alignment' = 'tag'): { label: string; kind: 'tag' | 'alignment' }[] {
  const seen = new Set<string>();
  const tags: { label: string; kind: 'tag' | 'alignment' }[] = [];
  for (const raw of labels) {
    const label = clean(raw.replace(/^[\s\-•*·–]+/u, ''));
    const key = label.toLowerCase();
    if (label === '' || seen.has(key)) continue;
    seen.add(key);
    tags.push({ label, kind });
  }
  return tags;
}

/** A course with every optional field empty; readers fill in what their catalog states. */
export function blankCourse(source: string, externalId: string, provider: string, title: string): CourseRecord {
  return {
    source,
    externalId,
    provider,
    title,
    description: '',
    url: null,
    hours: null,
    cost: null,
    currency: null,
    level: null,
    language: null,
    format: null,
    credentialType: null,
    issuer: null,
    prerequisites: [],
    stacksInto: [],
    skills: [],
    skillTags: [],
    attributes: {},
  };
}

/** Drops undefined / null / empty-string attributes so records compare and store cleanly. */
export function compact(attributes: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(attributes).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)),
  );
}
