/**
 * A course reader for a flat CSV catalog, built from a mapping: the columns the file must have,
 * where the title and provider are, and how a row becomes a course. A new CSV catalog format is
 * one mapping file (see udemy-reader.ts) and one entry in course-formats.ts.
 */
import { CsvError } from 'csv-parse';
import type { Level } from '../core/catalog.js';
import { CourseBatchBuilder } from './course-batch-builder.js';
import { blankCourse, clean, estimateHours, parseCount, parseLevel, type CourseReader, type CourseReaderOptions } from './course-common.js';
import type { CourseRecord, IngestProblem } from './records.js';
import { MissingColumnsError, readCsv, resolveDataFile, type Row } from './tabular.js';

export interface CsvCourseMapping {
  /** Catalog source name when the caller names none. */
  source: string;
  /** Header columns the file must have; a file without them is refused before any row. */
  columns: string[];
  /** The title column; a row with it empty is skipped. */
  title: string;
  /** The provider column (a row with it empty is skipped), or the one provider of every row. */
  provider: { column: string } | { name: string };
  /** The course a row describes (start from row.blankCourse), or null to skip the row after noting why. */
  course: (row: CsvCourseRow) => CourseRecord | null;
}

const HTTP_URL = /^https?:\/\/\S+$/;

/** One CSV row as a mapping reads it; the helpers note what they cannot read and go on. */
export class CsvCourseRow {
  constructor(
    readonly values: Record<string, string>,
    readonly line: number,
    readonly title: string,
    readonly provider: string,
    private readonly source: string,
    private readonly file: string,
    private readonly problems: IngestProblem[],
  ) {}

  /** A course from this row's title and provider, issued by the provider; the mapping fills in the rest. */
  blankCourse(externalId: string): CourseRecord {
    const course = blankCourse(this.source, externalId, this.provider, this.title);
    course.issuer = this.provider;
    return course;
  }

  note(message: string): void {
    this.problems.push({ file: this.file, line: this.line, message });
  }

  /** The cell with whitespace cleaned ('' when empty). */
  text(column: string): string {
    return clean(this.values[column]);
  }

  /** A count ("6,706", "39.2k"); null when empty, and when not a number (noted). */
  count(column: string): number | null {
    const value = parseCount(this.values[column]);
    if (Number.isNaN(value)) this.note(`${column} '${this.values[column]}' is not a number (ignored)`);
    return Number.isNaN(value) ? null : value;
  }

  /** The level, or null with a problem noted when it is not a level we know. */
  level(column: string): Level | null {
    const level = parseLevel(this.values[column]);
    if (level === undefined) this.note(`unknown ${column} '${this.values[column] ?? ''}' (set to null)`);
    return level ?? null;
  }

  /** Hours estimated from the duration text, noting text we could not read. */
  hours(column: string): number | null {
    const hours = estimateHours(this.values[column]);
    if (hours === null && this.text(column) !== '') this.note(`unrecognised ${column} '${this.values[column]}' (hours unknown)`);
    return hours;
  }

  /** An http(s) URL, or null; other text is noted and ignored. */
  url(column: string): string | null {
    const url = this.text(column);
    const valid = HTTP_URL.test(url);
    if (url && !valid) this.note(`${column} '${url}' is not a URL (ignored)`);
    return valid ? url : null;
  }
}

/**
 * readCsv, but a parse error part-way (an unclosed quote, say) becomes a problem at the line
 * where it happened instead of losing the rows already read. A wrong header still throws.
 */
export async function* csvRows(file: string, required: string[], problems: IngestProblem[]): AsyncGenerator<Row> {
  try {
    yield* readCsv(file, required);
  } catch (error) {
    if (error instanceof MissingColumnsError || !(error instanceof CsvError)) throw error;
    problems.push({ file, line: typeof error.lines === 'number' ? error.lines : null, message: `CSV parse error: ${error.message}; rest of file skipped` });
  }
}

/** The row's title and provider, or the first of their columns that is empty. */
function titleAndProvider(mapping: CsvCourseMapping, values: Record<string, string>): { title: string; provider: string } | { missing: string } {
  const title = clean(values[mapping.title]);
  if (!title) return { missing: mapping.title };
  if ('name' in mapping.provider) return { title, provider: mapping.provider.name };
  const provider = clean(values[mapping.provider.column]);
  return provider ? { title, provider } : { missing: mapping.provider.column };
}

export function csvCourseReader(mapping: CsvCourseMapping): CourseReader {
  return async (file: string, options: CourseReaderOptions = {}) => {
    const path = resolveDataFile(file);
    const builder = new CourseBatchBuilder(options.source ?? mapping.source, options.version);
    for await (const { values, line } of csvRows(path, mapping.columns, builder.problems)) {
      const named = titleAndProvider(mapping, values);
      if ('missing' in named) {
        builder.note(path, line, `missing ${named.missing}; row skipped`);
        continue;
      }
      const course = mapping.course(new CsvCourseRow(values, line, named.title, named.provider, builder.source, path, builder.problems));
      if (course) builder.collector.add(course, path, line);
    }
    return builder.batch([path]);
  };
}
