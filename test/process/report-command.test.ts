/** `skillpath report` as a batch job would run it: the 20-learner sample cohort on the starter catalog. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { cliArgs } from '../helpers/processes.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'skillpath-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const sample = path.join(packageRoot, 'data/samples/cohort-learners.csv');

function cli(args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'LOG_LEVEL'].includes(k)));
  return spawnSync(process.execPath, cliArgs(...args), {
    cwd: tmp,
    env: { ...env, PGLITE_DIR: path.join(tmp, 'db'), EMBEDDING_PROVIDER: 'none', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

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
