/**
 * Worker-thread pools (piscina) for CPU-heavy work that must not stall the event loop. One
 * place knows how to find a worker module both when running compiled JavaScript (`dist/`) and
 * when running the TypeScript sources under tsx or vitest, where the worker needs tsx's loader.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
    ...(fromSources ? { execArgv: [...process.execArgv, '--import', 'tsx'] } : {}),
  });
}
