import { Transaction } from 'kysely';
import type { DB, Executor } from './database.js';

/**
 * Runs `work` inside the caller's transaction when given one, else in a new transaction. A
 * service that takes an Executor this way writes all-or-nothing on its own and also joins a
 * larger transaction of its caller (Kysely cannot nest transactions).
 */
export function inTransaction<T>(db: Executor, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db instanceof Transaction ? work(db) : db.transaction().execute(work);
}
