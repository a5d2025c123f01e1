import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { findTopicIds, resolveSectorIds } from '../content/taxonomy.service.js';
import type { CurationItem, InboxEntry } from '../curation/curation.js';
import { getEntry, markEntryPromoted } from '../curation/inbox.service.js';
import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Conflict } from '../lib/errors.js';
import { slugFromName } from '../lib/slug.js';
import { STORY_STORE } from '../stories/story-store.js';
import type { SourceDraft, StoryDraft } from '../stories/stories.js';
import { createStoryIn } from './story-editing.service.js';

// Promote: one action turns an inbox entry (an item or a cluster) into a draft story, in one
// transaction: the story (kind news, in no issue yet, so on no public page) with the entry's
// title, every item of the cluster as a source (author, outlet, title, date, URL) and the topics
// and sectors the rules gave it; the entry's items marked with the story, so the inbox shows
// what it became and a second click makes no second story. Press publishers' right: only the
// title and the citation are copied; the sources' summaries stay in the inbox, shown beside the
// story in the desk as the editor's note, never in the public body.

/** The body a promoted story starts with: the editor writes the teaser in their own words. */
export const PROMOTED_BODY = 'Draft from the curation inbox: write the public teaser here in your own words (the sources\' summaries are beside this form, as the editor\'s note).';

const SLUG_LIMIT = 80;

function sourceOf(item: CurationItem): SourceDraft {
  return {
    author: item.author?.slice(0, 200) ?? '',
    title: item.title.slice(0, 300),
    outlet: item.outlet.slice(0, 200),
    publishedOn: (item.publishedAt ?? '').slice(0, 10),
    url: item.canonicalUrl ?? item.url ?? '',
  };
}

async function freeSlug(db: Executor, title: string): Promise<string> {
  const base = slugFromName(title, 'story').slice(0, SLUG_LIMIT - 4).replace(/-+$/, '');
  for (let n = 1; n < 100; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await STORY_STORE.findHead(db, slug))) return slug;
  }
  return `${base}-${Date.now().toString(36)}`;
}

/** What the promotion made. */
export interface Promotion {
  readonly storyId: number;
  readonly slug: string;
  readonly entry: InboxEntry;
}

/**
 * Promotes the entry of `itemId` into a new draft story; `Conflict` when the entry became a story
 * already (the inbox names it). Returns the story's id and slug.
 */
export async function promoteEntry(db: Database, clock: Clock, actor: Actor, itemId: number): Promise<Promotion> {
  return db.transaction().execute(async (trx) => {
    const entry = await getEntry(trx, itemId);
    if (entry.lead.storyId !== null) throw new Conflict('This entry became a story already.');
    const topics = [...new Set(entry.items.flatMap((item) => item.topics))];
    const sectors = [...new Set(entry.items.flatMap((item) => item.sectors))];
    const knownTopics = await findTopicIds(trx, topics);
    const knownSectors = await resolveSectorIds(trx, sectors);
    // One source per distinct article, oldest first, as the newsletter cites them.
    const seen = new Set<string>();
    const sources = [...entry.items]
      .sort((a, b) => (a.publishedAt ?? a.createdAt).localeCompare(b.publishedAt ?? b.createdAt))
      .map(sourceOf)
      .filter((source) => {
        const key = source.url || `${source.outlet}|${source.title}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    const draft: StoryDraft = {
      slug: await freeSlug(trx, entry.lead.title),
      title: entry.lead.title.replace(/\s+/g, ' ').trim().slice(0, 300),
      kind: 'news',
      body: PROMOTED_BODY,
      topics: topics.filter((slug) => knownTopics.has(slug)),
      sectors: sectors.filter((slug) => knownSectors.has(slug)),
      organizations: '',
      sources,
    };
    const story = await createStoryIn(trx, clock, actor, draft);
    await markEntryPromoted(trx, entry, story.id, clock.now().toISOString());
    await recordActivity(trx, clock, actor, 'curation.promote', { type: 'curation_item', id: entry.lead.id, label: entry.lead.title.slice(0, 200) }, story.slug);
    return { storyId: story.id, slug: story.slug, entry };
  });
}
