import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB, Executor } from '../db/database.js';
import { compareText } from '../lib/compare.js';
import { groupBy } from '../lib/group-by.js';
import { containsPattern } from '../db/like.js';
import { splitBody } from '../content/body.js';
import type { Source, Story, StoryFilter, StoryInput, StoryKind, StorySummary } from './stories.js';
import type { Term } from '../content/taxonomy.js';
import { findTopicIds, resolveSectorIds } from '../content/taxonomy.service.js';
import { resolveOrganizations } from '../organizations/organizations.service.js';
import { inDirectory } from '../organizations/organizations.js';

/** Inserts or updates a story by slug, replacing its sources, tags and organizations. */
export async function upsertStory(db: Executor, input: StoryInput, now: string): Promise<number> {
  const values = { title: input.title, kind: input.kind, body: input.body, updated_at: now, ...(input.leadImage !== undefined ? { lead_media: input.leadImage } : {}) };
  // One statement, so two writers importing the same slug at once cannot collide.
  const { id } = await db
    .insertInto('stories')
    .values({ ...values, slug: input.slug, created_at: now })
    .onConflict((oc) => oc.column('slug').doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceStoryDetails(db, id, input, now);
  return id;
}

/** Replaces a story's sources, topics, sectors and organizations with those of `input`. */
export async function replaceStoryDetails(db: Executor, id: number, input: Pick<StoryInput, 'topics' | 'sectors' | 'organizations' | 'sources'>, now: string): Promise<void> {
  await Promise.all(
    (['sources', 'story_topics', 'story_sectors', 'story_organizations'] as const).map((table) =>
      db.deleteFrom(table).where('story_id', '=', id).execute(),
    ),
  );

  const topicIds = await findTopicIds(db, input.topics);
  const sectorIds = await resolveSectorIds(db, input.sectors);
  if (input.sources.length > 0) {
    await db
      .insertInto('sources')
      .values(
        input.sources.map((source, index) => ({
          story_id: id,
          position: index + 1,
          author: source.author,
          title: source.title,
          outlet: source.outlet,
          published_on: source.publishedOn,
          url: source.url,
        })),
      )
      .execute();
  }
  if (input.topics.length > 0) {
    await db
      .insertInto('story_topics')
      .values(input.topics.map((slug, index) => ({ story_id: id, topic_id: mustHave(topicIds, slug, 'topic'), position: index + 1 })))
      .execute();
  }
  if (input.sectors.length > 0) {
    await db
      .insertInto('story_sectors')
      .values(input.sectors.map((slug, index) => ({ story_id: id, sector_id: mustHave(sectorIds, slug, 'sector'), position: index + 1 })))
      .execute();
  }
  if (input.organizations.length > 0) {
    const organizationIds = await resolveOrganizations(db, input.organizations, now);
    await db
      .insertInto('story_organizations')
      .values(input.organizations.map((name, index) => ({ story_id: id, position: index + 1, name, organization_id: mustHave(organizationIds, name, 'organization') })))
      .execute();
  }
}

function mustHave(ids: Map<string, number>, slug: string, what: string): number {
  const id = ids.get(slug);
  if (id === undefined) throw new Error(`unknown ${what} "${slug}"`);
  return id;
}

/** Maps story slugs to ids; unknown slugs are absent. */
export async function storyIdsBySlug(db: Executor, slugs: readonly string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const rows = await db.selectFrom('stories').select(['id', 'slug']).where('slug', 'in', [...slugs]).execute();
  return new Map(rows.map((row) => [row.slug, row.id]));
}

/** Loads whole stories (sources, tags, organizations) in a fixed number of queries. */
export async function findStoriesByIds(db: Executor, ids: readonly number[]): Promise<Map<number, Story>> {
  if (ids.length === 0) return new Map();
  const idList = [...new Set(ids)];
  const [rows, sources, topics, sectors, organizations] = await Promise.all([
    db
      .selectFrom('stories')
      // The lead image's texts live with the image (a path's hash is its characters 8–23).
      .leftJoin('media', (join) => join.on(sql`media.hash`, '=', sql`substr(stories.lead_media, 8, 16)`))
      .select(['stories.id', 'stories.slug', 'stories.title', 'stories.kind', 'stories.body', 'stories.updated_at', 'stories.lead_media', 'media.alt', 'media.caption', 'media.credit'])
      .where('stories.id', 'in', idList)
      .execute(),
    db
      .selectFrom('sources')
      .select(['story_id', 'author', 'title', 'outlet', 'published_on', 'url'])
      .where('story_id', 'in', idList)
      .orderBy('story_id')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('story_topics')
      .innerJoin('topics', 'topics.id', 'story_topics.topic_id')
      .select(['story_topics.story_id', 'topics.slug', 'topics.name'])
      .where('story_topics.story_id', 'in', idList)
      .orderBy('story_topics.story_id')
      .orderBy('story_topics.position')
      .execute(),
    db
      .selectFrom('story_sectors')
      .innerJoin('sectors', 'sectors.id', 'story_sectors.sector_id')
      .select(['story_sectors.story_id', 'sectors.slug', 'sectors.name'])
      .where('story_sectors.story_id', 'in', idList)
      .orderBy('story_sectors.story_id')
      .orderBy('story_sectors.position')
      .execute(),
    db
      .selectFrom('story_organizations')
      .leftJoin('organizations', 'organizations.id', 'story_organizations.organization_id')
      .select(['story_organizations.story_id', 'story_organizations.name', 'organizations.slug', 'organizations.country', 'organizations.profiled_at'])
      .where('story_organizations.story_id', 'in', idList)
      .orderBy('story_organizations.story_id')
      .orderBy('story_organizations.position')
      .execute(),
  ]);
  const sourcesOf = groupBy(sources, (row) => row.story_id, toSource);
  const topicsOf = groupBy(topics, (row) => row.story_id, toTerm);
  const sectorsOf = groupBy(sectors, (row) => row.story_id, toTerm);
  const organizationsOf = groupBy(organizations, (row) => row.story_id, (row) => row.name);
  const organizationTermsOf = groupBy(organizations.filter((row) => row.slug !== null), (row) => row.story_id, (row) => ({
    slug: row.slug!, name: row.name, inDirectory: row.profiled_at !== null && inDirectory(row.country ?? null),
  }));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        slug: row.slug,
        title: row.title,
        kind: row.kind,
        body: splitBody(row.body),
        topics: topicsOf.get(row.id) ?? [],
        sectors: sectorsOf.get(row.id) ?? [],
        organizations: organizationsOf.get(row.id) ?? [],
        organizationTerms: organizationTermsOf.get(row.id) ?? [],
        sources: sourcesOf.get(row.id) ?? [],
        updatedAt: row.updated_at,
        leadImage: row.lead_media && row.alt !== null ? { path: row.lead_media, alt: row.alt, caption: row.caption ?? '', credit: row.credit ?? '' } : null,
      } satisfies Story,
    ]),
  );
}

/** Every story id, by slug, for the exporter. */
export async function listStoryIds(db: Executor): Promise<number[]> {
  const rows = await db.selectFrom('stories').select(['id', 'slug']).execute();
  return rows.sort((a, b) => compareText(a.slug, b.slug)).map((row) => row.id);
}

function toSource(row: { author: string | null; title: string | null; outlet: string; published_on: string | null; url: string | null }): Source {
  return { author: row.author, title: row.title, outlet: row.outlet, publishedOn: row.published_on, url: row.url };
}

function toTerm(row: { slug: string; name: string }): Term {
  return { slug: row.slug, name: row.name };
}

// The desk: create, update and delete single stories, and find them.

/** The fields of the `stories` row itself. */
export type StoryRowInput = Pick<StoryInput, 'slug' | 'title' | 'kind' | 'body' | 'leadImage'>;

/** Inserts a new story row (never updates: a taken slug fails on the unique constraint). */
export async function insertStory(db: Executor, input: StoryRowInput, now: string): Promise<number> {
  const { id } = await db
    .insertInto('stories')
    .values({ slug: input.slug, title: input.title, kind: input.kind, body: input.body, lead_media: input.leadImage ?? null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Updates a story row by id. */
export async function updateStoryRow(db: Executor, id: number, input: StoryRowInput, now: string): Promise<void> {
  await db
    .updateTable('stories')
    .set({ slug: input.slug, title: input.title, kind: input.kind, body: input.body, updated_at: now, ...(input.leadImage !== undefined ? { lead_media: input.leadImage } : {}) })
    .where('id', '=', id)
    .execute();
}

/** Deletes a story that no issue uses; returns false when an issue uses it (nothing deleted). */
export async function deleteUnusedStory(db: Executor, id: number): Promise<boolean> {
  const result = await db
    .deleteFrom('stories')
    .where('id', '=', id)
    .where((eb) => eb.not(usedInAnIssue(eb)))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Id, slug, title and last change of a story by slug, or undefined. */
export async function findStoryHead(db: Executor, slug: string): Promise<{ id: number; slug: string; title: string; updatedAt: string } | undefined> {
  const row = await db.selectFrom('stories').select(['id', 'slug', 'title', 'updated_at']).where('slug', '=', slug).executeTakeFirst();
  return row && { id: row.id, slug: row.slug, title: row.title, updatedAt: row.updated_at };
}

/** One page of stories matching the desk's filters, most recently changed first, and the total. */
export async function searchStories(
  db: Executor,
  filter: StoryFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: Omit<StorySummary, 'issues'>[]; total: number }> {
  const where = (eb: ExpressionBuilder<DB, 'stories'>) => eb.and(storyConditions(eb, filter));
  const [rows, count] = await Promise.all([
    db
      .selectFrom('stories')
      .select(['id', 'slug', 'title', 'kind', 'body', 'updated_at'])
      .where(where)
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('stories')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where(where)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    rows: rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: row.title,
      kind: row.kind,
      hasMembersOnly: splitBody(row.body).membersOnly !== null,
      updatedAt: row.updated_at,
    })),
  };
}

function storyConditions(eb: ExpressionBuilder<DB, 'stories'>, filter: StoryFilter): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  for (const word of words) {
    // Every word must appear somewhere.
    const pattern = containsPattern(word);
    conditions.push(
      eb.or([
        sql<SqlBool>`lower(stories.title) like ${pattern} escape '\\'`,
        sql<SqlBool>`stories.slug like ${pattern} escape '\\'`,
        sql<SqlBool>`lower(stories.body) like ${pattern} escape '\\'`,
      ]),
    );
  }
  if (filter.kind) conditions.push(eb('stories.kind', '=', filter.kind));
  if (filter.topic) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('story_topics')
          .innerJoin('topics', 'topics.id', 'story_topics.topic_id')
          .select('story_topics.story_id')
          .whereRef('story_topics.story_id', '=', 'stories.id')
          .where('topics.slug', '=', filter.topic),
      ),
    );
  }
  if (filter.sector) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom('story_sectors')
          .innerJoin('sectors', 'sectors.id', 'story_sectors.sector_id')
          .select('story_sectors.story_id')
          .whereRef('story_sectors.story_id', '=', 'stories.id')
          .where('sectors.slug', '=', filter.sector),
      ),
    );
  }
  if (filter.used !== undefined) conditions.push(filter.used ? usedInAnIssue(eb) : eb.not(usedInAnIssue(eb)));
  return conditions;
}

function usedInAnIssue(eb: ExpressionBuilder<DB, 'stories'>): Expression<SqlBool> {
  return eb.exists(eb.selectFrom('section_items').select('section_items.id').whereRef('section_items.story_id', '=', 'stories.id'));
}

/** Slug, title and kind of every story, by title: the choices for an issue item. */
export async function listStoryChoices(db: Executor): Promise<{ slug: string; title: string; kind: StoryKind }[]> {
  const rows = await db.selectFrom('stories').select(['slug', 'title', 'kind']).execute();
  return rows
    .sort((a, b) => compareText(a.title.toLowerCase(), b.title.toLowerCase()) || compareText(a.slug, b.slug))
    .map((row) => ({ slug: row.slug, title: row.title, kind: row.kind }));
}

/**
 * Stories whose title or slug holds every word (case ignored for Latin letters; `%`, `_` and `\`
 * are matched as themselves), by title, at most `limit`; and whether there were more.
 */
export async function findStoryChoicesByTitle(db: Executor, words: readonly string[], limit: number): Promise<{ rows: { slug: string; title: string; kind: StoryKind }[]; more: boolean }> {
  let query = db.selectFrom('stories').select(['slug', 'title', 'kind']);
  for (const word of words) {
    const pattern = containsPattern(word);
    query = query.where((eb) => eb.or([sql<SqlBool>`lower(stories.title) like ${pattern} escape '\\'`, sql<SqlBool>`stories.slug like ${pattern} escape '\\'`]));
  }
  const rows = await query.orderBy('title').orderBy('slug').limit(limit + 1).execute();
  const sorted = rows.sort((a, b) => compareText(a.title.toLowerCase(), b.title.toLowerCase()) || compareText(a.slug, b.slug));
  return { rows: sorted.slice(0, limit).map((row) => ({ slug: row.slug, title: row.title, kind: row.kind })), more: rows.length > limit };
}
