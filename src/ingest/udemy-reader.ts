/**
 * Udemy catalog (`udemy_courses_*.csv`, SOURCES.md §3d): titles, price, video hours, level; no
 * descriptions or skills. course_id is the external id; the file repeats 6 ids with identical
 * rows, which merge silently.
 *
 * Hours are content_duration (hours of video) as stated; 0 means unknown. Prices are the list
 * prices of the Kaggle set, taken as USD. is_paid=False means free whatever the price column says.
 */
import { resolveDataFile } from './tabular.js';
import type { CatalogBatch, IngestProblem } from './records.js';
import {
  blankCourse,
  catalogBatch,
  clean,
  compact,
  contentVersion,
  CourseCollector,
  csvRows,
  parseCount,
  levelFrom,
  type CourseReaderOptions,
} from './course-common.js';

export const UDEMY_SOURCE = 'udemy';

export const UDEMY_COLUMNS = [
  'course_id',
  'course_title',
  'url',
  'is_paid',
  'price',
  'num_subscribers',
  'num_reviews',
  'num_lectures',
  'level',
  'content_duration',
  'published_timestamp',
  'subject',
];

export async function readUdemyCatalog(file: string, options: CourseReaderOptions = {}): Promise<CatalogBatch> {
  const path = resolveDataFile(file);
  const source = options.source ?? UDEMY_SOURCE;
  const problems: IngestProblem[] = [];
  const collector = new CourseCollector(problems);
  const note = (line: number, message: string) => problems.push({ file: path, line, message });

  for await (const { values, line } of csvRows(path, UDEMY_COLUMNS, problems)) {
    const id = clean(values.course_id);
    const title = clean(values.course_title);
    if (!/^\d+$/.test(id) || !title) {
      note(line, !title ? 'missing course_title; row skipped' : `course_id '${values.course_id}' is not a Udemy id; row skipped`);
      continue;
    }
    const paid = clean(values.is_paid).toLowerCase();
    if (paid !== 'true' && paid !== 'false') {
      note(line, `is_paid '${values.is_paid}' is not True/False; row skipped`);
      continue;
    }
    const price = paid === 'false' ? 0 : clean(values.price).toLowerCase() === 'free' ? 0 : parseCount(values.price);
    if (price === null || Number.isNaN(price)) {
      note(line, `price '${values.price}' is not a number; row skipped`);
      continue;
    }
    const duration = parseCount(values.content_duration);
    if (Number.isNaN(duration)) note(line, `content_duration '${values.content_duration}' is not a number (hours unknown)`);

    const course = blankCourse(source, id, 'Udemy', title);
    const url = clean(values.url);
    course.url = /^https?:\/\/\S+$/.test(url) ? url : null;
    course.hours = duration === null || Number.isNaN(duration) || duration === 0 ? null : Math.round(duration * 100) / 100;
    course.cost = price;
    course.currency = price > 0 ? 'USD' : null;
    course.level = levelFrom(values, 'level', (message) => note(line, message));
    course.format = 'online-self-paced';
    // Udemy issues completion certificates for paid courses only.
    course.credentialType = price > 0 ? 'certificate-of-completion' : null;
    course.issuer = 'Udemy';

    const counts: Record<string, number | null> = {};
    for (const column of ['num_subscribers', 'num_reviews', 'num_lectures'] as const) {
      const value = parseCount(values[column]);
      if (Number.isNaN(value)) note(line, `${column} '${values[column]}' is not a number (ignored)`);
      counts[column] = Number.isNaN(value) ? null : value;
    }
    course.attributes = compact({
      platform: 'Udemy',
      subjects: clean(values.subject) ? [clean(values.subject)] : [],
      enrolment: counts.num_subscribers,
      reviews: counts.num_reviews,
      lectures: counts.num_lectures,
      publishedAt: clean(values.published_timestamp),
      durationText: clean(values.content_duration),
      priceText: clean(values.price),
    });
    collector.add(course, path, line);
  }

  const version = options.version ?? (await contentVersion([path]));
  return catalogBatch(source, version, collector.courses(), problems);
}
