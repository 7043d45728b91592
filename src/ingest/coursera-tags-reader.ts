/**
 * Coursera catalog with "skills you'll gain" tags and no descriptions or URLs
 * (`coursera_courses_skills_*.csv`, SOURCES.md §3a).
 *
 * With no platform id, the external id is `provider/product/title` slugs. The product is part of
 * it because Coursera reuses a title for a course and the specialization built around it
 * (Rutgers "Supply Chain Excellence" is both). The same course listed under several Subjects
 * merges into one record with the subjects and tags unioned.
 */
import { compact, slug, splitSkillList, tagList } from './course-common.js';
import { csvCourseReader, type CsvCourseMapping, type CsvCourseRow } from './csv-course-reader.js';
import type { CourseRecord } from './records.js';

export const COURSERA_TAGS_SOURCE = 'coursera-tags';

export const COURSERA_TAGS_COLUMNS = [
  'Subject',
  'Title',
  'Institution',
  'Learning Product',
  'Level',
  'Duration',
  'Gained Skills',
  'Rate',
  'Reviews',
];

/** A self-paced Coursera offering of one learning product; without a URL, its id is the slugs above. */
export function courseraProductCourse(row: CsvCourseRow, product: string, url: string | null): CourseRecord {
  const course = row.blankCourse(url ?? [row.provider, product || 'course', row.title].map(slug).join('/'));
  course.format = 'online-self-paced';
  course.credentialType = product ? slug(product) : null;
  return course;
}

function courseraTagsCourse(row: CsvCourseRow): CourseRecord | null {
  const product = row.text('Learning Product');
  const course = courseraProductCourse(row, product, null);
  course.level = row.level('Level');
  course.hours = row.hours('Duration');
  const rating = row.count('Rate');
  const reviews = row.count('Reviews');
  course.skillTags = tagList(splitSkillList(row.values['Gained Skills'] ?? ''));
  course.attributes = compact({
    platform: 'Coursera',
    subjects: row.text('Subject') ? [row.text('Subject')] : [],
    learningProduct: product,
    rating,
    reviews,
    durationText: row.text('Duration'),
  });
  return course;
}

export const courseraTagsCourses: CsvCourseMapping = { source: COURSERA_TAGS_SOURCE, columns: COURSERA_TAGS_COLUMNS, title: 'Title', provider: { column: 'Institution' }, course: courseraTagsCourse };

export const readCourseraTagsCatalog = csvCourseReader(courseraTagsCourses);
