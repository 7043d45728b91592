/**
 * Line-aware readers for the delimited files the sources ship, plain or gzipped. Every row
 * comes with the 1-based line where it starts, so problems can point at file and line.
 *
 * CSV goes through csv-parse (ESCO fields hold quoted newlines and mixed line endings); TSV is
 * split on tabs with no quote handling, as O*NET's export requires (cells contain bare `"`).
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';

export interface Row {
  /** Cells by header name (header names trimmed). */
  values: Record<string, string>;
  /** 1-based line where the row starts. */
  line: number;
}

/** Something is wrong with an input file itself (missing, wrong format): the user's to fix, not a bug. */
export class InputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputFileError';
  }
}

/** `name.csv` or `name.csv.gz`, whichever exists (the plain one first). */
export function resolveDataFile(file: string): string {
  if (existsSync(file)) return file;
  if (existsSync(`${file}.gz`)) return `${file}.gz`;
  if (file.endsWith('.gz') && existsSync(file.slice(0, -3))) return file.slice(0, -3);
  throw new InputFileError(`file not found: ${file} (nor ${file}.gz)`);
}

function open(file: string): Readable {
  const stream = createReadStream(file);
  return file.endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
}

export class MissingColumnsError extends InputFileError {
  constructor(
    readonly file: string,
    readonly missing: string[],
    readonly expected: string[],
  ) {
    super(`${file}: not the expected format; missing column(s) ${missing.join(', ')}. Expected columns: ${expected.join(', ')}`);
    this.name = 'MissingColumnsError';
  }
}

function checkHeader(file: string, header: string[], required: string[]): void {
  const missing = required.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new MissingColumnsError(file, missing, required);
}

/** Streams CSV rows (RFC 4180, header row first). Throws MissingColumnsError before any row. */
export async function* readCsv(file: string, required: string[] = []): AsyncGenerator<Row> {
  const path = resolveDataFile(file);
  const parser = open(path).pipe(
    // Both endings: csv-parse otherwise fixes the record delimiter from the first line, and
    // ESCO files mix CRLF and LF, which would merge rows.
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, record_delimiter: ['\r\n', '\n'] }),
  );
  let header: string[] | null = null;
  for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const cells = record.record;
    if (!header) {
      header = cells.map((c) => c.trim());
      checkHeader(path, header, required);
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((name, i) => {
      values[name] = cells[i] ?? '';
    });
    // csv-parse reports the line where the record ends; multi-line records start earlier.
    const spanned = cells.reduce((n, c) => n + (c.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    yield { values, line: record.info.lines - spanned };
  }
}

/** Streams TSV rows split on tabs, no quoting. Throws MissingColumnsError before any row. */
export async function* readTsv(file: string, required: string[] = []): AsyncGenerator<Row> {
  const path = resolveDataFile(file);
  const lines = createInterface({ input: open(path), crlfDelay: Infinity });
  let header: string[] | null = null;
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    const cells = text.split('\t');
    if (!header) {
      header = cells.map((c) => c.replace(/^\uFEFF/, '').trim());
      checkHeader(path, header, required);
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((name, i) => {
      values[name] = cells[i] ?? '';
    });
    yield { values, line };
  }
}
