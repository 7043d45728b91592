/** One process per embedded database directory: a second opener is refused, a dead owner's lock is taken over. */
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
  it('refuses a second opener with a message saying what to do, and admits the next one after close', { timeout: 30_000 }, async () => {
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

  it('takes over a lock its holder stopped refreshing (a process that died, even as PID 1 in a restarted container)', async () => {
    // What a dead holder leaves: the lock directory, last refreshed a minute ago.
    const lockDir = path.join(dir, 'skillpath.lock');
    await fs.mkdir(lockDir);
    const minuteAgo = new Date(Date.now() - 60_000); // past the default 20 s
    await fs.utimes(lockDir, minuteAgo, minuteAgo);
    await fs.writeFile(path.join(dir, 'skillpath.lock.json'), JSON.stringify({ pid: 1, host: os.hostname(), command: 'crashed', since: '2026-01-01T00:00:00Z' }));
    const release = await lockDatabaseDir(dir);
    const owner = JSON.parse(await fs.readFile(path.join(dir, 'skillpath.lock.json'), 'utf8'));
    expect(owner.pid).toBe(process.pid);
    await release();
    await expect(fs.access(lockDir)).rejects.toThrow();
  });

  it('lets exactly one of several racing openers in', { timeout: 30_000 }, async () => {
    const results = await Promise.allSettled([lockDatabaseDir(dir), lockDatabaseDir(dir), lockDatabaseDir(dir)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'fulfilled') await r.value();
  });
});
