/**
 * Coursera catalog with descriptions, URLs and skills (`coursera_courses_desc_skills_*.csv`,
 * SOURCES.md §3b). The course URL is the external id. course_skills and course_summary hold
 * Python list literals written by a scraper (`['Risk Management', "Bob's skill"]`), parsed here
 * by a small tokenizer rather than anything that evaluates code.
 */
import { clean, cleanParagraphs, compact, tagList } from './course-common.js';
import { courseraProductCourse } from './coursera-tags-reader.js';
import { csvCourseReader, type CsvCourseMapping, type CsvCourseRow } from './csv-course-reader.js';
import type { CourseRecord } from './records.js';

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

function courseraCourse(row: CsvCourseRow): CourseRecord | null {
  const { values } = row;
  const url = row.url('course_url');
  const product = row.text('course_certificate_type');
  const course = courseraProductCourse(row, product, url);
  course.description = cleanParagraphs(values.course_description);
  course.url = url;
  course.level = row.level('course_difficulty');
  course.hours = row.hours('course_time');
  const rating = row.count('course_rating');
  const reviews = row.count('course_reviews_num');
  const enrolment = row.count('course_students_enrolled');

  const skills = parsePythonStringList(values.course_skills ?? '');
  if (skills === null) row.note('course_skills is not a list of strings (skills ignored)');
  // Some lists mix learning-outcome sentences in with skill names; those read as outcomes.
  const [names, sentences] = partition(skills ?? [], (s) => clean(s).length <= MAX_TAG_LENGTH);
  course.skillTags = tagList(names);
  const outcomes = parsePythonStringList(values.course_summary ?? '');
  if (outcomes === null) row.note('course_summary is not a list of strings (ignored)');

  course.attributes = compact({
    platform: 'Coursera',
    learningProduct: product,
    rating,
    reviews,
    enrolment,
    durationText: row.text('course_time'),
    outcomes: [...(outcomes ?? []), ...sentences].map((o) => clean(o)).filter((o) => o !== ''),
  });
  return course;
}

export const courseraCourses: CsvCourseMapping = { source: COURSERA_SOURCE, columns: COURSERA_COLUMNS, title: 'course_title', provider: { column: 'course_organization' }, course: courseraCourse };

export const readCourseraCatalog = csvCourseReader(courseraCourses);
