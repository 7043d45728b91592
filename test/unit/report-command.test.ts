/** `skillpath report` as a batch job would run it: the 20-learner sample cohort on the starter catalog. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { readLearners } from '../../src/ingest/learners-reader.js';

const tsxLoader = pathToFileURL(path.join(packageRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const tmp = mkdtempSync(path.join(tmpdir(), 'skillpath-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const sample = path.join(packageRoot, 'data/samples/cohort-learners.csv');

function cli(args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'LOG_LEVEL'].includes(k)));
  return spawnSync(process.execPath, ['--import', tsxLoader, path.join(packageRoot, 'src/cli/main.ts'), ...args], {
    cwd: tmp,
    env: { ...env, PGLITE_DIR: path.join(tmp, 'db'), EMBEDDING_PROVIDER: 'none', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

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

describe('skillpath report', () => {
  it('writes a report per learner and a cohort summary, and resumes without redoing work', () => {
    const out = path.join(tmp, 'cohort');
    const run = cli(['report', '--learners', sample, '--role', 'data-analyst', '--out', out, '--hours-per-week', '5', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ learners: 20, written: 20, skipped: 0, failed: 0 });
    expect(summary.averageCoverageAfter).toBeGreaterThan(summary.averageCoverageBefore);
    expect(run.stderr).toMatch(/reporting on 20 learners/);

    const files = readdirSync(out);
    for (const ext of ['html', 'json', 'csv']) expect(files.filter((f) => f.endsWith(`.${ext}`)).length).toBeGreaterThanOrEqual(20);
    const cohort = JSON.parse(readFileSync(path.join(out, 'cohort.json'), 'utf8'));
    expect(cohort.role.title).toBe('Data Analyst');
    expect(cohort.learners).toHaveLength(20);
    expect(cohort.missingSkills[0].learners).toBeGreaterThan(1);
    expect(cohort.closingCourses.length).toBeGreaterThan(0);
    const index = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(index).toContain('href="learner-01.html"');
    // The per-learner page opens offline: nothing it needs lives on a server.
    const page = readFileSync(path.join(out, 'learner-01.html'), 'utf8');
    expect(page).toContain('Data Analyst');
    expect(page).not.toMatch(/<script|<link[^>]+stylesheet|src="http/);

    const again = JSON.parse(cli(['report', '--learners', sample, '--role', 'data-analyst', '--out', out, '--json']).stdout);
    expect(again).toMatchObject({ written: 0, skipped: 20, failed: 0 });
  });

  it('reports a failure per learner and exits non-zero only then', () => {
    const run = cli(['report', '--learners', sample, '--role', 'chief vibes officer', '--out', path.join(tmp, 'failing')]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/0 report\(s\) written, 0 kept from an earlier run, 20 failed/);
    expect(run.stdout).toMatch(/failed: learner-01: No role matches the title 'chief vibes officer'/);
  });
});
