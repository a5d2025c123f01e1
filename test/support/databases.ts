import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import { afterAll, beforeAll, describe } from 'vitest';
import { connectDatabase } from '../../src/db/connect.js';
import type { Database, DB } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { PGliteDialect } from './pglite-dialect.js';

/** The engines every database test runs on. */
export const ENGINES = ['sqlite', 'pglite'] as const;
export type TestEngine = (typeof ENGINES)[number];

const cleanups = new WeakMap<Database, () => void>();

/** A new, empty, migrated database on the given engine. */
export async function createTestDatabase(engine: TestEngine): Promise<Database> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'insights-test-'));
    const db = await connectDatabase({ kind: 'sqlite', file: join(dir, 'test.sqlite') });
    await migrateToLatest(db);
    cleanups.set(db, () => rmSync(dir, { recursive: true, force: true }));
    return db;
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new Kysely<DB>({ dialect: new PGliteDialect(new PGlite()) });
  await migrateToLatest(db);
  return db;
}

/** Closes a test database and removes its files. */
export async function destroyTestDatabase(db: Database): Promise<void> {
  await db.destroy();
  cleanups.get(db)?.();
}

/**
 * Runs a block of tests once per engine, each with its own migrated database that lives for
 * the block. `db()` returns the current engine's database.
 */
export function forEachDialect(name: string, body: (context: { db: () => Database; engine: TestEngine }) => void): void {
  describe.each(ENGINES)(`${name} [%s]`, (engine) => {
    let database: Database | undefined;
    beforeAll(async () => {
      database = await createTestDatabase(engine);
    }, 60_000);
    afterAll(async () => {
      if (database) await destroyTestDatabase(database);
    });
    body({
      db: () => {
        if (!database) throw new Error('database not ready');
        return database;
      },
      engine,
    });
  });
}
