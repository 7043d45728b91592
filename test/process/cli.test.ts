/** The CLI as a user runs it: a real process, stdout for results, stderr for problems. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { cliArgs } from '../helpers/processes.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'skillpath-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'PORT', 'LOG_LEVEL', 'EMBEDDING_PROVIDER'].includes(k)),
  );
  return spawnSync(process.execPath, cliArgs(...args), {
    cwd: tmp,
    env: { ...clean, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('skillpath CLI', () => {
  it('prints help listing its commands', () => {
    const run = cli(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Usage: skillpath <command>/);
    expect(run.stdout).toMatch(/serve\s+Start the HTTP server/);
    expect(run.stdout).toMatch(/migrate\s+Apply pending database migrations/);
  });

  it('migrates the embedded database and reports it as JSON on stdout, idempotently', () => {
    const env = { PGLITE_DIR: path.join(tmp, 'pglite') };
    const first = cli(['migrate', '--json'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ database: 'pglite', applied: 5, upToDate: true });
    const second = cli(['migrate', '--json'], env);
    expect(JSON.parse(second.stdout)).toEqual({ database: 'pglite', applied: 0, upToDate: true });
  });

  it('creates, lists and revokes API keys, showing a secret only once', () => {
    const env = { PGLITE_DIR: path.join(tmp, 'keys-db'), EMBEDDING_PROVIDER: 'none' };
    const created = cli(['keys', 'create', '--name', 'platform', '--scopes', 'recommend,read', '--json'], env);
    expect(created.status, created.stderr).toBe(0);
    const key = JSON.parse(created.stdout);
    expect(key).toMatchObject({ name: 'platform', scopes: ['recommend', 'read'], revokedAt: null });
    expect(key.key).toMatch(new RegExp(`^sk_${key.id}_`));
    const listed = JSON.parse(cli(['keys', 'list', '--json'], env).stdout);
    expect(listed.keys).toEqual([{ id: key.id, name: 'platform', scopes: ['recommend', 'read'], createdAt: key.createdAt, revokedAt: null }]);
    expect(cli(['keys', 'revoke', key.id], env).status).toBe(0);
    expect(JSON.parse(cli(['keys', 'list', '--json'], env).stdout).keys[0].revokedAt).not.toBeNull();
    const bad = cli(['keys', 'create', '--name', 'x', '--scopes', 'root'], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/unknown: root/);
  });

  it('refuses a second process on one embedded database with what to do instead', async () => {
    const dir = path.join(tmp, 'locked-db');
    const { lockDatabaseDir } = await import('../../src/adapters/db/pglite-lock.js');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    const release = await lockDatabaseDir(dir);
    try {
      const run = cli(['keys', 'list'], { PGLITE_DIR: dir });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`in use by process ${process.pid}`));
      expect(run.stderr).toMatch(/DATABASE_URL/);
    } finally {
      await release();
    }
  });

  it('exits 1 at start with one message listing every bad setting', () => {
    const run = cli(['migrate'], { PORT: 'eighty', EMBEDDING_PROVIDER: 'magic' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Invalid configuration:\n {2}- PORT: .*\n {2}- EMBEDDING_PROVIDER: must be one of transformers, openai, none/);
  });

  it('rejects an unknown command with exit code 2', () => {
    const run = cli(['frobnicate']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Unknown command 'frobnicate'/);
  });

  it('ingests a source idempotently and summarises it as JSON', () => {
    const env = { PGLITE_DIR: path.join(tmp, 'ingest-db'), LOAD_STARTER_CATALOG: 'false' };
    const dir = path.join(packageRoot, 'test/fixtures/onet/29.2');
    const first = cli(['ingest', 'onet', dir, '--json'], env);
    expect(first.status, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ source: 'onet', version: '29.2', updated: 0, unchanged: 0, removed: 0, embedded: 0 });
    expect(summary.added).toBeGreaterThan(0);
    for (const key of ['added', 'updated', 'unchanged', 'removed', 'failed', 'embedded', 'seconds']) {
      expect(typeof summary[key], key).toBe('number');
    }
    // Progress and problems go to stderr, never into the JSON on stdout.
    expect(first.stderr).toMatch(/reading onet/);

    const again = JSON.parse(cli(['ingest', 'onet', dir, '--json'], env).stdout);
    expect(again).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: summary.added });
  });

  it('refuses a file of the wrong format naming the expected columns, and --strict refuses problem rows', () => {
    const env = { PGLITE_DIR: path.join(tmp, 'ingest-db-2'), LOAD_STARTER_CATALOG: 'false' };
    const udemy = path.join(packageRoot, 'test/fixtures/courses/udemy_courses.csv');
    const wrong = cli(['ingest', 'courses', udemy, '--format', 'edx'], env);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/not the expected format; missing column\(s\) .*Expected columns: /);
    expect(wrong.stderr).not.toMatch(/"stack"/);

    const strict = cli(['ingest', 'esco', path.join(packageRoot, 'test/fixtures/esco/v1.1.1'), '--strict', '--json'], env);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/--strict: \d+ problem row\(s\), nothing was stored/);
    const status = JSON.parse(cli(['index', 'status', '--json'], env).stdout);
    expect(status.totals).toEqual({ skills: 0, roles: 0, courses: 0 });

    const bad = cli(['ingest', 'courses', udemy, '--format', 'nope'], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--format must be one of: coursera-tags, coursera, edx, udemy, generic, ctdl/);
  });

  it('recommends a path for a learner file, and refuses invalid constraints', () => {
    const env = { PGLITE_DIR: path.join(tmp, 'recommend-db') };
    const learner = path.join(tmp, 'learner.json');
    writeFileSync(learner, JSON.stringify({ skills: [{ label: 'SQL' }], text: 'I build dashboards in Tableau.' }));
    const run = cli(['recommend', '--learner', learner, '--role', 'data analyst', '--hours-per-week', '6', '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const body = JSON.parse(run.stdout);
    expect(body.target).toMatchObject({ matchedBy: 'title', role: { title: 'Data Analyst' } });
    expect(body.path.length).toBeGreaterThan(0);
    expect(body.totals.weeks).toBe(Math.ceil(body.totals.hours / 6));

    const human = cli(['recommend', '--learner', learner, '--role', 'data-analyst'], env);
    expect(human.stdout).toMatch(/^Target: Data Analyst \(starter data-analyst\), matched by code/);
    expect(human.stdout).toMatch(/\n {2}1\. /);

    const bad = cli(['recommend', '--learner', learner, '--role', 'data-analyst', '--max-cost', 'lots'], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/constraints\.maxCost: must be number/);
  });
});
