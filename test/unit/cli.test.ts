/** The CLI as a user runs it: a real process, stdout for results, stderr for problems. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

// Resolved from the project, since the CLI runs in a temporary directory without node_modules.
const tsxLoader = pathToFileURL(path.join(packageRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const tmp = mkdtempSync(path.join(tmpdir(), 'skillpath-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'PORT', 'LOG_LEVEL', 'EMBEDDING_PROVIDER'].includes(k)),
  );
  return spawnSync(process.execPath, ['--import', tsxLoader, path.join(packageRoot, 'src/cli/main.ts'), ...args], {
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
    expect(JSON.parse(first.stdout)).toEqual({ database: 'pglite', applied: 1, upToDate: true });
    const second = cli(['migrate', '--json'], env);
    expect(JSON.parse(second.stdout)).toEqual({ database: 'pglite', applied: 0, upToDate: true });
  });

  it('exits 1 at start with one message listing every bad setting', () => {
    const run = cli(['migrate'], { PORT: 'eighty', EMBEDDING_PROVIDER: 'magic' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Invalid configuration:\n {2}- PORT: .*\n {2}- EMBEDDING_PROVIDER: must be one of transformers, none/);
  });

  it('rejects an unknown command with exit code 2', () => {
    const run = cli(['frobnicate']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Unknown command 'frobnicate'/);
  });
});
