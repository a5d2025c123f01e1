import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

// The SQL of the quarter's impact page: each figure counted from its own table, for times in
// [from, to).

type Range = { readonly from: string; readonly to: string };

const count = (n: unknown) => Number(n ?? 0);

/** Stories in issues published in the range, with their topics (one row per story and topic; topic null when it has none). */
export async function publishedStoryTopics(db: Executor, r: Range): Promise<{ slug: string; title: string; topic: string | null }[]> {
  return db
    .selectFrom('issues as i')
    .innerJoin('sections as s', 's.issue_id', 'i.id')
    .innerJoin('section_items as si', 'si.section_id', 's.id')
    .innerJoin('stories as st', 'st.id', 'si.story_id')
    .leftJoin('story_topics as stt', 'stt.story_id', 'st.id')
    .leftJoin('topics as tp', 'tp.id', 'stt.topic_id')
    .select(['st.slug as slug', 'st.title as title', 'tp.name as topic'])
    .distinct()
    .where('i.status', '=', 'published')
    .where('i.published_at', '>=', r.from)
    .where('i.published_at', '<', r.to)
    .execute();
}

/** Every story's topics (for clicks per topic of stories sent earlier). */
export async function topicsOfStories(db: Executor, slugs: readonly string[]): Promise<{ slug: string; title: string; topic: string | null }[]> {
  if (slugs.length === 0) return [];
  return db
    .selectFrom('stories as st')
    .leftJoin('story_topics as stt', 'stt.story_id', 'st.id')
    .leftJoin('topics as tp', 'tp.id', 'stt.topic_id')
    .select(['st.slug as slug', 'st.title as title', 'tp.name as topic'])
    .where('st.slug', 'in', slugs)
    .execute();
}

export async function countConsents(db: Executor, action: 'confirmed' | 'withdrawn', r: Range): Promise<number> {
  const row = await db.selectFrom('consent_events').select((eb) => eb.fn.countAll().as('n')).where('purpose', '=', 'newsletter').where('action', '=', action).where('occurred_at', '>=', r.from).where('occurred_at', '<', r.to).executeTakeFirstOrThrow();
  return count(row.n);
}

export async function countRegistrations(db: Executor, column: 'registered_at' | 'checked_in_at', r: Range): Promise<number> {
  const row = await db.selectFrom('event_registrations').select((eb) => eb.fn.countAll().as('n')).where(column, '>=', r.from).where(column, '<', r.to).executeTakeFirstOrThrow();
  return count(row.n);
}

/** Pairs of matching runs published in the range. */
export async function countPairs(db: Executor, r: Range): Promise<number> {
  const row = await db
    .selectFrom('match_pairs as p')
    .innerJoin('match_runs as m', 'm.id', 'p.run_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('m.status', '=', 'published')
    .where('m.published_at', '>=', r.from)
    .where('m.published_at', '<', r.to)
    .executeTakeFirstOrThrow();
  return count(row.n);
}

/** Innovator introductions requested (created) or made (introduced) in the range; demo samples left out. */
export async function countIntroductions(db: Executor, column: 'created_at' | 'introduced_at', r: Range): Promise<number> {
  const row = await db.selectFrom('innovator_introductions').select((eb) => eb.fn.countAll().as('n')).where('sample', '=', 0).where(column, '>=', r.from).where(column, '<', r.to).executeTakeFirstOrThrow();
  return count(row.n);
}

/** Inquiries marked answered whose last change falls in the range. */
export async function countAnsweredInquiries(db: Executor, r: Range): Promise<number> {
  const row = await db.selectFrom('inquiries').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'answered').where('updated_at', '>=', r.from).where('updated_at', '<', r.to).executeTakeFirstOrThrow();
  return count(row.n);
}

/** Human clicks of real sends made in the range (all links). */
export async function countHumanClicks(db: Executor, r: Range): Promise<number> {
  const row = await db
    .selectFrom('link_clicks as lc')
    .innerJoin('deliveries as d', 'd.id', 'lc.delivery_id')
    .select(sql<number>`coalesce(sum(lc.human), 0)`.as('n'))
    .where('d.kind', '=', 'send')
    .where('lc.clicked_at', '>=', r.from)
    .where('lc.clicked_at', '<', r.to)
    .executeTakeFirstOrThrow();
  return count(row.n);
}
