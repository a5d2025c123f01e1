import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, type Dialect } from 'kysely';
import type { DatabaseTarget } from '../config.js';
import type { Database, DB } from './database.js';

/** The engine behind a Database handle, for the few places where SQL must differ. */
export type Engine = 'sqlite' | 'postgres';

/** Opens the configured database. SQLite runs in WAL mode with foreign keys enforced. */
export async function connectDatabase(target: DatabaseTarget): Promise<Database> {
  return new Kysely<DB>({ dialect: await createDialect(target) });
}

async function createDialect(target: DatabaseTarget): Promise<Dialect> {
  if (target.kind === 'sqlite') {
    const { default: SQLite } = await import('better-sqlite3');
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true });
    const sqlite = new SQLite(target.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    return new SqliteDialect({ database: sqlite });
  }
  const { default: pg } = await import('pg');
  return new PostgresDialect({ pool: new pg.Pool({ connectionString: target.url, max: 10 }) });
}
