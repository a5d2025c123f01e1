import type { Executor } from '../db/database.js';
import { compareText } from '../lib/compare.js';
import { groupBy } from '../lib/group-by.js';
import { splitBody } from './body.js';
import type { Source, Story, StoryInput, StoryKind } from './stories.js';
import { sectorIdsBySlug, topicIdsBySlug, type Term } from './taxonomy.queries.js';

/** Inserts or updates a story by slug, replacing its sources, tags and organizations. */
export async function upsertStory(db: Executor, input: StoryInput, now: string): Promise<number> {
  const values = { title: input.title, kind: input.kind, body: input.body, updated_at: now };
  // One statement, so two writers importing the same slug at once cannot collide.
  const { id } = await db
    .insertInto('stories')
    .values({ ...values, slug: input.slug, created_at: now })
    .onConflict((oc) => oc.column('slug').doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  await Promise.all(
    (['sources', 'story_topics', 'story_sectors', 'story_organizations'] as const).map((table) =>
      db.deleteFrom(table).where('story_id', '=', id).execute(),
    ),
  );

  const topicIds = await topicIdsBySlug(db, input.topics);
  const sectorIds = await sectorIdsBySlug(db, input.sectors);
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
    await db
      .insertInto('story_organizations')
      .values(input.organizations.map((name, index) => ({ story_id: id, position: index + 1, name })))
      .execute();
  }
  return id;
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
    db.selectFrom('stories').select(['id', 'slug', 'title', 'kind', 'body', 'updated_at']).where('id', 'in', idList).execute(),
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
      .select(['story_id', 'name'])
      .where('story_id', 'in', idList)
      .orderBy('story_id')
      .orderBy('position')
      .execute(),
  ]);
  const sourcesOf = groupBy(sources, (row) => row.story_id, toSource);
  const topicsOf = groupBy(topics, (row) => row.story_id, toTerm);
  const sectorsOf = groupBy(sectors, (row) => row.story_id, toTerm);
  const organizationsOf = groupBy(organizations, (row) => row.story_id, (row) => row.name);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        slug: row.slug,
        title: row.title,
        kind: row.kind as StoryKind,
        body: splitBody(row.body),
        topics: topicsOf.get(row.id) ?? [],
        sectors: sectorsOf.get(row.id) ?? [],
        organizations: organizationsOf.get(row.id) ?? [],
        sources: sourcesOf.get(row.id) ?? [],
        updatedAt: row.updated_at,
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
