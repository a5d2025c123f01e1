import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { connectDatabase } from '../../src/db/connect.js';
import type { Database, DB } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createDatabaseTemplates, onServer, pgliteTemplate, type DatabaseTemplates } from './database-templates.js';
import { PGliteDialect } from './pglite-dialect.js';

export type TestEngine = 'sqlite' | 'pglite' | 'postgres';

const SERVER_URL = process.env.TEST_DATABASE_URL;

/**
 * The run's one PostgreSQL engine: the real server of TEST_DATABASE_URL when there is one
 * (`npm test` starts a throwaway one when PostgreSQL's binaries are installed), else PGlite.
 */
export const POSTGRES_ENGINE: TestEngine = SERVER_URL ? 'postgres' : 'pglite';

/** The engines a database test runs on: SQLite and the run's PostgreSQL engine. */
export const ENGINES: readonly TestEngine[] = ['sqlite', POSTGRES_ENGINE];

/** Every engine there is in this run: SQLite, PGlite, and the real server when there is one. */
export const EVERY_ENGINE: readonly TestEngine[] = SERVER_URL ? ['sqlite', 'pglite', 'postgres'] : ['sqlite', 'pglite'];

/**
 * The cross-engine tests: blocks (by the name given to `forEachDialect` or `enginesFor`) that
 * run on EVERY_ENGINE, PGlite and the real server both, because the engines or their drivers
 * really differ there; each with why. Every other database test runs on ENGINES.
 * test/support/databases.test.ts checks that each name is still used.
 */
export const EVERY_ENGINE_TESTS: Readonly<Record<string, string>> = {
  'SQL injection': 'the attack suite claims every engine: the probes meet each SQL parser, and each engine\'s error text is a leak to look for',
  'content import': 'export → import → export is byte-identical only if every driver hands back dates, booleans, numbers and JSON the same way',
  'contacts import': 'its search hit sets (LIKE with escapes, case folding), CSV round-trip and multi-batch writes differ by engine and driver',
  'desk: stories': 'search hit sets: every word by LIKE with `%`/`_` escaped, regardless of case, on each engine',
  'desk: companies and contacts': 'search hit sets and the pager\'s counts (count(*) is a string from pg, a number from PGlite and SQLite)',
  'desk: reports': 'survey figures computed from stored counts read back through each driver',
  'event registration': 'capacity under 50 concurrent registrations: only the real server runs them concurrently (the event-row lock), PGlite and SQLite serialise',
  'program registration': 'two first submissions at once: insert … on conflict, and a unique violation in each driver\'s error shape',
  'publishing a matching': 'a double-clicked Publish and racing pair introductions: a conditional update that only the real server runs concurrently',
  'item editing (an event)': 'a slug race becomes a field problem only if each driver\'s unique-violation error is recognised (better-sqlite3, pg, PGlite)',
  'search: same answers': 'the full-text part differs per engine (FTS5 and bm25 on SQLite, tsvector, GIN and ts_rank on PostgreSQL): the same token streams must give the same hit sets on each engine and driver',
  deliveries: 'one real send per issue × edition: two racing createSend meet the partial unique index, concurrently only on the real server',
  'segment sends': 'a contact gets an edition once across the deliveries of its segments: two overlapping sends starting at once meet the ledger\'s unique edition claim (insert … on conflict do nothing), concurrently only on the real server',
};

/** The engines the block called `name` runs on: EVERY_ENGINE for the cross-engine tests above, else ENGINES. */
export function enginesFor(name: string): readonly TestEngine[] {
  return Object.hasOwn(EVERY_ENGINE_TESTS, name) ? EVERY_ENGINE : ENGINES;
}

/** What to do after a test database is closed: remove its files or drop it from the server. */
const cleanups = new WeakMap<Database, () => void | Promise<void>>();

/** The connection URL of each server test database. */
const serverUrls = new WeakMap<Database, string>();

let ownTemplates: Promise<DatabaseTemplates> | undefined;

/**
 * The run's templates (test/support/global-setup.ts); a file run without that globalSetup
 * makes its own SQLite and PGlite templates (removed at exit) and migrates server databases.
 */
function templates(): Promise<DatabaseTemplates> {
  const provided = inject('databaseTemplates');
  if (provided) return Promise.resolve(provided);
  ownTemplates ??= createDatabaseTemplates(undefined).then((made) => {
    process.once('exit', () => rmSync(made.dir, { recursive: true, force: true }));
    return made;
  });
  return ownTemplates;
}

let pgliteDump: Blob | undefined;

/** A new, empty, migrated database on the given engine: a clone of the run's template. */
export async function createTestDatabase(engine: TestEngine): Promise<Database> {
  const made = await templates();
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'insights-test-'));
    const file = join(dir, 'test.sqlite');
    copyFileSync(made.sqliteFile, file);
    const db = await connectDatabase({ kind: 'sqlite', file });
    cleanups.set(db, () => rmSync(dir, { recursive: true, force: true }));
    return db;
  }
  if (engine === 'postgres') return createServerDatabase(made.serverTemplate);
  const { PGlite } = await import('@electric-sql/pglite');
  pgliteDump ??= new Blob([readFileSync(await pgliteTemplate(made))]);
  return new Kysely<DB>({ dialect: new PGliteDialect(new PGlite({ loadDataDir: pgliteDump })) });
}

let copyStrategy: Promise<string> | undefined;

/**
 * A fresh database on the PostgreSQL server of TEST_DATABASE_URL, dropped again on destroy:
 * a copy of the template (its files, on PostgreSQL 15 and later: no WAL to write), or, without
 * one, migrated here.
 */
async function createServerDatabase(template: string | undefined): Promise<Database> {
  if (!SERVER_URL) throw new Error('the postgres engine needs TEST_DATABASE_URL');
  const adminUrl = SERVER_URL;
  const name = `insights_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await onServer(adminUrl, async (admin) => {
    copyStrategy ??= admin.query<{ server_version_num: string }>('show server_version_num').then(({ rows }) => (Number(rows[0]?.server_version_num ?? 0) >= 150_000 ? ' strategy file_copy' : ''));
    await admin.query(template ? `create database ${name} template ${template}${await copyStrategy}` : `create database ${name}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await connectDatabase({ kind: 'postgres', url: url.toString() });
  serverUrls.set(db, url.toString());
  if (!template) await migrateToLatest(db);
  cleanups.set(db, () =>
    // Not `with (force)`: terminating the pool's last connections while they close makes pg
    // emit errors nobody listens to. The pool has ended; retry while the server lets go.
    onServer(adminUrl, async (client) => {
      for (let attempt = 1; ; attempt++) {
        try {
          await client.query(`drop database if exists ${name}`);
          return;
        } catch (error) {
          if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    }),
  );
  return db;
}

/** The URL of a test database on the server (engine `postgres`), for a child process to open it too. */
export function serverUrlOf(db: Database): string {
  const url = serverUrls.get(db);
  if (!url) throw new Error('not a test database on the PostgreSQL server');
  return url;
}

/** Closes a test database and removes its files (or drops it from the server). */
export async function destroyTestDatabase(db: Database): Promise<void> {
  await db.destroy();
  await cleanups.get(db)?.();
}

/**
 * Runs a block of tests once per engine (`enginesFor(name)`: ENGINES, or EVERY_ENGINE for the
 * cross-engine tests), each with its own migrated database that lives for the block. `db()`
 * returns the current engine's database.
 */
export function forEachDialect(name: string, body: (context: { db: () => Database; engine: TestEngine }) => void): void {
  describe.each(enginesFor(name))(`${name} [%s]`, (engine) => {
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
