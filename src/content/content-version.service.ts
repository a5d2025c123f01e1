import type { Executor } from '../db/database.js';
import { bumpContentVersion as bump, readContentVersion } from './content-version.queries.js';

/** The current content version: it changes with every content change, in any process. */
export function getContentVersion(db: Executor): Promise<string> {
  return readContentVersion(db);
}

/** Bumps the content version; call inside the transaction that changes content, so every process's page cache refreshes. */
export function bumpContentVersion(db: Executor, now: string): Promise<void> {
  return bump(db, now);
}
