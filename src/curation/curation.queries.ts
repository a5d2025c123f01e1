import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { CurationItemsTable, RuleAction } from '../db/tables/curation.js';
import type { CurationItem, CurationRule, CurationSource, InboxFilter } from './curation.js';

// The SQL of the curation inbox. `claimDueSources` is the poll schedule's claim: one UPDATE per
// source that moves `next_poll_at` forward only if it is still the value read, so of two job
// loops looking at once exactly one queues the poll.

function changed(result: { numUpdatedRows: bigint } | undefined): boolean {
  return (result?.numUpdatedRows ?? 0n) > 0n;
}

const SOURCE_COLUMNS = [
  'curation_sources.id', 'url', 'title', 'site_url', 'language', 'format', 'state', 'last_error', 'error_count', 'last_polled_at', 'last_success_at', 'next_poll_at', 'curation_sources.created_at',
] as const;

/** Every source, by title, with its item count. */
export async function findSources(db: Executor): Promise<CurationSource[]> {
  const rows = await db
    .selectFrom('curation_sources')
    .select(SOURCE_COLUMNS)
    .select((eb) => eb.selectFrom('curation_items').select((e) => e.fn.countAll<number>().as('n')).whereRef('curation_items.source_id', '=', 'curation_sources.id').as('item_count'))
    .orderBy('title')
    .orderBy('url')
    .execute();
  return rows.map((row) => ({
    id: row.id, url: row.url, title: row.title, siteUrl: row.site_url, language: row.language, format: row.format, state: row.state, lastError: row.last_error,
    errorCount: row.error_count, lastPolledAt: row.last_polled_at, lastSuccessAt: row.last_success_at, nextPollAt: row.next_poll_at,
    itemCount: Number(row.item_count ?? 0), createdAt: row.created_at,
  }));
}

/** The validators and identity of one source, for a poll. */
export async function findSourceForPoll(db: Executor, id: number) {
  return db.selectFrom('curation_sources').select(['id', 'url', 'title', 'etag', 'last_modified', 'error_count', 'language']).where('id', '=', id).executeTakeFirst();
}

export async function findSourceIdByUrl(db: Executor, url: string): Promise<number | undefined> {
  return (await db.selectFrom('curation_sources').select('id').where('url', '=', url).executeTakeFirst())?.id;
}

export async function insertSource(db: Executor, url: string, now: string, nextPollAt: string): Promise<number> {
  const { id } = await db
    .insertInto('curation_sources')
    .values({ url, site_url: null, language: null, format: null, etag: null, last_modified: null, last_error: null, last_polled_at: null, last_success_at: null, next_poll_at: nextPollAt, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function deleteSource(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('curation_sources').where('id', '=', id).execute();
}

/** Sources whose poll is due, oldest due first. */
export async function findDueSources(db: Executor, now: string, limit: number): Promise<{ id: number; nextPollAt: string }[]> {
  const rows = await db.selectFrom('curation_sources').select(['id', 'next_poll_at']).where('next_poll_at', '<=', now).orderBy('next_poll_at').limit(limit).execute();
  return rows.map((row) => ({ id: row.id, nextPollAt: row.next_poll_at }));
}

/** Moves a due source's next poll to `until` if nobody did since it was read; true for the one that did. */
export async function claimDueSource(db: Executor, id: number, seenNextPollAt: string, until: string): Promise<boolean> {
  const result = await db.updateTable('curation_sources').set({ next_poll_at: until }).where('id', '=', id).where('next_poll_at', '=', seenNextPollAt).executeTakeFirst();
  return changed(result);
}

/** What a finished poll writes on its source: health, validators, the next turn. */
export interface SourcePollResult {
  readonly ok: boolean;
  readonly error: string | null;
  readonly errorCount: number;
  readonly nextPollAt: string;
  readonly etag?: string | null;
  readonly lastModified?: string | null;
  readonly title?: string;
  readonly siteUrl?: string | null;
  readonly language?: string | null;
  readonly format?: string;
}

export async function updateSourceAfterPoll(db: Executor, id: number, result: SourcePollResult, now: string): Promise<void> {
  await db
    .updateTable('curation_sources')
    .set({
      state: result.ok ? 'ok' : 'failing',
      last_error: result.error,
      error_count: result.errorCount,
      last_polled_at: now,
      next_poll_at: result.nextPollAt,
      updated_at: now,
      ...(result.ok ? { last_success_at: now } : {}),
      ...(result.etag !== undefined ? { etag: result.etag } : {}),
      ...(result.lastModified !== undefined ? { last_modified: result.lastModified } : {}),
      ...(result.title ? { title: result.title } : {}),
      ...(result.siteUrl !== undefined ? { site_url: result.siteUrl } : {}),
      ...(result.language !== undefined ? { language: result.language } : {}),
      ...(result.format ? { format: result.format } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Of these identities, the ones already stored. */
export async function findKnownIdentities(db: Executor, identities: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < identities.length; i += 500) {
    const rows = await db.selectFrom('curation_items').select('identity').where('identity', 'in', identities.slice(i, i + 500)).execute();
    for (const row of rows) known.add(row.identity);
  }
  return known;
}

/** Items sharing a band with any of `bandSets`, created since `since`: the near-duplicate candidates, in one query. */
export async function findClusterCandidates(db: Executor, bandSets: readonly (readonly number[])[], since: string): Promise<{ id: number; simhash: string; clusterId: number }[]> {
  if (bandSets.length === 0) return [];
  const column = (i: number) => [...new Set(bandSets.map((bands) => bands[i]!))];
  const rows = await db
    .selectFrom('curation_items')
    .select(['id', 'simhash', 'cluster_id'])
    .where((eb) => eb.or([eb('band0', 'in', column(0)), eb('band1', 'in', column(1)), eb('band2', 'in', column(2)), eb('band3', 'in', column(3))]))
    .where('created_at', '>=', since)
    .orderBy('id')
    .limit(20_000)
    .execute();
  return rows.map((row) => ({ id: row.id, simhash: row.simhash, clusterId: row.cluster_id ?? row.id }));
}

/** The columns of a new item (state columns take their defaults). */
export type NewItemRow = Pick<
  CurationItemsTable,
  'source_id' | 'identity' | 'url' | 'canonical_url' | 'title' | 'author' | 'outlet' | 'published_at' | 'language' | 'simhash' | 'band0' | 'band1' | 'band2' | 'band3' | 'cluster_id' | 'created_at' | 'updated_at'
> & { summary: string; content_html: string; topics: string; sectors: string; starred: number; dismissed: number };

/** Inserts an item; a cluster without a lead yet gets the item's own id. Returns the id, or undefined when its identity is taken. */
export async function insertItem(db: Executor, row: NewItemRow): Promise<number | undefined> {
  const inserted = await db
    .insertInto('curation_items')
    .values({ ...row, read_at: null, assignee_id: null, board_issue_id: null, story_id: null, promoted_at: null })
    .onConflict((oc) => oc.column('identity').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return undefined;
  if (row.cluster_id === null) await db.updateTable('curation_items').set({ cluster_id: inserted.id }).where('id', '=', inserted.id).execute();
  return inserted.id;
}

const ITEM_COLUMNS = [
  'curation_items.id', 'curation_items.source_id', 'curation_sources.title as source_title', 'curation_items.url', 'canonical_url', 'curation_items.title', 'author', 'outlet',
  'published_at', 'curation_items.language', 'summary', 'content_html', 'cluster_id', 'topics', 'sectors', 'read_at', 'starred', 'dismissed', 'assignee_id', 'note',
  'board_issue_id', 'story_id', 'promoted_at', 'curation_items.created_at',
] as const;

function listOf(text: string): string[] {
  return text.split(',').filter(Boolean);
}

function toItem(row: {
  id: number; source_id: number | null; source_title: string | null; url: string | null; canonical_url: string | null; title: string; author: string | null; outlet: string;
  published_at: string | null; language: string | null; summary: string; content_html: string; cluster_id: number | null; topics: string; sectors: string; read_at: string | null;
  starred: number; dismissed: number; assignee_id: number | null; note: string; board_issue_id: number | null; story_id: number | null; promoted_at: string | null; created_at: string;
}): CurationItem {
  return {
    id: row.id, sourceId: row.source_id, sourceTitle: row.source_title, url: row.url, canonicalUrl: row.canonical_url, title: row.title, author: row.author, outlet: row.outlet,
    publishedAt: row.published_at, language: row.language, summary: row.summary, contentHtml: row.content_html, clusterId: row.cluster_id ?? row.id,
    topics: listOf(row.topics), sectors: listOf(row.sectors), read: row.read_at !== null, starred: row.starred === 1, dismissed: row.dismissed === 1,
    assigneeId: row.assignee_id, note: row.note, boardIssueId: row.board_issue_id, storyId: row.story_id, promotedAt: row.promoted_at, createdAt: row.created_at,
  };
}

function items(db: Executor) {
  return db.selectFrom('curation_items').leftJoin('curation_sources', 'curation_sources.id', 'curation_items.source_id').select(ITEM_COLUMNS);
}

/** One page of cluster leads matching the filter (newest first) and how many there are. */
export async function findInboxLeads(db: Executor, filter: InboxFilter, page: { limit: number; offset: number }): Promise<{ leads: CurationItem[]; total: number }> {
  let query = db.selectFrom('curation_items').leftJoin('curation_sources', 'curation_sources.id', 'curation_items.source_id').whereRef('curation_items.cluster_id', '=', 'curation_items.id');
  if (filter.sourceId !== undefined) {
    const sourceId = filter.sourceId;
    query = query.where('curation_items.cluster_id', 'in', (eb) => eb.selectFrom('curation_items as member').select('member.cluster_id').where('member.source_id', '=', sourceId));
  }
  if (filter.topic) query = query.where('topics', 'like', `%,${filter.topic},%`);
  if (filter.sector) query = query.where('sectors', 'like', `%,${filter.sector},%`);
  if (filter.language) query = query.where('curation_items.language', '=', filter.language);
  const dated = sql<string>`coalesce(curation_items.published_at, curation_items.created_at)`;
  if (filter.since) query = query.where(dated, '>=', filter.since);
  if (filter.until) query = query.where(dated, '<', `${filter.until}T99`);
  if (filter.unread) query = query.where('read_at', 'is', null);
  if (filter.starred) query = query.where('starred', '=', 1);
  query = query.where('dismissed', '=', filter.dismissed ? 1 : 0);
  if (filter.assigneeId !== undefined) query = query.where('assignee_id', '=', filter.assigneeId);
  if (filter.boardIssueId !== undefined) query = query.where('board_issue_id', '=', filter.boardIssueId);
  const [{ n }] = [await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()];
  const rows = await query.select(ITEM_COLUMNS).orderBy(dated, 'desc').orderBy('curation_items.id', 'desc').limit(page.limit).offset(page.offset).execute();
  return { leads: rows.map(toItem), total: Number(n) };
}

/** Every item of these clusters, each cluster's lead first. */
export async function findClusterItems(db: Executor, clusterIds: readonly number[]): Promise<CurationItem[]> {
  if (clusterIds.length === 0) return [];
  const rows = await items(db).where('cluster_id', 'in', [...new Set(clusterIds)]).orderBy('curation_items.id').execute();
  return rows.map(toItem);
}

export async function findItem(db: Executor, id: number): Promise<CurationItem | undefined> {
  const row = await items(db).where('curation_items.id', '=', id).executeTakeFirst();
  return row && toItem(row);
}

/** The items promoted into a story. */
export async function findItemsOfStory(db: Executor, storyId: number): Promise<CurationItem[]> {
  const rows = await items(db).where('story_id', '=', storyId).orderBy('curation_items.id').execute();
  return rows.map(toItem);
}

/** Items still open (not dismissed, not promoted), for a new rule. */
export async function findOpenItems(db: Executor, limit: number): Promise<{ id: number; title: string; summary: string; topics: string; sectors: string }[]> {
  return db.selectFrom('curation_items').select(['id', 'title', 'summary', 'topics', 'sectors']).where('dismissed', '=', 0).where('story_id', 'is', null).orderBy('id', 'desc').limit(limit).execute();
}

/** The state an editor changes on an entry. */
export type ItemChange = Partial<{ read_at: string | null; starred: number; dismissed: number; assignee_id: number | null; note: string; board_issue_id: number | null; topics: string; sectors: string }>;

export async function updateItems(db: Executor, ids: readonly number[], change: ItemChange, now: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('curation_items').set({ ...change, updated_at: now }).where('id', 'in', [...ids]).execute();
}

/** Marks items as promoted into a story, only those not promoted yet; returns how many it marked. */
export async function claimPromotion(db: Executor, ids: readonly number[], storyId: number, now: string): Promise<number> {
  const result = await db.updateTable('curation_items').set({ story_id: storyId, promoted_at: now, read_at: now, updated_at: now }).where('id', 'in', [...ids]).where('story_id', 'is', null).executeTakeFirst();
  return Number(result?.numUpdatedRows ?? 0n);
}

export async function findRules(db: Executor): Promise<CurationRule[]> {
  const rows = await db.selectFrom('curation_rules').select(['id', 'phrase', 'action', 'value', 'created_at']).orderBy('phrase').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, phrase: row.phrase, action: row.action, value: row.value, createdAt: row.created_at }));
}

/** Stores a rule; undefined when the same rule exists. */
export async function insertRule(db: Executor, phrase: string, action: RuleAction, value: string, now: string): Promise<number | undefined> {
  const row = await db.insertInto('curation_rules').values({ phrase, action, value, created_at: now }).onConflict((oc) => oc.columns(['phrase', 'action', 'value']).doNothing()).returning('id').executeTakeFirst();
  return row?.id;
}

export async function deleteRule(db: Executor, id: number): Promise<boolean> {
  return (await db.deleteFrom('curation_rules').where('id', '=', id).executeTakeFirst()).numDeletedRows > 0n;
}
