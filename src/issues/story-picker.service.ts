import type { Executor } from '../db/database.js';
import type { StoryKind } from '../stories/stories.js';
import { STORY_STORE } from '../stories/story-store.js';

// The issue composer's story picker: stories found by the words of their title (or slug), for the
// desk's search page and the picker's type-to-filter (admin/issues/composer.routes.tsx).

/** The longest query the picker searches; the rest is cut off. */
export const MAX_PICKER_QUERY = 200;
/** At most this many stories per search. */
export const PICKER_LIMIT = 50;

export interface StoryChoice {
  readonly slug: string;
  readonly title: string;
  readonly kind: StoryKind;
}

/** Stories whose title or slug holds every word of `q` (at most 8 words), by title; none for an empty query. */
export async function searchStoryChoices(db: Executor, q: string, limit = PICKER_LIMIT): Promise<{ stories: StoryChoice[]; more: boolean }> {
  const words = q.slice(0, MAX_PICKER_QUERY).toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return { stories: [], more: false };
  const { rows, more } = await STORY_STORE.searchTitles(db, words, limit);
  return { stories: rows, more };
}
