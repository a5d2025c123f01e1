import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, type Dialect } from 'kysely';
import type { DatabaseTarget } from '../config.js';
import type { Database, DB } from './database.js';
import { concurrentSqliteDialect } from './sqlite-driver.js';

/** The engine behind a Database handle, for the few places where SQL must differ. */
export type Engine = 'sqlite' | 'postgres';

/**
 * Opens the configured database. SQLite runs in WAL mode with foreign keys enforced, through a
 * driver that begins transactions IMMEDIATE and waits for the write lock without blocking the
 * event loop (db/sqlite-driver.ts), so several processes can write one file.
 */
export async function connectDatabase(target: DatabaseTarget): Promise<Database> {
  return new Kysely<DB>({ dialect: await createDialect(target) });
}

async function createDialect(target: DatabaseTarget): Promise<Dialect> {
  if (target.kind === 'sqlite') {
    const { default: SQLite } = await import('better-sqlite3');
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    return concurrentSqliteDialect(() => {
      const writer = new SQLite(target.file);
      // Opening may wait for another process (once, at start); afterwards busy_timeout is 0 and
      // the driver waits for the lock asynchronously.
      writer.pragma('busy_timeout = 5000');
      writer.pragma('journal_mode = WAL');
      writer.pragma('synchronous = NORMAL');
      writer.pragma('foreign_keys = ON');
      writer.pragma('busy_timeout = 0');
      if (target.file === ':memory:') return { writer, reader: writer };
      const reader = new SQLite(target.file);
      reader.pragma('query_only = ON');
      reader.pragma('busy_timeout = 0');
      return { writer, reader };
    });
  }
  const { default: pg } = await import('pg');
  return new PostgresDialect({ pool: new pg.Pool({ connectionString: target.url, max: 10 }) });
}
