import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import { afterAll, beforeAll, describe } from 'vitest';
import { connectDatabase } from '../../src/db/connect.js';
import type { Database, DB } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { PGliteDialect } from './pglite-dialect.js';

export type TestEngine = 'sqlite' | 'pglite' | 'postgres';

/**
 * The engines every database test runs on: SQLite and PGlite always, and a real PostgreSQL
 * server when TEST_DATABASE_URL names one (`npm test` starts a throwaway one when it can).
 */
export const ENGINES: readonly TestEngine[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'pglite', 'postgres'] : ['sqlite', 'pglite'];

/** What to do after a test database is closed: remove its files or drop it from the server. */
const cleanups = new WeakMap<Database, () => void | Promise<void>>();

/** A new, empty, migrated database on the given engine. */
export async function createTestDatabase(engine: TestEngine): Promise<Database> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'insights-test-'));
    const db = await connectDatabase({ kind: 'sqlite', file: join(dir, 'test.sqlite') });
    await migrateToLatest(db);
    cleanups.set(db, () => rmSync(dir, { recursive: true, force: true }));
    return db;
  }
  if (engine === 'postgres') return createServerDatabase();
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new Kysely<DB>({ dialect: new PGliteDialect(new PGlite()) });
  await migrateToLatest(db);
  return db;
}

/** A fresh database on the PostgreSQL server of TEST_DATABASE_URL, dropped again on destroy. */
async function createServerDatabase(): Promise<Database> {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `insights_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await connectDatabase({ kind: 'postgres', url: url.toString() });
  await migrateToLatest(db);
  cleanups.set(db, async () => {
    // Not `with (force)`: terminating the pool's last connections while they close makes pg
    // emit errors nobody listens to. The pool has ended; retry while the server lets go.
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await client.query(`drop database if exists ${name}`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    } finally {
      await client.end();
    }
  });
  return db;
}

/** Closes a test database and removes its files (or drops it from the server). */
export async function destroyTestDatabase(db: Database): Promise<void> {
  await db.destroy();
  await cleanups.get(db)?.();
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
