/**
 * Opens and searches a new index version in a separate process, under a time limit, before the
 * server loads it. An index file is checked against its manifest's checksum, but a crafted file
 * with a matching checksum once hung the server on its first search — and, reloaded at every
 * start, made restarts loop. hnswlib is native code: a worker thread could neither interrupt a
 * loop in it nor survive a crash in it, a child process killed on time does both.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tsxImportArgs } from '../workers/worker-pool.js';

/** Generous for reading a few hundred MB of graphs; a healthy probe of the full data takes seconds. */
export const PROBE_TIMEOUT_MS = 60_000;

export interface ProbeFile {
  file: string;
  dimension: number;
  count: number;
}

/** Resolves when every file opened and answered searches; rejects with why not. */
export function probeIndexFiles(files: ProbeFile[], timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  const compiled = fileURLToPath(new URL('./index-probe-main.js', import.meta.url));
  const fromSources = !existsSync(compiled);
  const entry = fromSources ? fileURLToPath(new URL('./index-probe-main.ts', import.meta.url)) : compiled;
  // The child inherits this process's loader flags, so it runs TypeScript wherever this one does.
  const args = [...(fromSources ? [...process.execArgv.filter((a, i, all) => a.includes('tsx') || all[i + 1]?.includes('tsx')), ...tsxImportArgs()] : []), entry, ...files.flatMap((f) => [f.file, String(f.dimension), String(f.count)])];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const why = error.killed
        ? `searching it did not finish within ${Math.round(timeoutMs / 1000)} s`
        : error.signal
          ? `searching it crashed (${error.signal})`
          : `it could not be opened: ${String(stderr).trim().split('\n').slice(-1)[0] ?? error.message}`;
      reject(new Error(why));
    });
  });
}
