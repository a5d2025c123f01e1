import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The long walks of the browser and attack suites (each split into shard files) and the other
 * files that take tens of seconds. They start first: vitest's own order, without the timings of an
 * earlier run (a fresh CI checkout has none), is by file size, which once started the axe walk
 * (a short file) last, ten minutes into the run, with one fork idle beside it.
 */
const SLOW_FIRST = [
  /test\/e2e\/browser\/(accessibility|layout|xss-)/,
  /test\/e2e\/http\/sql-injection/,
  /test\/e2e\/html\//,
  /src\/delivery\/engine\/(send|crash)\.test/,
  /src\/web\/canary\.test/,
];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = SLOW_FIRST.findIndex((pattern) => pattern.test(file.moduleId));
      return index < 0 ? SLOW_FIRST.length : index;
    };
    // Stable: within a rank, vitest's order (by the last run's durations when it has them).
    return sorted.map((file, order) => ({ file, order })).sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order).map(({ file }) => file);
  }
}

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
    sequence: { sequencer: SlowFirst },
  },
});
