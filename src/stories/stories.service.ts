import type { Executor } from '../db/database.js';
import type { Story } from './stories.js';
import { findStoriesByIds, listStoryIds, storyIdsBySlug } from './stories.queries.js';

/** Loads whole stories by id. */
export function getStoriesByIds(db: Executor, ids: readonly number[]): Promise<Map<number, Story>> {
  return findStoriesByIds(db, ids);
}

/** One story by slug, or undefined. */
export async function getStoryBySlug(db: Executor, slug: string): Promise<Story | undefined> {
  const id = (await storyIdsBySlug(db, [slug])).get(slug);
  return id === undefined ? undefined : (await findStoriesByIds(db, [id])).get(id);
}

/** Every story, by slug. */
export async function getAllStories(db: Executor): Promise<Story[]> {
  const ids = await listStoryIds(db);
  const stories = await findStoriesByIds(db, ids);
  return ids.map((id) => stories.get(id)).filter((story): story is Story => story !== undefined);
}
