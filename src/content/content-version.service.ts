import type { Executor } from '../db/database.js';
import { readContentVersion } from './content-version.queries.js';

/** The current content version: it changes with every content change, in any process. */
export function getContentVersion(db: Executor): Promise<string> {
  return readContentVersion(db);
}
