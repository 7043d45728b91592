/**
 * Coursera catalog with "skills you'll gain" tags and no descriptions or URLs
 * (`coursera_courses_skills_*.csv`, SOURCES.md §3a).
 *
 * With no platform id, the external id is `provider/product/title` slugs. The product is part of
 * it because Coursera reuses a title for a course and the specialization built around it
 * (Rutgers "Supply Chain Excellence" is both). The same course listed under several Subjects
 * merges into one record with the subjects and tags unioned.
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
  hoursFrom,
  levelFrom,
  slug,
  splitSkillList,
  tagList,
  type CourseReaderOptions,
} from './course-common.js';

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

export async function readCourseraTagsCatalog(file: string, options: CourseReaderOptions = {}): Promise<CatalogBatch> {
  const path = resolveDataFile(file);
  const source = options.source ?? COURSERA_TAGS_SOURCE;
  const problems: IngestProblem[] = [];
  const collector = new CourseCollector(problems);

  for await (const { values, line } of csvRows(path, COURSERA_TAGS_COLUMNS, problems)) {
    const title = clean(values.Title);
    const provider = clean(values.Institution);
    const product = clean(values['Learning Product']);
    if (!title || !provider) {
      problems.push({ file: path, line, message: `missing ${!title ? 'Title' : 'Institution'}; row skipped` });
      continue;
    }
    const course = blankCourse(source, [provider, product || 'course', title].map(slug).join('/'), provider, title);
    course.issuer = provider;
    course.format = 'online-self-paced';
    course.credentialType = product ? slug(product) : null;

    const note = (message: string) => problems.push({ file: path, line, message });
    course.level = levelFrom(values, 'Level', note);
    course.hours = hoursFrom(values, 'Duration', note);

    const rating = parseCount(values.Rate);
    const reviews = parseCount(values.Reviews);
    for (const [column, value] of [['Rate', rating], ['Reviews', reviews]] as const) {
      if (Number.isNaN(value)) problems.push({ file: path, line, message: `${column} '${values[column]}' is not a number (ignored)` });
    }
    course.skillTags = tagList(splitSkillList(values['Gained Skills'] ?? ''));
    course.attributes = compact({
      platform: 'Coursera',
      subjects: clean(values.Subject) ? [clean(values.Subject)] : [],
      learningProduct: product,
      rating: Number.isNaN(rating) ? null : rating,
      reviews: Number.isNaN(reviews) ? null : reviews,
      durationText: clean(values.Duration),
    });
    collector.add(course, path, line);
  }

  const version = options.version ?? (await contentVersion([path]));
  return catalogBatch(source, version, collector.courses(), problems);
}
