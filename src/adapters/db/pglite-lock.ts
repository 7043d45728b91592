/**
 * An exclusive lock on an embedded database directory. PGlite keeps its own copy of the data in
 * memory and writes it back: two processes on one PGLITE_DIR (a server and `skillpath report`,
 * or two servers) each saw only their own writes, and the last to write won — acknowledged
 * reports were lost. So whichever process opens the directory first holds it, and any other is
 * refused with a message saying what to do; a lock left by a process that died is taken over.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DomainError } from '../../core/errors.js';

const LOCK_FILE = 'skillpath.lock';

interface LockOwner {
  pid: number;
  host: string;
  command: string;
  since: string;
}

function alive(owner: LockOwner): boolean {
  // Another machine's process cannot be checked from here: treat it as alive (shared disks).
  if (owner.host !== os.hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LockOwner;
  } catch {
    return null; // gone meanwhile, or half-written by a process that died while writing it
  }
}

/** Takes the lock on `dir` or throws `database_locked`; returns the release function. */
export async function lockDatabaseDir(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), command: process.argv.slice(1, 3).map((a) => path.basename(a)).join(' '), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // 'wx': create only if absent, so of two processes racing exactly one gets it.
      await writeFile(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      return async () => {
        const owner = await readOwner(file);
        if (owner?.pid === me.pid && owner.since === me.since) await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(file);
    if (owner && alive(owner)) {
      throw new DomainError(
        'unavailable',
        'database_locked',
        `The embedded database in ${dir} is in use by process ${owner.pid} (${owner.command || 'skillpath'}, since ${owner.since}). ` +
          'Only one process can use an embedded database: stop that one first, or set DATABASE_URL to a PostgreSQL database that several processes can share.',
        { pid: owner.pid },
      );
    }
    // The owner died without releasing it (or the file is unreadable): take it over.
    await rm(file, { force: true });
  }
  throw new DomainError('unavailable', 'database_locked', `Could not take the lock on the embedded database in ${dir}; retry.`);
}
