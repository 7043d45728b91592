/**
 * An exclusive lock on an embedded database directory. PGlite keeps its own copy of the data in
 * memory and writes it back: two processes on one PGLITE_DIR (a server and `skillpath report`,
 * or two servers) each saw only their own writes, and the last to write won — acknowledged
 * reports were lost. So whichever process opens the directory first holds it, and any other is
 * refused with a message saying what to do.
 *
 * proper-lockfile rather than a pid file: its lock is an atomic mkdir whose mtime the holder
 * refreshes, so a holder that died — even as PID 1 in a restarted container, or on another host
 * sharing the volume — is recognised by its stale mtime (PGLITE_LOCK_STALE_MS), not by asking
 * whether some process with that pid exists.
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { databaseLocked } from '../../core/errors.js';

const LOCK_TARGET = 'skillpath';
/**
 * A lock not refreshed for this long belongs to a process that died. Generous, because the
 * holder refreshes it from its event loop, which a refresh on the full data has stalled for 7 s;
 * a lock taken over from a live holder would mean two writers (proper-lockfile then stops the
 * holder rather than let it write on).
 */
export const DEFAULT_LOCK_STALE_MS = 20_000;
/** How long a second process waits for the lock before it is refused. */
const WAIT_MS = 3000;

interface LockOwner {
  pid: number;
  host: string;
  command: string;
  since: string;
}

/** Takes the lock on `dir` or throws `database_locked`; returns the release function. */
export async function lockDatabaseDir(dir: string, staleMs = DEFAULT_LOCK_STALE_MS): Promise<() => Promise<void>> {
  const target = path.join(dir, LOCK_TARGET);
  const ownerFile = path.join(dir, 'skillpath.lock.json');
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(target, {
      realpath: false,
      stale: staleMs,
      update: Math.max(1000, Math.floor(staleMs / 4)),
      retries: { retries: Math.ceil(WAIT_MS / 1000), factor: 1, minTimeout: 1000, maxTimeout: 1000 },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const owner = await readFile(ownerFile, 'utf8')
      .then((text) => JSON.parse(text) as LockOwner)
      .catch(() => null);
    const who = owner ? `process ${owner.pid} on ${owner.host} (${owner.command || 'skillpath'}, since ${owner.since})` : 'another process';
    throw databaseLocked(dir, who, Math.round(staleMs / 1000), owner ? { pid: owner.pid } : {});
  }
  // Who holds it, for the message another process gets; informational only.
  const me: LockOwner = { pid: process.pid, host: os.hostname(), command: process.argv.slice(1, 3).map((a) => path.basename(a)).join(' '), since: new Date().toISOString() };
  await writeFile(ownerFile, `${JSON.stringify(me)}\n`).catch(() => {});
  return release;
}
