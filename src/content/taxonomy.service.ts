import type { Executor } from '../db/database.js';
import { Invalid } from '../lib/errors.js';
import { listSectors, listTopics, sectorIdsBySlug, topicIdsBySlug, type Sector, type Topic } from './taxonomy.queries.js';

export type { Sector, Term, Topic } from './taxonomy.queries.js';

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
