import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The migrated template databases, made once per run (test/support/database-templates.ts).
    globalSetup: ['test/support/global-setup.ts'],
    // Test files run in parallel, one process each: they share nothing (own databases, temp
    // folders, ports from the OS, artifact names of their own). At least two even on two cores:
    // vitest's default (cores − 1) would run them one by one there, and most of a file's time is
    // spent waiting for a database, a browser or a child process.
    maxWorkers: Math.max(2, availableParallelism()),
    minWorkers: 1,
  },
});
