/**
 * edX catalog scrape (`edx_courses_*.csv`, SOURCES.md §3c). The course URL is the external id.
 *
 * Hours: midpoint of the weekly effort ("2–3 hours per week", en dash) × the weeks of
 * course_length; with no effort stated, course_length at 5 h/week.
 * Cost: every edX course here is free to audit and sells a verified certificate
 * ("FREE-Add a Verified Certificate for $49 USD"). The recommender prices credentials, so cost is
 * the certificate price (49 USD), credentialType `verified-certificate`, and
 * attributes.auditFree records that the learning itself costs nothing.
 */
import { clean, cleanParagraphs, compact, estimateHours, HOURS_PER_WEEK, slug } from './course-common.js';
import { csvCourseReader, type CsvCourseMapping, type CsvCourseRow } from './csv-course-reader.js';
import type { CourseRecord } from './records.js';

export const EDX_SOURCE = 'edx';

export const EDX_COLUMNS = [
  'title',
  'summary',
  'n_enrolled',
  'course_type',
  'institution',
  'instructors',
  'Level',
  'subject',
  'language',
  'subtitles',
  'course_effort',
  'course_length',
  'price',
  'course_description',
  'course_syllabus',
  'course_url',
];

/** edX writes language names in the language itself. */
const LANGUAGES: Record<string, string> = {
  english: 'en',
  español: 'es',
  spanish: 'es',
  français: 'fr',
  french: 'fr',
  italiano: 'it',
  português: 'pt',
  deutsch: 'de',
  中文: 'zh',
  日本語: 'ja',
  한국어: 'ko',
  русский: 'ru',
  हिन्दी: 'hi',
  עברית: 'he',
  türkçe: 'tr',
  indonesian: 'id',
  'اللغة العربية': 'ar',
};

export function languageCode(name: string): string | null | undefined {
  const value = clean(name).toLowerCase();
  if (value === '') return null;
  return LANGUAGES[value];
}

const FORMATS: Record<string, string> = {
  'self-paced on your time': 'online-self-paced',
  'instructor-led on a course schedule': 'online-instructor-led',
};

/** Per-week effort range → midpoint hours; null when not "N–M hours per week". */
function weeklyEffort(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)(?:\s*[-\u2012-\u2015]\s*(\d+(?:\.\d+)?))?\s*hours?\s*(?:per|a|\/)\s*week$/i.exec(clean(text));
  if (!match?.[1]) return null;
  const low = Number(match[1]);
  return match[2] ? (low + Number(match[2])) / 2 : low;
}

function weeks(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*weeks?$/i.exec(clean(text));
  return match?.[1] ? Number(match[1]) : null;
}

interface Price {
  cost: number | null;
  currency: string | null;
  verified: boolean;
  auditFree: boolean;
}

export function parseEdxPrice(text: string): Price | null {
  const value = clean(text);
  if (value === '') return { cost: null, currency: null, verified: false, auditFree: false };
  const verified = /^(FREE)?\s*-?\s*Add a Verified Certificate for \$(\d+(?:\.\d+)?)\s*USD$/i.exec(value);
  if (verified?.[2]) return { cost: Number(verified[2]), currency: 'USD', verified: true, auditFree: verified[1] !== undefined };
  if (/^free$/i.test(value)) return { cost: 0, currency: null, verified: false, auditFree: true };
  const plain = /^\$(\d+(?:\.\d+)?)\s*(USD)?$/i.exec(value);
  if (plain?.[1]) return { cost: Number(plain[1]), currency: 'USD', verified: false, auditFree: false };
  return null;
}

function edxCourse(row: CsvCourseRow): CourseRecord | null {
  const { values } = row;
  const url = row.url('course_url');
  const course = row.blankCourse(url ?? [row.provider, row.title].map(slug).join('/'));
  course.description = cleanParagraphs(values.course_description) || cleanParagraphs(values.summary);
  course.url = url;

  course.level = row.level('Level');

  const language = languageCode(values.language ?? '');
  if (language === undefined) row.note(`unknown language '${values.language}' (set to null)`);
  course.language = language ?? null;

  const courseType = row.text('course_type');
  course.format = FORMATS[courseType.toLowerCase()] ?? (courseType ? slug(courseType) : null);

  const perWeek = weeklyEffort(values.course_effort ?? '');
  const length = weeks(values.course_length ?? '');
  if (perWeek === null && row.text('course_effort')) row.note(`unrecognised course_effort '${values.course_effort}'`);
  if (length !== null) course.hours = Math.round((perWeek ?? HOURS_PER_WEEK) * length * 10) / 10;
  else course.hours = estimateHours(values.course_length);
  if (course.hours === null && row.text('course_length')) row.note(`unrecognised course_length '${values.course_length}' (hours unknown)`);

  const price = parseEdxPrice(values.price ?? '');
  if (price === null) row.note(`unrecognised price '${values.price}' (cost unknown)`);
  course.cost = price?.cost ?? null;
  course.currency = price?.currency ?? null;
  course.credentialType = price?.verified ? 'verified-certificate' : null;

  course.attributes = compact({
    platform: 'edX',
    summary: row.text('summary'),
    enrolment: row.count('n_enrolled'),
    subjects: row.text('subject') ? [row.text('subject')] : [],
    // Names are joined with '-', which hyphenated names share, so the text stays whole.
    instructors: row.text('instructors'),
    subtitles: [...new Set(row.text('subtitles').split(',').map((s) => s.trim()).filter((s) => s !== ''))],
    syllabus: cleanParagraphs(values.course_syllabus),
    effortText: row.text('course_effort'),
    lengthText: row.text('course_length'),
    priceText: row.text('price'),
    auditFree: price?.auditFree ? true : null,
  });
  return course;
}

export const edxCourses: CsvCourseMapping = { source: EDX_SOURCE, columns: EDX_COLUMNS, title: 'title', provider: { column: 'institution' }, course: edxCourse };

export const readEdxCatalog = csvCourseReader(edxCourses);
