/**
 * The course-catalog formats the loader understands, by name, for the CLI and the container.
 */
import type { CatalogBatch } from './records.js';
import type { CourseReaderOptions } from './course-common.js';
import { readCourseraTagsCatalog } from './coursera-tags-reader.js';
import { readCourseraCatalog } from './coursera-reader.js';
import { readEdxCatalog } from './edx-reader.js';
import { readUdemyCatalog } from './udemy-reader.js';
import { readGenericCatalog } from './generic-course-reader.js';
import { readCtdlCatalog } from './ctdl/ctdl-reader.js';

export type { CourseReaderOptions } from './course-common.js';

export const COURSE_FORMATS = ['coursera-tags', 'coursera', 'edx', 'udemy', 'generic', 'ctdl'] as const;
export type CourseFormat = (typeof COURSE_FORMATS)[number];

type Reader = (file: string, options?: CourseReaderOptions) => Promise<CatalogBatch>;

const FORMATS: Record<CourseFormat, { read: Reader; source: string | null; help: string }> = {
  'coursera-tags': {
    read: readCourseraTagsCatalog,
    source: 'coursera-tags',
    help: 'Coursera CSV with Gained Skills tags, no descriptions (Subject, Title, Institution, ...)',
  },
  coursera: {
    read: readCourseraCatalog,
    source: 'coursera',
    help: 'Coursera CSV with descriptions, URLs and Python-list course_skills (course_title, course_url, ...)',
  },
  edx: { read: readEdxCatalog, source: 'edx', help: 'edX CSV with effort, length, price and descriptions (title, course_effort, price, ...)' },
  udemy: { read: readUdemyCatalog, source: 'udemy', help: 'Udemy CSV with price, video hours and level (course_id, content_duration, ...)' },
  generic: {
    read: readGenericCatalog,
    source: null,
    help: 'skillpath catalog format, CSV or JSON/JSON lines (docs/course-catalog-format.md); needs --source',
  },
  ctdl: { read: readCtdlCatalog, source: 'ctdl', help: 'Credential Engine CTDL JSON-LD or Open Badges 3.0 JSON; a file or a directory' },
};

export function isCourseFormat(value: string): value is CourseFormat {
  return (COURSE_FORMATS as readonly string[]).includes(value);
}

/** Default catalog source name per format; null where the caller must name it. */
export function defaultCourseSource(format: CourseFormat): string | null {
  return FORMATS[format].source;
}

export function readCourses(file: string, format: CourseFormat, options: CourseReaderOptions = {}): Promise<CatalogBatch> {
  const entry = FORMATS[format];
  if (!entry) throw new Error(`unknown course format '${String(format)}'; expected one of ${COURSE_FORMATS.join(', ')}`);
  return entry.read(file, options);
}

/** One line per format, for CLI help. */
export function describeFormats(): string {
  const width = Math.max(...COURSE_FORMATS.map((f) => f.length));
  return COURSE_FORMATS.map((f) => `${f.padEnd(width)}  ${FORMATS[f].help}`).join('\n');
}
