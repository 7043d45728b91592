/**
 * The course-catalog formats the loader understands, by name, for the CLI and the container.
 * A flat CSV format is a mapping file (csv-course-reader.ts) plus one entry in READERS.
 */
import type { CatalogBatch } from './records.js';
import type { CourseReader, CourseReaderOptions } from './course-common.js';
import { COURSERA_TAGS_SOURCE, readCourseraTagsCatalog } from './coursera-tags-reader.js';
import { COURSERA_SOURCE, readCourseraCatalog } from './coursera-reader.js';
import { EDX_SOURCE, readEdxCatalog } from './edx-reader.js';
import { readUdemyCatalog, UDEMY_SOURCE } from './udemy-reader.js';
import { readGenericCatalog } from './generic-course-reader.js';
import { CTDL_SOURCE, readCtdlCatalog } from './ctdl/ctdl-reader.js';

export type { CourseReaderOptions } from './course-common.js';

interface CourseReaderEntry {
  format: string;
  read: CourseReader;
  /** Default catalog source name; null where the caller must name it. */
  source: string | null;
  /** One line for CLI help. */
  help: string;
}

/** The reader table, in the order the CLI lists the formats. */
const READERS = [
  {
    format: 'coursera-tags',
    read: readCourseraTagsCatalog,
    source: COURSERA_TAGS_SOURCE,
    help: 'Coursera CSV with Gained Skills tags, no descriptions (Subject, Title, Institution, ...)',
  },
  {
    format: 'coursera',
    read: readCourseraCatalog,
    source: COURSERA_SOURCE,
    help: 'Coursera CSV with descriptions, URLs and Python-list course_skills (course_title, course_url, ...)',
  },
  { format: 'edx', read: readEdxCatalog, source: EDX_SOURCE, help: 'edX CSV with effort, length, price and descriptions (title, course_effort, price, ...)' },
  { format: 'udemy', read: readUdemyCatalog, source: UDEMY_SOURCE, help: 'Udemy CSV with price, video hours and level (course_id, content_duration, ...)' },
  {
    format: 'generic',
    read: readGenericCatalog,
    source: null,
    help: 'skillpath catalog format, CSV or JSON/JSON lines (docs/course-catalog-format.md); needs --source',
  },
  { format: 'ctdl', read: readCtdlCatalog, source: CTDL_SOURCE, help: 'Credential Engine CTDL JSON-LD or Open Badges 3.0 JSON; a file or a directory' },
] as const satisfies readonly CourseReaderEntry[];

export type CourseFormat = (typeof READERS)[number]['format'];
export const COURSE_FORMATS: readonly CourseFormat[] = READERS.map((entry) => entry.format);

const BY_FORMAT = new Map<string, CourseReaderEntry>(READERS.map((entry) => [entry.format, entry]));

export function isCourseFormat(value: string): value is CourseFormat {
  return BY_FORMAT.has(value);
}

/** Default catalog source name per format; null where the caller must name it. */
export function defaultCourseSource(format: CourseFormat): string | null {
  return BY_FORMAT.get(format)?.source ?? null;
}

export function readCourses(file: string, format: CourseFormat, options: CourseReaderOptions = {}): Promise<CatalogBatch> {
  const entry = BY_FORMAT.get(format);
  if (!entry) throw new Error(`unknown course format '${String(format)}'; expected one of ${COURSE_FORMATS.join(', ')}`);
  return entry.read(file, options);
}

/** One line per format, for CLI help. */
export function describeFormats(): string {
  const width = Math.max(...COURSE_FORMATS.map((f) => f.length));
  return READERS.map((entry) => `${entry.format.padEnd(width)}  ${entry.help}`).join('\n');
}
