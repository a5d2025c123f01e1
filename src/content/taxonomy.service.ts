import type { Executor } from '../db/database.js';
import { Invalid } from '../lib/errors.js';
import { listSectors, listTopics, sectorIdsBySlug, topicIdsBySlug } from './taxonomy.queries.js';
import type { Sector, Topic } from './taxonomy.js';

export type { Sector, SectorInput, Term, Topic, TopicInput } from './taxonomy.js';

/** Row ids of topics by slug; slugs that do not exist are absent from the map. */
export function findTopicIds(db: Executor, slugs: readonly string[]): Promise<Map<string, number>> {
  return topicIdsBySlug(db, slugs);
}

/** Row ids of sectors by slug, for other domains that tag things with sectors. */
export function resolveSectorIds(db: Executor, slugs: readonly string[]): Promise<Map<string, number>> {
  return sectorIdsBySlug(db, slugs);
}

/** Row ids of topics, in the order given; throws `Invalid` naming every unknown slug. */
export async function resolveTopicIds(db: Executor, slugs: readonly string[]): Promise<number[]> {
  const unique = [...new Set(slugs)];
  const ids = await topicIdsBySlug(db, unique);
  const unknown = unique.filter((slug) => !ids.has(slug));
  if (unknown.length > 0) {
    throw new Invalid(`Unknown topic: ${unknown.join(', ')}.`, unknown.map((slug) => ({ where: 'topics', message: `unknown topic "${slug}"` })));
  }
  return unique.map((slug) => ids.get(slug)!);
}

/** The five topics, in their order. */
export function getTopics(db: Executor): Promise<Topic[]> {
  return listTopics(db);
}

/** Every sector, by name. */
export function getSectors(db: Executor): Promise<Sector[]> {
  return listSectors(db);
}
