/**
 * Coursera catalog with descriptions, URLs and skills (`coursera_courses_desc_skills_*.csv`,
 * SOURCES.md §3b). The course URL is the external id. course_skills and course_summary hold
 * Python list literals written by a scraper (`['Risk Management', "Bob's skill"]`), parsed here
 * by a small tokenizer rather than anything that evaluates code.
 */
import { resolveDataFile } from './tabular.js';
import type { CatalogBatch, IngestProblem } from './records.js';
import {
  blankCourse,
  catalogBatch,
  clean,
  cleanParagraphs,
  compact,
  contentVersion,
  CourseCollector,
  csvRows,
  parseCount,
  hoursFrom,
  levelFrom,
  slug,
  tagList,
  type CourseReaderOptions,
} from './course-common.js';

export const COURSERA_SOURCE = 'coursera';

export const COURSERA_COLUMNS = [
  'course_title',
  'course_organization',
  'course_certificate_type',
  'course_time',
  'course_rating',
  'course_reviews_num',
  'course_difficulty',
  'course_url',
  'course_students_enrolled',
  'course_skills',
  'course_summary',
  'course_description',
];

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };

/**
 * Parses a Python list of string literals (`[]`, `['a', "b's"]`, with \xNN, \uNNNN, \UNNNNNNNN
 * and the usual escapes). Returns null when the text is not such a list.
 */
export function parsePythonStringList(text: string): string[] | null {
  const src = text.trim();
  if (src === '') return [];
  if (!src.startsWith('[') || !src.endsWith(']')) return null;
  const items: string[] = [];
  let i = 1;
  const skipSpace = () => {
    while (i < src.length && /\s/.test(src[i] ?? '')) i++;
  };
  skipSpace();
  if (src[i] === ']') return i === src.length - 1 ? items : null;
  for (;;) {
    skipSpace();
    const quote = src[i];
    if (quote !== "'" && quote !== '"') return null;
    i++;
    let value = '';
    for (;;) {
      const ch = src[i];
      if (ch === undefined) return null;
      if (ch === quote) {
        i++;
        break;
      }
      if (ch !== '\\') {
        value += ch;
        i++;
        continue;
      }
      const next = src[i + 1];
      if (next === undefined) return null;
      const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
      if (hexLength > 0) {
        const hex = src.slice(i + 2, i + 2 + hexLength);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLength) return null;
        value += String.fromCodePoint(parseInt(hex, 16));
        i += 2 + hexLength;
      } else {
        // Python keeps unknown escapes verbatim, backslash included.
        value += ESCAPES[next] ?? `\\${next}`;
        i += 2;
      }
    }
    items.push(value);
    skipSpace();
    if (src[i] === ',') {
      i++;
      skipSpace();
      if (src[i] === ']') break; // trailing comma
      continue;
    }
    if (src[i] === ']') break;
    return null;
  }
  return i === src.length - 1 ? items : null;
}

const MAX_TAG_LENGTH = 100;

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

export async function readCourseraCatalog(file: string, options: CourseReaderOptions = {}): Promise<CatalogBatch> {
  const path = resolveDataFile(file);
  const source = options.source ?? COURSERA_SOURCE;
  const problems: IngestProblem[] = [];
  const collector = new CourseCollector(problems);

  for await (const { values, line } of csvRows(path, COURSERA_COLUMNS, problems)) {
    const title = clean(values.course_title);
    const provider = clean(values.course_organization);
    if (!title || !provider) {
      problems.push({ file: path, line, message: `missing ${!title ? 'course_title' : 'course_organization'}; row skipped` });
      continue;
    }
    const url = clean(values.course_url);
    const validUrl = /^https?:\/\/\S+$/.test(url);
    if (url && !validUrl) problems.push({ file: path, line, message: `course_url '${url}' is not a URL (ignored)` });
    const product = clean(values.course_certificate_type);
    const course = blankCourse(source, validUrl ? url : [provider, product || 'course', title].map(slug).join('/'), provider, title);
    course.description = cleanParagraphs(values.course_description);
    course.url = validUrl ? url : null;
    course.issuer = provider;
    course.format = 'online-self-paced';
    course.credentialType = product ? slug(product) : null;

    const note = (message: string) => problems.push({ file: path, line, message });
    course.level = levelFrom(values, 'course_difficulty', note);
    course.hours = hoursFrom(values, 'course_time', note);

    const numbers: Record<string, number | null> = {};
    for (const column of ['course_rating', 'course_reviews_num', 'course_students_enrolled'] as const) {
      const value = parseCount(values[column]);
      if (Number.isNaN(value)) problems.push({ file: path, line, message: `${column} '${values[column]}' is not a number (ignored)` });
      numbers[column] = Number.isNaN(value) ? null : value;
    }

    const skills = parsePythonStringList(values.course_skills ?? '');
    if (skills === null) problems.push({ file: path, line, message: 'course_skills is not a list of strings (skills ignored)' });
    // Some lists mix learning-outcome sentences in with skill names; those read as outcomes.
    const [names, sentences] = partition(skills ?? [], (s) => clean(s).length <= MAX_TAG_LENGTH);
    course.skillTags = tagList(names);
    const outcomes = parsePythonStringList(values.course_summary ?? '');
    if (outcomes === null) problems.push({ file: path, line, message: 'course_summary is not a list of strings (ignored)' });

    course.attributes = compact({
      platform: 'Coursera',
      learningProduct: product,
      rating: numbers.course_rating,
      reviews: numbers.course_reviews_num,
      enrolment: numbers.course_students_enrolled,
      durationText: clean(values.course_time),
      outcomes: [...(outcomes ?? []), ...sentences].map((o) => clean(o)).filter((o) => o !== ''),
    });
    collector.add(course, path, line);
  }

  const version = options.version ?? (await contentVersion([path]));
  return catalogBatch(source, version, collector.courses(), problems);
}
