/**
 * The generic course-catalog format a platform can export to: CSV (plain or gzipped) or JSON
 * (an array, or JSON lines). docs/course-catalog-format.md is the contract; keep the two in step.
 * Each row is validated on its own, so one bad row becomes a problem naming the field and the
 * rest still load.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { InputFileError, resolveDataFile } from './tabular.js';
import type { CatalogBatch, IngestProblem } from './records.js';
import { CourseBatchBuilder } from './course-batch-builder.js';
import { blankCourse, clean, cleanParagraphs, compact, tagList, type CourseReaderOptions } from './course-common.js';
import { csvRows } from './csv-course-reader.js';

const Text = Type.String({ minLength: 1, maxLength: 500 });
const Ids = Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 500 });

export const GenericCourse = Type.Object({
  id: Text,
  title: Text,
  provider: Text,
  description: Type.Optional(Type.String({ maxLength: 100_000 })),
  url: Type.Optional(Type.String({ pattern: '^https?://\\S+$', maxLength: 2000 })),
  hours: Type.Optional(Type.Number({ minimum: 0 })),
  cost: Type.Optional(Type.Number({ minimum: 0 })),
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
  level: Type.Optional(Type.Enum(['beginner', 'intermediate', 'advanced'])),
  language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' })),
  format: Type.Optional(Text),
  credential_type: Type.Optional(Text),
  issuer: Type.Optional(Text),
  skills: Type.Optional(Type.Array(Text, { maxItems: 500 })),
  prerequisites: Type.Optional(Ids),
  stacks_into: Type.Optional(Ids),
});
type GenericCourse = Static<typeof GenericCourse>;

export const GENERIC_REQUIRED_COLUMNS = ['id', 'title', 'provider'];
const KNOWN_FIELDS = new Set(Object.keys(GenericCourse.properties));
const NUMBER_FIELDS = new Set(['hours', 'cost']);
const LIST_FIELDS = new Set(['skills', 'prerequisites', 'stacks_into']);

export type GenericForm = 'csv' | 'json' | 'jsonl';

export function genericForm(file: string): GenericForm {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  throw new InputFileError(`${file}: generic catalogs are .csv, .json, .jsonl or .ndjson (optionally .gz)`);
}

/** CSV cells are text: numbers and `;` lists are converted so one schema checks both forms. */
function fromCsv(values: Record<string, string>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(values)) {
    const value = key === 'description' ? raw.trim() : clean(raw);
    if (value === '' || key === '') continue;
    if (NUMBER_FIELDS.has(key)) item[key] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    else if (LIST_FIELDS.has(key)) item[key] = value.split(';').map((s) => clean(s)).filter((s) => s !== '');
    else item[key] = value;
  }
  return item;
}

/** JSON nulls mean "not stated", as an empty CSV cell does. */
function fromJson(value: unknown): Record<string, unknown> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
}

async function* jsonItems(file: string, form: 'json' | 'jsonl', problems: IngestProblem[]) {
  const bytes = await readFile(file);
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8').replace(/^\uFEFF/, '');
  if (form === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      problems.push({ file, line: null, message: `not valid JSON: ${(error as Error).message}` });
      return;
    }
    if (!Array.isArray(data)) {
      problems.push({ file, line: null, message: 'expected a JSON array of courses' });
      return;
    }
    for (const [index, item] of data.entries()) yield { item: item as unknown, line: index + 1 };
    return;
  }
  for (const [index, lineText] of text.split(/\r?\n/).entries()) {
    if (lineText.trim() === '') continue;
    try {
      yield { item: JSON.parse(lineText) as unknown, line: index + 1 };
    } catch (error) {
      problems.push({ file, line: index + 1, message: `not valid JSON: ${(error as Error).message}; row skipped` });
    }
  }
}

export async function readGenericCatalog(file: string, options: CourseReaderOptions = {}): Promise<CatalogBatch> {
  const source = options.source;
  if (!source) throw new InputFileError('the generic course format needs a catalog source name (options.source, e.g. --source acme)');
  const path = resolveDataFile(file);
  const form = genericForm(path);
  const builder = new CourseBatchBuilder(source, options.version);
  const { problems, collector } = builder;
  const lines = new Map<string, number>();

  const rows =
    form === 'csv'
      ? (async function* () {
          for await (const row of csvRows(path, GENERIC_REQUIRED_COLUMNS, problems)) yield { item: fromCsv(row.values) as unknown, line: row.line };
        })()
      : jsonItems(path, form, problems);

  for await (const { item: rawItem, line } of rows) {
    const item = form === 'csv' ? (rawItem as Record<string, unknown>) : fromJson(rawItem);
    if (item === null) {
      builder.note(path, line, 'expected an object; row skipped');
      continue;
    }
    if (!Value.Check(GenericCourse, item)) {
      const first = [...Value.Errors(GenericCourse, item)][0];
      const where = first?.instancePath ? `${first.instancePath}: ` : '';
      builder.note(path, line, `${where}${first?.message ?? 'invalid row'}; row skipped`);
      continue;
    }
    const row: GenericCourse = item;
    if ((row.cost ?? 0) > 0 && row.currency === undefined) {
      builder.note(path, line, '/currency: required when cost is above 0; row skipped');
      continue;
    }
    const course = blankCourse(source, row.id, row.provider, row.title);
    course.description = cleanParagraphs(row.description);
    course.url = row.url ?? null;
    course.hours = row.hours ?? null;
    course.cost = row.cost ?? null;
    course.currency = row.currency ?? null;
    course.level = row.level ?? null;
    course.language = row.language ?? null;
    course.format = row.format ?? null;
    course.credentialType = row.credential_type ?? null;
    course.issuer = row.issuer ?? null;
    course.prerequisites = [...new Set(row.prerequisites ?? [])];
    course.stacksInto = [...new Set(row.stacks_into ?? [])];
    course.skillTags = tagList(row.skills ?? []);
    course.attributes = compact(Object.fromEntries(Object.entries(item).filter(([key]) => !KNOWN_FIELDS.has(key))));
    if (!collector.has(row.id)) lines.set(row.id, line);
    collector.add(course, path, line);
  }

  const courses = collector.courses();
  const known = new Set(courses.map((c) => c.externalId));
  for (const course of courses) {
    const keep = (field: 'prerequisites' | 'stacks_into') => (id: string) => {
      if (known.has(id)) return true;
      builder.note(path, lines.get(course.externalId) ?? null, `${course.externalId}: ${field} names unknown course '${id}' (link dropped)`);
      return false;
    };
    course.prerequisites = course.prerequisites.filter(keep('prerequisites'));
    course.stacksInto = course.stacksInto.filter(keep('stacks_into'));
  }

  return builder.batch([path]);
}
