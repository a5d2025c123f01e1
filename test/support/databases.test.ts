import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createTestDatabase, destroyTestDatabase, ENGINES, EVERY_ENGINE, EVERY_ENGINE_TESTS, POSTGRES_ENGINE } from './databases.js';

// The test databases themselves: which engines a run uses, that the cross-engine list names
// blocks that exist, and that clones of the templates are migrated and independent.

const ROOT = join(import.meta.dirname, '..', '..');

function testFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.test\.tsx?$/.test(file))
    .map((file) => join(ROOT, dir, file));
}

/** The e2e suites' support modules, where a walk cut into shard files keeps its one block (support/sql-injection.ts). */
function supportFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file)).map((file) => join(ROOT, dir, file));
}

describe('the engines of a run', () => {
  it('are SQLite and one PostgreSQL engine: the real server when TEST_DATABASE_URL names one, else PGlite', () => {
    expect(ENGINES).toEqual(['sqlite', process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite']);
    expect(POSTGRES_ENGINE).toBe(ENGINES[1]);
    expect(EVERY_ENGINE).toEqual(process.env.TEST_DATABASE_URL ? ['sqlite', 'pglite', 'postgres'] : ['sqlite', 'pglite']);
  });

  it('every cross-engine test in EVERY_ENGINE_TESTS names exactly one block in a test file', () => {
    const sources = [...testFiles('src'), ...testFiles('test'), ...supportFiles('test/e2e/support')].map((file) => readFileSync(file, 'utf8'));
    for (const name of Object.keys(EVERY_ENGINE_TESTS)) {
      const call = new RegExp(`(forEachDialect|enginesFor)\\(\\s*'${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`, 'g');
      const uses = sources.reduce((count, source) => count + (source.match(call)?.length ?? 0), 0);
      expect(uses, name).toBe(1);
    }
  });
});

describe.each(EVERY_ENGINE)('a test database [%s]', (engine) => {
  it('is a migrated clone of the template, independent of every other clone', async () => {
    const first = await createTestDatabase(engine);
    const second = await createTestDatabase(engine);
    try {
      expect(await migrateToLatest(first)).toEqual([]);
      expect(await migrateToLatest(second)).toEqual([]);
      await first.insertInto('topics').values({ slug: 'only-in-first', name: 'Only in the first', description: '', position: 1 }).execute();
      expect(await first.selectFrom('topics').select('slug').execute()).toEqual([{ slug: 'only-in-first' }]);
      expect(await second.selectFrom('topics').select('slug').execute()).toEqual([]);
      const third = await createTestDatabase(engine);
      try {
        expect(await third.selectFrom('topics').select('slug').execute()).toEqual([]);
      } finally {
        await destroyTestDatabase(third);
      }
    } finally {
      await destroyTestDatabase(first);
      await destroyTestDatabase(second);
    }
  });
});
