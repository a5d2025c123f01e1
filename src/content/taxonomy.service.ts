import type { Executor } from '../db/database.js';
import { sectorIdsBySlug, topicIdsBySlug } from './taxonomy.queries.js';

/** Row ids of sectors by slug, for other domains that tag things with sectors. */
export function resolveSectorIds(db: Executor, slugs: readonly string[]): Promise<Map<string, number>> {
  return sectorIdsBySlug(db, slugs);
}

/** Row ids of topics by slug, for other domains that tag things with topics. */
export function resolveTopicIds(db: Executor, slugs: readonly string[]): Promise<Map<string, number>> {
  return topicIdsBySlug(db, slugs);
}
