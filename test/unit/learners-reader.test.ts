/** Learner files as `skillpath report` reads them: the 20-learner sample cohort, and a JSONL file with bad lines. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLearners } from '../../src/ingest/learners-reader.js';
import { packageRoot } from '../../src/paths.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'skillpath-learners-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const sample = path.join(packageRoot, 'data/samples/cohort-learners.csv');

describe('learner files', () => {
  it('reads CSV lists, catalog ids, levels and free text', async () => {
    const { learners, problems } = await readLearners(sample);
    expect(problems).toEqual([]);
    expect(learners).toHaveLength(20);
    expect(learners[0]).toEqual({
      id: 'learner-01',
      credentials: [{ name: 'SQL Foundations for Analysts' }],
      skills: [{ label: 'Spreadsheet analysis', level: 'intermediate' }],
      text: 'I prepare weekly sales reports in Excel for my team.',
    });
    const jsonl = path.join(tmp, 'learners.jsonl');
    writeFileSync(jsonl, '{"id":"a","skills":[{"id":"sql"}]}\nnot json\n{"skills":[]}\n{"id":"a"}\n');
    const read = await readLearners(jsonl);
    expect(read.learners.map((l) => l.id)).toEqual(['a']);
    expect(read.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'not valid JSON'],
      [3, 'learner has no id'],
      [4, "duplicate learner id 'a' (skipped)"],
    ]);
  });
});
