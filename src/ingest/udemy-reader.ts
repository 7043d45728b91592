/**
 * Udemy catalog (`udemy_courses_*.csv`, SOURCES.md §3d): titles, price, video hours, level; no
 * descriptions or skills. course_id is the external id; the file repeats 6 ids with identical
 * rows, which merge silently.
 *
 * Hours are content_duration (hours of video) as stated; 0 means unknown. Prices are the list
 * prices of the Kaggle set, taken as USD. is_paid=False means free whatever the price column says.
 */
import { compact, parseCount } from './course-common.js';
import { csvCourseReader, type CsvCourseMapping, type CsvCourseRow } from './csv-course-reader.js';
import type { CourseRecord } from './records.js';

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

function udemyCourse(row: CsvCourseRow): CourseRecord | null {
  const { values } = row;
  const id = row.text('course_id');
  if (!/^\d+$/.test(id)) {
    row.note(`course_id '${values.course_id}' is not a Udemy id; row skipped`);
    return null;
  }
  const paid = row.text('is_paid').toLowerCase();
  if (paid !== 'true' && paid !== 'false') {
    row.note(`is_paid '${values.is_paid}' is not True/False; row skipped`);
    return null;
  }
  const price = paid === 'false' ? 0 : row.text('price').toLowerCase() === 'free' ? 0 : parseCount(values.price);
  if (price === null || Number.isNaN(price)) {
    row.note(`price '${values.price}' is not a number; row skipped`);
    return null;
  }
  const duration = parseCount(values.content_duration);
  if (Number.isNaN(duration)) row.note(`content_duration '${values.content_duration}' is not a number (hours unknown)`);

  const course = row.blankCourse(id);
  const url = row.text('url');
  course.url = /^https?:\/\/\S+$/.test(url) ? url : null;
  course.hours = duration === null || Number.isNaN(duration) || duration === 0 ? null : Math.round(duration * 100) / 100;
  course.cost = price;
  course.currency = price > 0 ? 'USD' : null;
  course.level = row.level('level');
  course.format = 'online-self-paced';
  // Udemy issues completion certificates for paid courses only.
  course.credentialType = price > 0 ? 'certificate-of-completion' : null;

  course.attributes = compact({
    platform: 'Udemy',
    subjects: row.text('subject') ? [row.text('subject')] : [],
    enrolment: row.count('num_subscribers'),
    reviews: row.count('num_reviews'),
    lectures: row.count('num_lectures'),
    publishedAt: row.text('published_timestamp'),
    durationText: row.text('content_duration'),
    priceText: row.text('price'),
  });
  return course;
}

export const udemyCourses: CsvCourseMapping = { source: UDEMY_SOURCE, columns: UDEMY_COLUMNS, title: 'course_title', provider: { name: 'Udemy' }, course: udemyCourse };

export const readUdemyCatalog = csvCourseReader(udemyCourses);
