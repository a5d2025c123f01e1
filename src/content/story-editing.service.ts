import type { ZodIssue } from 'zod';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import type { Database, Executor } from '../db/database.js';
import { getIssuesListing } from '../issues/issues.service.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, Invalid, NotFound, type Problem } from '../lib/errors.js';
import { joinBody, splitBody } from './body.js';
import { bumpContentVersion } from './content-version.queries.js';
import { markerLineProblems, normaliseLines, refuseSlugRace } from './draft-fields.js';
import { SLUG, sourceSchema, storySchema } from './folder/schemas.js';
import { STORY_KINDS, type Page, type Source, type Story, type StoryDraft, type StoryFilter, type StoryInput, type StoryKind, type StorySummary, type StoryUse } from './stories.js';
import {
  deleteUnusedStory, findStoriesByIds, findStoryHead, insertStory, listStoryChoices, replaceStoryDetails, searchStories, updateStoryRow,
} from './stories.queries.js';
import { sectorIdsBySlug, topicIdsBySlug } from './taxonomy.queries.js';

// The desk's story editing: one transaction per save, validated with the same rules as the
// content folder (slug pattern, one-line title, source fields, the members-only line), content
// version bumped and the change recorded in the activity log in that same transaction.
// Problems name the form field they belong to (`slug`, `body`, `sources.1.url`).

export const STORY_LIMITS = { slug: 120, title: 300, body: 200_000, organization: 200, sources: 50 } as const;

/** A story and the issues it appears in, for the edit page. */
export interface EditableStory {
  readonly story: Story;
  readonly uses: readonly StoryUse[];
}

function zodProblems(issues: readonly ZodIssue[], where: (key: string) => string): Problem[] {
  return issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const missing = issue.code === 'invalid_type' && issue.received === 'undefined';
    return { where: where(key), message: missing ? 'is required' : issue.message };
  });
}

/** Empty form fields mean "not given". */
function given(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Checks a draft without the database: every problem, each at its form field. Returns the
 * story input in canonical form (body as the exporter writes it) when there are none.
 */
export function checkStoryDraft(draft: StoryDraft): { input: StoryInput | undefined; problems: Problem[] } {
  const problems: Problem[] = [];
  const slug = draft.slug.trim();
  if (slug === '') problems.push({ where: 'slug', message: 'is required: lowercase letters, digits and single hyphens, e.g. china-56-new-unicorns-2023' });
  else if (!SLUG.test(slug)) problems.push({ where: 'slug', message: 'must be a slug: lowercase letters, digits and single hyphens (no spaces, no capitals)' });
  else if (slug.length > STORY_LIMITS.slug) problems.push({ where: 'slug', message: `must be at most ${STORY_LIMITS.slug} characters` });

  const title = storySchema.shape.title.safeParse(draft.title);
  if (!title.success) problems.push(...zodProblems(title.error.issues, () => 'title'));
  else if (title.data.length > STORY_LIMITS.title) problems.push({ where: 'title', message: `must be at most ${STORY_LIMITS.title} characters` });

  const kind = (STORY_KINDS as readonly string[]).includes(draft.kind) ? (draft.kind as StoryKind) : undefined;
  if (!kind) problems.push({ where: 'kind', message: `choose one of ${STORY_KINDS.join(', ')}` });

  const body = normaliseLines(draft.body);
  if (body.trim() === '') problems.push({ where: 'body', message: 'is required: write at least the public teaser' });
  else if (body.length > STORY_LIMITS.body) problems.push({ where: 'body', message: `must be at most ${STORY_LIMITS.body} characters` });
  problems.push(...markerLineProblems(body));

  const topics = [...new Set(draft.topics)];
  const sectors = [...new Set(draft.sectors)];
  for (const [field, list] of [['topics', topics], ['sectors', sectors]] as const) {
    for (const value of list) if (!SLUG.test(value)) problems.push({ where: field, message: `"${value}" is not a slug` });
  }

  const organizations = [...new Set(normaliseLines(draft.organizations).split('\n').map((line) => line.trim()).filter(Boolean))];
  organizations.forEach((name, index) => {
    if (name.length > STORY_LIMITS.organization) problems.push({ where: 'organizations', line: index + 1, message: `must be at most ${STORY_LIMITS.organization} characters` });
  });

  const sources: Source[] = [];
  draft.sources.forEach((row, index) => {
    const fields = { author: given(row.author), title: given(row.title), outlet: given(row.outlet), published_on: given(row.publishedOn), url: given(row.url) };
    if (Object.values(fields).every((value) => value === undefined)) return;
    const parsed = sourceSchema.safeParse(fields);
    if (!parsed.success) {
      problems.push(...zodProblems(parsed.error.issues, (key) => `sources.${index}.${key}`));
      return;
    }
    const s = parsed.data;
    sources.push({ author: s.author ?? null, title: s.title ?? null, outlet: s.outlet, publishedOn: s.published_on ?? null, url: s.url ?? null });
  });
  if (sources.length > STORY_LIMITS.sources) problems.push({ where: 'sources', message: `at most ${STORY_LIMITS.sources} sources` });

  if (problems.length > 0 || !title.success || !kind) return { input: undefined, problems };
  return {
    input: { slug, title: title.data, kind, body: joinBody(splitBody(body)), topics, sectors, organizations, sources },
    problems,
  };
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
  const holder = await findStoryHead(db, input.slug);
  if (holder && holder.id !== storyId) {
    problems.push({ where: 'slug', message: `"${input.slug}" is already the slug of the story “${holder.title}”; choose another` });
  }
  const topicIds = await topicIdsBySlug(db, input.topics);
  for (const slug of input.topics) if (!topicIds.has(slug)) problems.push({ where: 'topics', message: `unknown topic "${slug}"` });
  const sectorIds = await sectorIdsBySlug(db, input.sectors);
  for (const slug of input.sectors) if (!sectorIds.has(slug)) problems.push({ where: 'sectors', message: `unknown sector "${slug}"` });
  return problems;
}

function invalid(problems: readonly Problem[]): Invalid {
  const count = problems.length;
  return new Invalid(`The story was not saved: ${count} problem${count === 1 ? '' : 's'} to fix.`, problems);
}

/** Creates a story from the desk's form; throws `Invalid` listing every problem. */
export async function createStory(db: Database, clock: Clock, actor: Actor, draft: StoryDraft): Promise<{ id: number; slug: string }> {
  const { input, problems } = checkStoryDraft(draft);
  if (!input) throw invalid(problems);
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const found = await databaseProblems(trx, input, undefined);
    if (found.length > 0) throw invalid(found);
    const id = await insertStory(trx, input, now);
    await replaceStoryDetails(trx, id, input);
    await bumpContentVersion(trx, now);
    await recordActivity(trx, clock, actor, 'story.create', { type: 'story', id, label: input.slug }, input.title);
    return { id, slug: input.slug };
  }).catch(refuseSlugRace('story', input.slug, invalid));
}

/**
 * Saves changes to the story now at `slug`. `expectedUpdatedAt` is the version the editor
 * opened: if someone saved since, `Conflict` (nothing written). The slug of a story in a
 * published or scheduled issue cannot change: its public address would break.
 */
export async function updateStory(
  db: Database,
  clock: Clock,
  actor: Actor,
  slug: string,
  draft: StoryDraft,
  expectedUpdatedAt?: string,
): Promise<{ id: number; slug: string }> {
  const { input, problems } = checkStoryDraft(draft);
  const now = clock.now().toISOString();
  // A race can only follow a write, and a write only a valid input, whose slug is the draft's, trimmed.
  return db.transaction().execute(async (trx) => {
    const head = await findStoryHead(trx, slug);
    if (!head) throw new NotFound(`There is no story "${slug}" (it may have been renamed or deleted).`);
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
    await updateStoryRow(trx, head.id, input, now);
    await replaceStoryDetails(trx, head.id, input);
    await bumpContentVersion(trx, now);
    const detail = input.slug === head.slug ? input.title : `${input.title} (slug was ${head.slug})`;
    await recordActivity(trx, clock, actor, 'story.update', { type: 'story', id: head.id, label: input.slug }, detail);
    return { id: head.id, slug: input.slug };
  }).catch(refuseSlugRace('story', draft.slug.trim(), invalid));
}

/** Deletes a story that no issue uses; `Conflict` naming the issues otherwise. */
export async function deleteStory(db: Database, clock: Clock, actor: Actor, slug: string): Promise<void> {
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const head = await findStoryHead(trx, slug);
    if (!head) throw new NotFound(`There is no story "${slug}".`);
    const uses = (await loadStoryUses(trx, [head.id])).get(head.id) ?? [];
    if (uses.length > 0) throw storyInUse(head.title, uses);
    // The statement itself re-checks, so an issue that took the story meanwhile still wins.
    if (!(await deleteUnusedStory(trx, head.id))) throw new Conflict(`“${head.title}” was just put into an issue; remove it there first.`);
    await bumpContentVersion(trx, now);
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
  const head = await findStoryHead(db, slug);
  const story = head && (await findStoriesByIds(db, [head.id])).get(head.id);
  if (!head || !story) throw new NotFound(`There is no story "${slug}".`);
  return { story, uses: (await loadStoryUses(db, [head.id])).get(head.id) ?? [] };
}

/** One page of the desk's story list, with the issues each story is in. */
export async function listDeskStories(db: Executor, filter: StoryFilter, page: { limit: number; offset: number }): Promise<Page<StorySummary>> {
  const { rows, total } = await searchStories(db, filter, page);
  const uses = await loadStoryUses(db, rows.map((row) => row.id));
  return { items: rows.map((row) => ({ ...row, issues: uses.get(row.id) ?? [] })), total, offset: page.offset, limit: page.limit };
}

/** Stories no issue uses yet, most recently changed first (for the dashboard). */
export async function listUnusedStories(db: Executor, limit: number): Promise<Page<StorySummary>> {
  return listDeskStories(db, { used: false }, { limit, offset: 0 });
}

/** Every story's slug, title and kind, by title: what an issue item can point at. */
export function getStoryChoices(db: Executor): Promise<{ slug: string; title: string; kind: StoryKind }[]> {
  return listStoryChoices(db);
}

/**
 * A story built from an unsaved draft, for the preview: lenient (invalid sources and unknown
 * kinds are left out or defaulted), plus the body's members-only line problems so the preview
 * can warn before saving.
 */
export function previewStoryDraft(draft: StoryDraft): { story: Story; bodyProblems: Problem[] } {
  const body = normaliseLines(draft.body);
  const kind = (STORY_KINDS as readonly string[]).includes(draft.kind) ? (draft.kind as StoryKind) : 'news';
  const sources: Source[] = draft.sources
    .filter((row) => row.outlet.trim() !== '')
    .map((row) => ({
      author: given(row.author) ?? null,
      title: given(row.title) ?? null,
      outlet: row.outlet.trim(),
      publishedOn: /^\d{4}-\d{2}-\d{2}$/.test(row.publishedOn.trim()) ? row.publishedOn.trim() : null,
      url: given(row.url) ?? null,
    }));
  return {
    story: {
      id: 0,
      slug: SLUG.test(draft.slug.trim()) ? draft.slug.trim() : 'preview',
      title: draft.title.trim() || 'Untitled story',
      kind,
      body: splitBody(body),
      topics: [],
      sectors: [],
      organizations: [],
      sources,
      updatedAt: '',
    },
    bodyProblems: markerLineProblems(body),
  };
}
