/** One process per embedded database directory: a second opener is refused, a dead owner's lock is taken over. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/db/client.js';
import { lockDatabaseDir } from '../../src/adapters/db/pglite-lock.js';
import { DomainError } from '../../src/core/errors.js';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pglite-lock-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('embedded database lock', () => {
  it('refuses a second opener with a message saying what to do, and admits the next one after close', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    const second = await openDatabase({ kind: 'pglite', dataDir: dir }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DomainError);
    expect((second as DomainError).code).toBe('database_locked');
    expect((second as DomainError).message).toContain(`process ${process.pid}`);
    expect((second as DomainError).message).toContain('DATABASE_URL');
    await first.close();
    const third = await openDatabase({ kind: 'pglite', dataDir: dir });
    await third.close();
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    // A real process that has exited: its pid is not running any more.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await fs.writeFile(path.join(dir, 'skillpath.lock'), JSON.stringify({ pid: Number(dead.stdout), host: os.hostname(), command: 'crashed', since: '2026-01-01T00:00:00Z' }));
    const release = await lockDatabaseDir(dir);
    const owner = JSON.parse(await fs.readFile(path.join(dir, 'skillpath.lock'), 'utf8'));
    expect(owner.pid).toBe(process.pid);
    await release();
    await expect(fs.access(path.join(dir, 'skillpath.lock'))).rejects.toThrow();
  });

  it('lets exactly one of several racing openers in', async () => {
    const results = await Promise.allSettled([lockDatabaseDir(dir), lockDatabaseDir(dir), lockDatabaseDir(dir)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'fulfilled') await r.value();
  });
});
