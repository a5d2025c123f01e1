import type { Executor } from '../db/database.js';
import type { StoryInput } from './stories.js';
import {
  deleteUnusedStory, findStoriesByIds, findStoryChoicesByTitle, findStoryHead, insertStory, listStoryChoices, replaceStoryDetails, searchStories, updateStoryRow,
} from './stories.queries.js';

/** Stories' rows and writes for the desk's story editing (`issues/story-editing.service.ts`). */
export const STORY_STORE = {
  findHead: findStoryHead,
  findByIds: findStoriesByIds,
  search: searchStories,
  choices: listStoryChoices,
  /** The story picker's search (issues/story-picker.service.ts). */
  searchTitles: findStoryChoicesByTitle,
  /** Deletes the story unless an issue lists it (the statement re-checks); returns whether it did. */
  deleteUnused: deleteUnusedStory,
  async insert(db: Executor, input: StoryInput, now: string): Promise<number> {
    const id = await insertStory(db, input, now);
    await replaceStoryDetails(db, id, input, now);
    return id;
  },
  async update(db: Executor, id: number, input: StoryInput, now: string): Promise<void> {
    await updateStoryRow(db, id, input, now);
    await replaceStoryDetails(db, id, input, now);
  },
} as const;
