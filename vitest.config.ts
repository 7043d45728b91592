import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PGlite start-up and real model loads take seconds on a 2-core machine; speed targets live in benchmarks.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
