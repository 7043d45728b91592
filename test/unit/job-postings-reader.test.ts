import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { isPlaceholder, postingSkills, readJobPostings } from '../../src/ingest/job-postings-reader.js';
import { MissingColumnsError } from '../../src/ingest/tabular.js';

const fixture = path.resolve('test/fixtures/jobs/dice_sample.csv');

describe('readJobPostings', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'skillpath-jobs-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('counts normalised skills once per posting and titles per posting, skipping placeholders', async () => {
    const result = await readJobPostings(fixture);
    expect(result.postings).toBe(6);
    expect([...result.skillCounts]).toEqual([
      // Posting 1 lists "Java" and "java": counted once.
      ['java', 1],
      ['sql', 2],
      ['hop science', 1],
      // Posting 4 separates with semicolons.
      ['python', 1],
      // The cell spans two lines; the case variants collapse.
      ['review board', 1],
    ]);
    expect([...result.titleCounts]).toEqual([
      ['brew engineer', 2],
      ['crate wrangler (remote, nice team)', 1],
      ['data brewer', 1],
      ['foam analyst', 1],
      ['label reader', 1],
    ]);
    expect(result.problems).toEqual([
      { file: fixture, line: 6, message: 'no Designation and no Required Skills (row skipped)' },
      { file: fixture, line: 7, message: "duplicate Job_Id '1' (row skipped)" },
    ]);
  });

  it('reads a gzipped copy identically, also when given the plain name', async () => {
    const file = path.join(tmp, 'dice_sample.csv');
    writeFileSync(`${file}.gz`, gzipSync(readFileSync(fixture)));
    const plain = await readJobPostings(fixture);
    const gzipped = await readJobPostings(file);
    expect(gzipped.problems[0]?.file).toBe(`${file}.gz`);
    expect({ ...gzipped, problems: gzipped.problems.map((p) => ({ ...p, file: fixture })) }).toEqual(plain);
  });

  it('throws MissingColumnsError naming the expected columns for a file in the wrong format', async () => {
    const file = path.join(tmp, 'wrong.csv');
    writeFileSync(file, 'id,title,skills\n1,Brewer,java\n');
    const error = await readJobPostings(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingColumnsError);
    expect((error as MissingColumnsError).expected).toEqual(['Job_Id', 'Designation', 'Required Skills']);
    expect((error as Error).message).toContain('Expected columns: Job_Id, Designation, Required Skills');
  });
});

describe('skill strings', () => {
  it('drops pointers to the description but keeps real skills that start alike', () => {
    for (const text of ['see below', '*see below', '(see job description)', 'please see job description.', 'please refer to job description', 'as per detailed job description.', 'n/a', 'must have skills as listed below.']) {
      expect(isPlaceholder(text), text).toBe(true);
    }
    for (const text of ['seetest', 'review board', 'foresee', 'na-hop brewing', 'asp.net']) {
      expect(isPlaceholder(text), text).toBe(false);
    }
    expect(postingSkills(' Hop   Science ,SEE BELOW,, hop science; Cask\tCare ')).toEqual(['hop science', 'cask care']);
  });
});
