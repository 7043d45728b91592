/**
 * Worker-thread pools (piscina) for CPU-heavy work that must not stall the event loop. One
 * place knows how to find a worker module both when running compiled JavaScript (`dist/`) and
 * when running the TypeScript sources under tsx or vitest, where the worker needs tsx's loader.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';

type PiscinaOptions = NonNullable<ConstructorParameters<typeof Piscina>[0]>;

/**
 * A pool running the default export of `<name>.js` (or `.ts`) beside `callerUrl`. Idle workers
 * exit after `idleTimeout`, so a CLI process or a test runner is never kept alive by one.
 */
export function createWorkerPool(callerUrl: string, name: string, options: Omit<PiscinaOptions, 'filename'>): Piscina {
  const compiled = new URL(`./${name}.js`, callerUrl);
  const fromSources = !existsSync(fileURLToPath(compiled));
  return new Piscina({
    minThreads: 0,
    idleTimeout: 5000,
    ...options,
    filename: fromSources ? new URL(`./${name}.ts`, callerUrl).href : compiled.href,
    ...(fromSources ? { execArgv: [...process.execArgv, ...tsxImportArgs()] } : {}),
  });
}

/**
 * Node arguments that let a worker or child process load TypeScript sources: tsx's loader by
 * absolute path (a bare `tsx` would resolve from the working directory, which may be anywhere),
 * and nothing when this process already runs under tsx (its execArgv carries the loader).
 */
export function tsxImportArgs(): string[] {
  if (process.execArgv.some((arg) => arg.includes('tsx'))) return [];
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  return ['--import', pathToFileURL(path.join(tsxDir, 'dist/loader.mjs')).href];
}
