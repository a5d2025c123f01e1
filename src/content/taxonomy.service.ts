import type { Executor } from '../db/database.js';
import { sectorIdsBySlug } from './taxonomy.queries.js';

/** Row ids of sectors by slug, for other domains that tag things with sectors. */
export function resolveSectorIds(db: Executor, slugs: readonly string[]): Promise<Map<string, number>> {
  return sectorIdsBySlug(db, slugs);
}
