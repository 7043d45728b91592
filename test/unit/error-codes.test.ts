import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/core/errors.js';
import { STATUS_BY_KIND } from '../../src/http/problem.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const HEADER = '| Code | Status | Meaning |';

/** The README's table of stable codes: code → HTTP status, in the order written. */
function readmeCodes(): [string, number][] {
  const lines = README.split('\n');
  const start = lines.indexOf(HEADER);
  if (start < 0) throw new Error(`README.md has no error-code table (a line '${HEADER}')`);
  const rows: [string, number][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const match = /^\| `([^`]+)` \| (\d{3}) \|/.exec(line);
    if (!match) throw new Error(`README.md error-code row does not read as | \`code\` | status | meaning |: ${line}`);
    rows.push([match[1]!, Number(match[2])]);
  }
  return rows;
}

const catalogue = Object.entries(ERROR_CODES).map(([code, entry]): [string, number] => [code, STATUS_BY_KIND[entry.kind]]);

describe('the error-code catalogue', () => {
  it('names every code once, in snake_case', () => {
    const codes = Object.keys(ERROR_CODES);
    expect(codes.length).toBeGreaterThan(30);
    for (const code of codes) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gives every code a one-line meaning', () => {
    for (const entry of Object.values(ERROR_CODES)) expect(entry.meaning).toMatch(/^[^\n|]+$/);
  });

  it('is the README’s table, both ways, with the same HTTP status for each code', () => {
    const readme = readmeCodes();
    const listed = readme.map(([code]) => code);
    expect(new Set(listed).size, 'a code is listed twice in README.md').toBe(listed.length);
    const inCatalogue = new Set(Object.keys(ERROR_CODES));
    expect(listed.filter((code) => !inCatalogue.has(code)), 'in README.md but not in the catalogue').toEqual([]);
    expect([...inCatalogue].filter((code) => !listed.includes(code)), 'in the catalogue but not in README.md').toEqual([]);
    expect(Object.fromEntries(readme)).toEqual(Object.fromEntries(catalogue));
  });
});
