import { recordActivity } from '../activity/activity.service.js';
import { mediaByPaths } from '../media/media.service.js';
import type { Actor } from '../activity/activity.js';
import type { Database, Executor } from '../db/database.js';
import { getIssuesListing } from './issues.service.js';
import { assertMayChangePublic, type ChangeRights } from './publicity.service.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, Invalid, NotFound, type Problem } from '../lib/errors.js';
import { bumpContentVersion } from '../content/content-version.service.js';
import { reindexItem } from '../search/search.service.js';
import { refuseSlugRace } from '../content/draft-fields.js';
import { slugFromTitle, uniqueSlug } from '../lib/slug.js';
import { findTopicIds, resolveSectorIds } from '../content/taxonomy.service.js';
import { checkStoryDraft } from '../stories/story-draft.js';
import { STORY_STORE } from '../stories/story-store.js';
import type { Page, Story, StoryDraft, StoryFilter, StoryInput, StoryKind, StorySummary, StoryUse } from '../stories/stories.js';

// The desk's story editing: one transaction per save, the draft checked by stories/story-draft.ts,
// content version bumped and the change recorded in the activity log in that same transaction.
// It lives in issues/ because its rules depend on the issues that list a story: the slug of a
// story in a published or scheduled issue is locked, a story any issue lists cannot be deleted, and
// a story in a published or scheduled issue changes only for those who may change what is public
// (publicity.service.ts).

/** A story and the issues it appears in, for the edit page. */
export interface EditableStory {
  readonly story: Story;
  readonly uses: readonly StoryUse[];
}

/** The issues each story is in (any status, newest first), as the desk shows them. */
async function loadStoryUses(db: Executor, storyIds: readonly number[]): Promise<Map<number, StoryUse[]>> {
  const listing = await getIssuesListing(db, 'story', storyIds);
  return new Map(
    [...listing].map(([id, issues]) => [id, issues.map((issue): StoryUse => ({ issueSlug: issue.slug, issueTitle: issue.title, status: issue.status, publishedAt: issue.publishedAt }))]),
  );
}

/** Problems only the database can find: a taken slug, unknown topics or sectors. */
async function databaseProblems(db: Executor, input: StoryInput, storyId: number | undefined): Promise<Problem[]> {
  const problems: Problem[] = [];
  const holder = await STORY_STORE.findHead(db, input.slug);
  if (holder && holder.id !== storyId) {
    problems.push({ where: 'slug', message: `"${input.slug}" is already the slug of the story “${holder.title}”; choose another` });
  }
  const topicIds = await findTopicIds(db, input.topics);
  for (const slug of input.topics) if (!topicIds.has(slug)) problems.push({ where: 'topics', message: `unknown topic "${slug}"` });
  const sectorIds = await resolveSectorIds(db, input.sectors);
  for (const slug of input.sectors) if (!sectorIds.has(slug)) problems.push({ where: 'sectors', message: `unknown sector "${slug}"` });
  if (input.leadImage && (await mediaByPaths(db, [input.leadImage])).size === 0) {
    problems.push({ where: 'lead_image', message: 'is not one of the uploaded images: choose one under Images, or leave it empty' });
  }
  return problems;
}

function invalid(problems: readonly Problem[]): Invalid {
  const count = problems.length;
  return new Invalid(`The story was not saved: ${count} problem${count === 1 ? '' : 's'} to fix.`, problems);
}

/**
 * The draft with a slug: the one typed, or, when the slug field was left empty, one made from the
 * title (lib/slug.ts slugFromTitle) and made unique by a suffix (`-2`, `-3`, …).
 */
export async function withSlugFromTitle(db: Executor, draft: StoryDraft): Promise<StoryDraft> {
  if (draft.slug.trim() !== '' || draft.title.trim() === '') return draft;
  const slug = await uniqueSlug(slugFromTitle(draft.title), async (candidate) => (await STORY_STORE.findHead(db, candidate)) !== undefined);
  return { ...draft, slug };
}

/** Creates a story from the desk's form (an empty slug is made from the title); throws `Invalid` listing every problem. */
export async function createStory(db: Database, clock: Clock, actor: Actor, typed: StoryDraft): Promise<{ id: number; slug: string }> {
  const draft = await withSlugFromTitle(db, typed);
  const { input, problems } = checkStoryDraft(draft);
  if (!input) throw invalid(problems);
  return db.transaction().execute((trx) => insertCheckedStory(trx, clock, actor, input)).catch(refuseSlugRace('story', input.slug, invalid));
}

/**
 * Creates a story inside the caller's transaction (the curation inbox's promotion writes the
 * story and marks its items in one); throws `Invalid` listing every problem.
 */
export async function createStoryIn(trx: Executor, clock: Clock, actor: Actor, draft: StoryDraft): Promise<{ id: number; slug: string }> {
  const { input, problems } = checkStoryDraft(draft);
  if (!input) throw invalid(problems);
  return insertCheckedStory(trx, clock, actor, input);
}

async function insertCheckedStory(trx: Executor, clock: Clock, actor: Actor, input: StoryInput): Promise<{ id: number; slug: string }> {
  const now = clock.now().toISOString();
  const found = await databaseProblems(trx, input, undefined);
  if (found.length > 0) throw invalid(found);
  const id = await STORY_STORE.insert(trx, input, now);
  await bumpContentVersion(trx, now);
  await reindexItem(trx, 'story', id, clock.now());
  await recordActivity(trx, clock, actor, 'story.create', { type: 'story', id, label: input.slug }, input.title);
  return { id, slug: input.slug };
}

/** How a story is saved: who saves it, and the version they opened. */
export interface StorySaveOptions extends ChangeRights {
  /** The version the editor opened (`updated_at`): if someone saved since, `Conflict`. */
  readonly expectedUpdatedAt?: string | undefined;
}

/**
 * Saves changes to the story now at `slug`. A story in a published or scheduled issue changes
 * only for those who may change what is public (`Forbidden` otherwise). `expectedUpdatedAt` is
 * the version the editor opened: if someone saved since, `Conflict`. The slug of a story in a
 * published or scheduled issue cannot change: its public address would break. A refusal writes nothing.
 */
export async function updateStory(
  db: Database,
  clock: Clock,
  actor: Actor,
  slug: string,
  draft: StoryDraft,
  options: StorySaveOptions,
): Promise<{ id: number; slug: string }> {
  const { input, problems } = checkStoryDraft(draft);
  const instant = clock.now();
  const now = instant.toISOString();
  const { expectedUpdatedAt } = options;
  // A race can only follow a write, and a write only a valid input, whose slug is the draft's, trimmed.
  return db.transaction().execute(async (trx) => {
    const head = await STORY_STORE.findHead(trx, slug);
    if (!head) throw new NotFound(`There is no story "${slug}" (it may have been renamed or deleted).`);
    await assertMayChangePublic(trx, instant, options, 'story', head, 'save');
    if (expectedUpdatedAt && expectedUpdatedAt !== head.updatedAt) {
      throw new Conflict(
        `Someone else saved “${head.title}” at ${head.updatedAt.replace('T', ' ').slice(0, 19)} UTC, after you opened it. Your version is below and was not saved: press Save again to replace theirs, or reload the page to see their changes.`,
      );
    }
    if (!input) throw invalid(problems);
    const found = await databaseProblems(trx, input, head.id);
    if (input.slug !== head.slug) {
      const live = ((await loadStoryUses(trx, [head.id])).get(head.id) ?? []).filter((use) => use.status !== 'draft');
      if (live.length > 0) {
        found.push({
          where: 'slug',
          message: `cannot change: the story is in ${live.map((use) => `${use.issueTitle} (${use.status})`).join(', ')}, so its public address /stories/${head.slug} must stay`,
        });
      }
    }
    if (found.length > 0) throw invalid(found);
    await STORY_STORE.update(trx, head.id, input, now);
    await bumpContentVersion(trx, now);
    await reindexItem(trx, 'story', head.id, instant);
    const detail = input.slug === head.slug ? input.title : `${input.title} (slug was ${head.slug})`;
    await recordActivity(trx, clock, actor, 'story.update', { type: 'story', id: head.id, label: input.slug }, detail);
    return { id: head.id, slug: input.slug };
  }).catch(refuseSlugRace('story', draft.slug.trim(), invalid));
}

/**
 * Deletes a story that no issue uses; `Conflict` naming the issues otherwise (a story in a public
 * issue is refused first with `Forbidden` when `rights` may not change what is public).
 */
export async function deleteStory(db: Database, clock: Clock, actor: Actor, slug: string, rights: ChangeRights): Promise<void> {
  const instant = clock.now();
  const now = instant.toISOString();
  await db.transaction().execute(async (trx) => {
    const head = await STORY_STORE.findHead(trx, slug);
    if (!head) throw new NotFound(`There is no story "${slug}".`);
    await assertMayChangePublic(trx, instant, rights, 'story', head, 'delete');
    const uses = (await loadStoryUses(trx, [head.id])).get(head.id) ?? [];
    if (uses.length > 0) throw storyInUse(head.title, uses);
    // The statement itself re-checks, so an issue that took the story meanwhile still wins.
    if (!(await STORY_STORE.deleteUnused(trx, head.id))) throw new Conflict(`“${head.title}” was just put into an issue; remove it there first.`);
    await bumpContentVersion(trx, now);
    await reindexItem(trx, 'story', head.id, instant);
    await recordActivity(trx, clock, actor, 'story.delete', { type: 'story', id: head.id, label: head.slug }, head.title);
  });
}

function storyInUse(title: string, uses: readonly StoryUse[]): Conflict {
  const where = uses.map((use) => `${use.issueTitle} (${use.status})`).join(', ');
  return new Conflict(`“${title}” cannot be deleted: it is used in ${where}. Remove it from ${uses.length === 1 ? 'that issue' : 'those issues'} first.`);
}

/** Whether a story may be deleted, and if not, why (for the confirmation page). */
export function deletionBlocker(editable: EditableStory): string | undefined {
  return editable.uses.length > 0 ? storyInUse(editable.story.title, editable.uses).message : undefined;
}

/** A whole story and where it is used; `NotFound` when there is none. */
export async function getEditableStory(db: Executor, slug: string): Promise<EditableStory> {
  const head = await STORY_STORE.findHead(db, slug);
  const story = head && (await STORY_STORE.findByIds(db, [head.id])).get(head.id);
  if (!head || !story) throw new NotFound(`There is no story "${slug}".`);
  return { story, uses: (await loadStoryUses(db, [head.id])).get(head.id) ?? [] };
}

/** One page of the desk's story list, with the issues each story is in. */
export async function listDeskStories(db: Executor, filter: StoryFilter, page: { limit: number; offset: number }): Promise<Page<StorySummary>> {
  const { rows, total } = await STORY_STORE.search(db, filter, page);
  const uses = await loadStoryUses(db, rows.map((row) => row.id));
  return { items: rows.map((row) => ({ ...row, issues: uses.get(row.id) ?? [] })), total, offset: page.offset, limit: page.limit };
}

/** Stories no issue uses yet, most recently changed first (for the dashboard). */
export async function listUnusedStories(db: Executor, limit: number): Promise<Page<StorySummary>> {
  return listDeskStories(db, { used: false }, { limit, offset: 0 });
}

/** Every story's slug, title and kind, by title: what an issue item can point at. */
export function getStoryChoices(db: Executor): Promise<{ slug: string; title: string; kind: StoryKind }[]> {
  return STORY_STORE.choices(db);
}

