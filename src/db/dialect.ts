import { PostgresAdapter } from 'kysely';
import type { Executor } from './database.js';

/** Whether the executor talks to PostgreSQL (or PGlite) rather than SQLite: claims and locks differ per engine. */
export function isPostgres(db: Executor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
