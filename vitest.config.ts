import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // PGlite start-up and real model loads take seconds on a 2-core machine; speed targets live in benchmarks.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // Core code with fakes, which keeps no state between files (timers are restored after
          // each test): one process runs every file. A fresh process per file spent more time
          // importing than testing, about 30 s against 12 s on a 2-core machine.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // adapters/ (real PGlite, Postgres, model, index), http/ (whole apps), process/ (the CLI as a process), e2e/.
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/unit/**'],
        },
      },
    ],
  },
});
