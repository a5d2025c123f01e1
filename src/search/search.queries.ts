import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../db/database.js';
import { isPostgres } from '../db/dialect.js';
import { ALWAYS_PUBLIC, type SearchKind } from '../db/tables/search.js';
import { inDirectory } from '../organizations/organizations.js';
import type { Language } from '../db/tables/members.js';
import type { SearchFilter } from './search.js';

// The search index's SQL: the sources it reads (each kind's own tables, read here because the
// index sits below the editing services that call it), its writes, and the match per engine.
// The match gets a query string made of our own tokens only (search.service.ts builds it).

/** An item's texts as the index needs them, before analysis. */
export interface SourceItem {
  readonly kind: SearchKind;
  readonly id: number;
  readonly slug: string;
  readonly title: string;
  /** Markdown with the members-only marker (the body, the intro). */
  readonly body: string;
  /** Further public text (venue, subtitle, section headings). */
  readonly extra: readonly string[];
  /** Further members-only text (report findings). */
  readonly extraMembers: readonly string[];
  readonly topics: readonly string[];
  readonly sectors: readonly string[];
  readonly publishedAt: string | null;
  /** When it becomes public (search_documents.public_from). */
  readonly publicFrom: string | null;
}

/** A translation of an item, as stored. */
export interface SourceTranslation {
  readonly language: Language;
  readonly fields: string;
  readonly body: string;
}

/** Rows grouped by an owner id, in their order. */
function byOwner<R, V>(rows: readonly R[], owner: (row: R) => number, value: (row: R) => V): Map<number, V[]> {
  const grouped = new Map<number, V[]>();
  for (const row of rows) {
    const id = owner(row);
    const list = grouped.get(id);
    if (list) list.push(value(row));
    else grouped.set(id, [value(row)]);
  }
  return grouped;
}

/**
 * For stories or reports: the newest published_at of a published or scheduled issue listing
 * each (its date), and when it becomes public (the earliest such issue's time, ALWAYS_PUBLIC for
 * a published one; null when none lists it). The same rule as issues' isPublic.
 */
async function listings(db: Executor, column: 'story_id' | 'report_id', ids: readonly number[]): Promise<Map<number, { publishedAt: string | null; publicFrom: string | null }>> {
  const rows = await db
    .selectFrom('section_items')
    .innerJoin('sections', 'sections.id', 'section_items.section_id')
    .innerJoin('issues', 'issues.id', 'sections.issue_id')
    .where(`section_items.${column}`, 'in', ids)
    .where('issues.status', '!=', 'draft')
    .select((eb) => [
      eb.ref(`section_items.${column}`).as('item'),
      eb.fn.max('issues.published_at').as('at'),
      eb.fn.min(publicFromOf(eb.ref('issues.status'), eb.ref('issues.published_at'))).as('from'),
    ])
    .groupBy(`section_items.${column}`)
    .execute();
  return new Map(rows.map((r) => [Number(r.item), { publishedAt: (r.at as string | null) ?? null, publicFrom: (r.from as string | null) ?? null }]));
}

/** An issue's public_from: ALWAYS_PUBLIC when published, its time when scheduled, null as a draft. */
function publicFromOf(status: Expression<string>, publishedAt: Expression<string | null>): RawBuilder<string | null> {
  return sql<string | null>`(case ${status} when 'published' then ${ALWAYS_PUBLIC} when 'scheduled' then ${publishedAt} end)`;
}

/** One item's source texts, or undefined when it no longer exists. */
export async function loadSourceItem(db: Executor, kind: SearchKind, id: number): Promise<SourceItem | undefined> {
  return (await loadSourceItems(db, kind, [id]))[0];
}

/** Items' source texts, a few queries for all of them (a rebuild reads in batches), in the order of `ids`; gone ones left out. */
export async function loadSourceItems(db: Executor, kind: SearchKind, ids: readonly number[]): Promise<SourceItem[]> {
  if (ids.length === 0) return [];
  const none = { extra: [], extraMembers: [], topics: [], sectors: [] };
  const order = (items: SourceItem[]) => {
    const byId = new Map(items.map((item) => [item.id, item]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  };
  const unlisted = { publishedAt: null, publicFrom: null };
  if (kind === 'story') {
    const stories = await db.selectFrom('stories').where('id', 'in', ids).select(['id', 'slug', 'title', 'body']).execute();
    const topics = byOwner(await db.selectFrom('story_topics').innerJoin('topics', 'topics.id', 'story_topics.topic_id').where('story_id', 'in', ids)
      .select(['story_topics.story_id', 'topics.slug']).orderBy('story_topics.story_id').orderBy('story_topics.position').execute(), (r) => r.story_id, (r) => r.slug);
    const sectors = byOwner(await db.selectFrom('story_sectors').innerJoin('sectors', 'sectors.id', 'story_sectors.sector_id').where('story_id', 'in', ids)
      .select(['story_sectors.story_id', 'sectors.slug']).orderBy('story_sectors.story_id').orderBy('story_sectors.position').execute(), (r) => r.story_id, (r) => r.slug);
    const organizations = byOwner(await db.selectFrom('story_organizations').where('story_id', 'in', ids).select(['story_id', 'name']).orderBy('story_id').orderBy('position').execute(), (r) => r.story_id, (r) => r.name);
    const listed = await listings(db, 'story_id', ids);
    return order(stories.map((story) => ({
      ...none, kind, ...story, extra: organizations.get(story.id) ?? [], topics: topics.get(story.id) ?? [], sectors: sectors.get(story.id) ?? [], ...(listed.get(story.id) ?? unlisted),
    })));
  }
  if (kind === 'issue') {
    const issues = await db.selectFrom('issues').where('id', 'in', ids).select(['id', 'slug', 'title', 'intro', 'status', 'published_at']).execute();
    const headings = byOwner(await db.selectFrom('sections').where('issue_id', 'in', ids).select(['issue_id', 'heading']).orderBy('issue_id').orderBy('position').execute(), (r) => r.issue_id, (r) => r.heading);
    return order(issues.map((issue) => ({
      ...none, kind, id: issue.id, slug: issue.slug, title: issue.title, body: issue.intro, extra: headings.get(issue.id) ?? [], publishedAt: issue.published_at,
      publicFrom: issue.status === 'published' ? ALWAYS_PUBLIC : issue.status === 'scheduled' ? issue.published_at : null,
    })));
  }
  if (kind === 'event') {
    const events = await db.selectFrom('events').where('id', 'in', ids).select(['id', 'slug', 'title', 'body', 'venue', 'city', 'organiser_name', 'starts_at']).execute();
    const sectors = byOwner(await db.selectFrom('event_sectors').innerJoin('sectors', 'sectors.id', 'event_sectors.sector_id').where('event_id', 'in', ids)
      .select(['event_sectors.event_id', 'sectors.slug']).orderBy('event_sectors.event_id').orderBy('event_sectors.position').execute(), (r) => r.event_id, (r) => r.slug);
    return order(events.map((event) => ({
      ...none, kind, id: event.id, slug: event.slug, title: event.title, body: event.body,
      extra: [event.venue, event.city, event.organiser_name].filter((t): t is string => !!t), sectors: sectors.get(event.id) ?? [], publishedAt: event.starts_at, publicFrom: ALWAYS_PUBLIC,
    })));
  }
  if (kind === 'program') {
    const programs = await db.selectFrom('programs').where('id', 'in', ids).select(['id', 'slug', 'title', 'body', 'cohort_start', 'created_at']).execute();
    return order(programs.map((program) => ({
      ...none, kind, id: program.id, slug: program.slug, title: program.title, body: program.body, publishedAt: program.cohort_start ?? program.created_at, publicFrom: ALWAYS_PUBLIC,
    })));
  }
  if (kind === 'innovator') return order(await loadInnovators(db, ids));
  const reports = await db.selectFrom('reports').where('id', 'in', ids).select(['id', 'slug', 'title', 'subtitle', 'body', 'publisher', 'partner']).execute();
  const findings = byOwner(await db.selectFrom('findings').where('report_id', 'in', ids).select(['report_id', 'title', 'statement']).orderBy('report_id').orderBy('position').execute(), (r) => r.report_id, (r) => [r.title, r.statement]);
  const listed = await listings(db, 'report_id', ids);
  return order(reports.map((report) => ({
    ...none, kind, id: report.id, slug: report.slug, title: report.title, body: report.body,
    extra: [report.subtitle, report.publisher, report.partner].filter((t): t is string => !!t),
    extraMembers: (findings.get(report.id) ?? []).flat(), ...(listed.get(report.id) ?? unlisted),
  })));
}

/**
 * Organisation profiles as innovators: found while the innovators directory lists them (a
 * profile of Chinese origin, from the time it was written), with their names, city and
 * technologies as public text, the members-only part of the profile as members' text, their
 * sectors as the facet. Its date is when the profile was written.
 */
async function loadInnovators(db: Executor, ids: readonly number[]): Promise<SourceItem[]> {
  const organizations = await db.selectFrom('organizations').where('id', 'in', ids).where('profiled_at', 'is not', null)
    .select(['id', 'slug', 'name', 'name_zh', 'city', 'country', 'body', 'profiled_at']).execute();
  const aliases = byOwner(await db.selectFrom('organization_aliases').where('organization_id', 'in', ids).select(['organization_id', 'name'])
    .orderBy('organization_id').orderBy('position').execute(), (r) => r.organization_id, (r) => r.name);
  const technologies = byOwner(await db.selectFrom('organization_technologies').where('organization_id', 'in', ids).select(['organization_id', 'name'])
    .orderBy('organization_id').orderBy('position').execute(), (r) => r.organization_id, (r) => r.name);
  const sectors = byOwner(await db.selectFrom('organization_sectors').innerJoin('sectors', 'sectors.id', 'organization_sectors.sector_id').where('organization_id', 'in', ids)
    .select(['organization_sectors.organization_id', 'sectors.slug']).orderBy('organization_sectors.organization_id').orderBy('organization_sectors.position').execute(),
  (r) => r.organization_id, (r) => r.slug);
  return organizations.map((o) => ({
    kind: 'innovator', id: o.id, slug: o.slug, title: o.name, body: o.body, extraMembers: [], topics: [],
    extra: [o.name_zh, ...(aliases.get(o.id) ?? []), o.city, ...(technologies.get(o.id) ?? [])].filter((t): t is string => !!t),
    sectors: sectors.get(o.id) ?? [], publishedAt: o.profiled_at, publicFrom: inDirectory(o.country) ? o.profiled_at : null,
  }));
}

/** The translations of one item. */
export async function loadSourceTranslations(db: Executor, kind: SearchKind, id: number): Promise<SourceTranslation[]> {
  return (await loadSourceTranslationsOf(db, kind, [id])).get(id) ?? [];
}

/** The translations of several items of a kind, by item id. */
export async function loadSourceTranslationsOf(db: Executor, kind: SearchKind, ids: readonly number[]): Promise<Map<number, SourceTranslation[]>> {
  // Profiles have no translations (their Chinese name is part of the one document).
  if (ids.length === 0 || kind === 'innovator') return new Map();
  const column = `${kind}_id` as const;
  const rows = await db.selectFrom('translations').where(column, 'in', ids).select([column, 'language', 'fields', 'body']).orderBy(column).orderBy('language').execute();
  return byOwner(rows, (r) => Number((r as Record<string, unknown>)[column]), (r) => ({ language: r.language, fields: r.fields, body: r.body }));
}

/** The ids of every item of a kind, for a rebuild. */
export async function listItemIds(db: Executor, kind: SearchKind): Promise<number[]> {
  if (kind === 'innovator') return (await db.selectFrom('organizations').where('profiled_at', 'is not', null).select('id').orderBy('id').execute()).map((r) => r.id);
  const table = ({ story: 'stories', issue: 'issues', event: 'events', program: 'programs', report: 'reports' } as const)[kind];
  const rows = await db.selectFrom(table).select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** The ids of the stories and reports an issue lists: their dates follow the issue's. */
export async function listIssueItems(db: Executor, issueId: number): Promise<{ kind: SearchKind; id: number }[]> {
  const rows = await db.selectFrom('section_items').innerJoin('sections', 'sections.id', 'section_items.section_id')
    .where('sections.issue_id', '=', issueId).select(['story_id', 'report_id']).execute();
  return rows.flatMap((r) => [
    ...(r.story_id !== null ? [{ kind: 'story' as const, id: r.story_id }] : []),
    ...(r.report_id !== null ? [{ kind: 'report' as const, id: r.report_id }] : []),
  ]);
}

/** A document ready to store. */
export interface DocumentRow {
  readonly kind: SearchKind;
  readonly itemId: number;
  readonly language: Language;
  readonly slug: string;
  readonly title: string;
  readonly publicText: string;
  readonly memberText: string;
  readonly publicTokens: string;
  readonly memberTokens: string;
  readonly topics: string;
  readonly sectors: string;
  readonly year: number | null;
  readonly quarter: number | null;
  readonly publishedAt: string | null;
  readonly publicFrom: string | null;
}

/** Removes an item's documents (every language) from the index. */
export async function deleteDocuments(db: Executor, kind: SearchKind, itemId: number): Promise<void> {
  if (!isPostgres(db)) {
    await sql`delete from search_fts where rowid in (select id from search_documents where kind = ${kind} and item_id = ${itemId})`.execute(db);
  }
  await db.deleteFrom('search_documents').where('kind', '=', kind).where('item_id', '=', itemId).execute();
}

/**
 * Stores documents and their full-text entries, a few statements for all of them. The token
 * strings go to the engine's index only (FTS5's contentless table, PostgreSQL's vectors): the
 * rows' public_tokens and member_tokens stay empty, since writing each document's tokens (six
 * times its text) twice was a third of a rebuild's time (docs/search.md, "Performance").
 */
export async function insertDocuments(db: Executor, docs: readonly DocumentRow[], now: string): Promise<void> {
  if (docs.length === 0) return;
  const postgres = isPostgres(db);
  // array_to_tsvector takes our tokens as lexemes unchanged; it refuses empty strings, so '' stays an empty array.
  const vector = (tokens: string) => sql<string>`array_to_tsvector(array_remove(string_to_array(${tokens}, ' '), ''))`;
  const inserted = await db.insertInto('search_documents').values(docs.map((doc) => ({
    kind: doc.kind, item_id: doc.itemId, language: doc.language, slug: doc.slug, title: doc.title,
    public_text: doc.publicText, member_text: doc.memberText, public_tokens: '', member_tokens: '',
    topics: doc.topics, sectors: doc.sectors, year: doc.year, quarter: doc.quarter, published_at: doc.publishedAt, public_from: doc.publicFrom, indexed_at: now,
    // The vectors are PostgreSQL's columns only (not in the shared table type).
    ...(postgres ? { public_vector: vector(doc.publicTokens), full_vector: vector(`${doc.publicTokens} ${doc.memberTokens}`) } as object : {}),
  }))).returning(['id', 'kind', 'item_id', 'language']).execute();
  if (postgres) return;
  // Matched by (kind, item, language), unique: RETURNING's row order is not promised.
  const idOf = new Map(inserted.map((r) => [`${r.kind}:${r.item_id}:${r.language}`, r.id]));
  const rows = docs.map((doc) => sql`(${idOf.get(`${doc.kind}:${doc.itemId}:${doc.language}`)!}, ${doc.publicTokens}, ${doc.memberTokens})`);
  await sql`insert into search_fts (rowid, public_tokens, member_tokens) values ${sql.join(rows)}`.execute(db);
}

/** What beginBulkIndexing changed, for endBulkIndexing to put back. */
export interface BulkIndexing {
  readonly cacheSize?: number;
}

/** FTS5's default for the terms it gathers in memory before writing them out as a segment (bytes). */
const FTS5_HASH_SIZE = 1024 * 1024;

/**
 * Before a rebuild's many inserts in one transaction (SQLite): a page cache that holds the
 * index being written (instead of spilling and reading back pages all along) and FTS5's pending
 * terms gathered in memory up to 64 MB before each segment is written (fewer, larger segments,
 * fewer merges). Both are put back by endBulkIndexing; what is found does not change.
 */
export async function beginBulkIndexing(db: Executor): Promise<BulkIndexing> {
  if (isPostgres(db)) return {};
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(db);
  await sql`pragma cache_size = -262144`.execute(db);
  await sql`insert into search_fts (search_fts, rank) values ('hashsize', ${sql.lit(64 * 1024 * 1024)})`.execute(db);
  return { cacheSize: Number(rows[0]?.cache_size ?? -2000) };
}

/** After a rebuild's inserts: FTS5's segments merged into one (the fastest to search), the settings put back. */
export async function endBulkIndexing(db: Executor, bulk: BulkIndexing): Promise<void> {
  if (isPostgres(db)) return;
  await sql`insert into search_fts (search_fts, rank) values ('hashsize', ${sql.lit(FTS5_HASH_SIZE)})`.execute(db);
  await sql`insert into search_fts (search_fts) values ('optimize')`.execute(db);
  await sql.raw(`pragma cache_size = ${Math.trunc(bulk.cacheSize ?? -2000)}`).execute(db);
}

/** Empties the index (a rebuild): FTS5's own `delete-all` drops its segments at once instead of deleting row by row. */
export async function deleteAllDocuments(db: Executor): Promise<void> {
  if (!isPostgres(db)) await sql`insert into search_fts (search_fts) values ('delete-all')`.execute(db);
  await db.deleteFrom('search_documents').execute();
}

/** A match expression per engine: `fts` for SQLite's MATCH, `tsquery` for PostgreSQL. */
export interface MatchQuery {
  readonly fts: string;
  readonly tsquery: string;
}


/** A hit as stored. */
export interface HitRow {
  id: number;
  kind: SearchKind;
  item_id: number;
  language: Language;
  slug: string;
  title: string;
  public_text: string;
  member_text: string;
  topics: string;
  sectors: string;
  year: number | null;
  quarter: number | null;
  published_at: string | null;
  rank: number;
}

/**
 * Whether the document's item is public now: every event and program; an issue that is
 * published (or scheduled and due); a story or report that such an issue lists. The same rule
 * as the public pages (issues' isPublic), stored by the index as `public_from`.
 */
function visibleNow(now: string): Expression<SqlBool> {
  return sql<SqlBool>`d.public_from <= ${now}`;
}

function filterSql(filter: SearchFilter): Expression<SqlBool> {
  const parts = [sql`1 = 1`];
  if (filter.kind) parts.push(sql`d.kind = ${filter.kind}`);
  if (filter.topic) parts.push(sql`d.topics like ${`% ${filter.topic} %`}`);
  if (filter.sector) parts.push(sql`d.sectors like ${`% ${filter.sector} %`}`);
  if (filter.year !== undefined) parts.push(sql`d.year = ${filter.year}`);
  if (filter.quarter !== undefined) parts.push(sql`d.quarter = ${filter.quarter}`);
  if (filter.language) parts.push(sql`d.language = ${filter.language}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/**
 * The hits' narrow columns (visibility, filters, facets, order): on SQLite read from the covering
 * index search_documents_hits, never from the wide rows (texts and tokens in overflow pages).
 */
function hitColumns(db: Executor) {
  return isPostgres(db) ? sql`search_documents d` : sql`search_documents d indexed by search_documents_hits`;
}

/** A group of hits with the same facet values, and how many. */
export type FacetGroup = Pick<HitRow, 'kind' | 'language' | 'topics' | 'sectors' | 'year' | 'quarter'> & { count: number };

/** One pass's row: a hit of the page (`n` its place) or a group of the facets. */
interface PassRow {
  part: 'hit' | 'facet' | 'info';
  n: number | null;
  id: number | null;
  rank: number | null;
  kind: SearchKind | null;
  language: Language | null;
  topics: string | null;
  sectors: string | null;
  year: number | null;
  quarter: number | null;
  count: number | null;
}

/**
 * At most this many hits are ranked (BM25, ts_rank): the most recently indexed ones (the
 * highest document ids; a rebuild indexes each kind in the order of its items, and an edited
 * item is indexed again). Ranking costs a few microseconds a hit (FTS5's bm25() reads each
 * hit's positions and size), so ranking all of a common word's 50,000 hits took most of a
 * search's time; the total and the facets are counted over up to COUNT_CAP hits.
 */
export const RANK_CAP = 2_000;

/** The ranking of the candidate hits `c` (ids): on SQLite bm25() over the match from the lowest candidate id on, on PostgreSQL ts_rank of each. */
function rankedSql(db: Executor, match: MatchQuery, members: boolean) {
  if (isPostgres(db)) {
    const vector = members ? sql.ref('d.full_vector') : sql.ref('d.public_vector');
    return sql`select c.id, ts_rank(${vector}, cast(${match.tsquery} as tsquery)) as rank from c join search_documents d on d.id = c.id`;
  }
  const expression = members ? match.fts : `{public_tokens} : (${match.fts})`;
  // bm25() is lower for better matches; negated so both engines rank higher-is-better. The rowid
  // range lets FTS5 start at the first candidate, so only about the candidates are scored.
  return sql`select rowid as id, -bm25(search_fts) as rank from search_fts where search_fts match ${expression} and rowid >= (select min(id) from c)`;
}

/**
 * At most this many hits are counted for the total and the facets: the most recently indexed
 * ones (highest ids). Counting costs about 1.3 µs a hit (the match, the join to the covering
 * index, the facet groups), 65 ms for a common word's 50,000 hits at 100,000 stories; above the
 * cap the total is an estimate and the page says "about" (docs/search.md, "Bounded counting").
 */
export const COUNT_CAP = 5_000;

/**
 * The visible, filtered hits' narrow columns, most recently indexed first (`below`: only ids
 * below it). On SQLite FTS5 gives the matches in descending rowid order as they are read and
 * each is joined to the covering index, so a LIMIT stops the match early.
 */
function hitsSql(db: Executor, match: MatchQuery, members: boolean, filter: SearchFilter, now: string, below?: RawBuilder<unknown>) {
  const columns = sql`d.id, d.published_at, d.kind, d.language, d.topics, d.sectors, d.year, d.quarter`;
  if (isPostgres(db)) {
    const vector = members ? sql.ref('d.full_vector') : sql.ref('d.public_vector');
    return sql`select ${columns} from search_documents d where ${vector} @@ cast(${match.tsquery} as tsquery)
      and ${visibleNow(now)} and ${filterSql(filter)}${below ? sql` and d.id < ${below}` : sql``} order by d.id desc`;
  }
  const expression = members ? match.fts : `{public_tokens} : (${match.fts})`;
  return sql`select ${columns} from search_fts cross join ${hitColumns(db)} on d.id = search_fts.rowid where search_fts match ${expression}
    and ${visibleNow(now)} and ${filterSql(filter)}${below ? sql` and search_fts.rowid < ${below}` : sql``} order by search_fts.rowid desc`;
}

/** How a page's figures were counted: over every hit, or (`more`) over the `countCap` most recent ones with further hits below `lowest`. */
export interface Counted {
  readonly more: boolean;
  /** The lowest document id counted. */
  readonly lowest: number | null;
}

/**
 * One page of hits and the facet values of the filtered hit set, counted in SQL (one row per
 * combination of values with its count, so the counts' sum is the total) over at most the
 * `countCap` most recently indexed hits (`counted.more` says there are further ones). Only the
 * page's rows are then read whole. The order: the most recently indexed `rankCap` hits best
 * first (then newest), then the rest, most recently indexed first, through every hit (pages past
 * the counted ones read the match on from where the ranked ones end).
 */
export async function searchPage(db: Executor, match: MatchQuery, members: boolean, filter: SearchFilter, now: string, limit: number, offset: number, rankCap: number = RANK_CAP, countCap: number = COUNT_CAP): Promise<{ hits: HitRow[]; groups: FacetGroup[]; counted: Counted }> {
  // The page's part among the ranked hits, and its part among the rest.
  const ranked = Math.min(rankCap, countCap);
  const rankedLimit = Math.max(0, Math.min(limit, ranked - offset));
  const restOffset = Math.max(0, offset - ranked);
  const { rows } = await sql<PassRow>`with h as materialized (${hitsSql(db, match, members, filter, now)} limit ${countCap}),
    c as materialized (select id, published_at from h order by id desc limit ${ranked}),
    r as materialized (${rankedSql(db, match, members)}),
    p as (select c.id, r.rank, row_number() over (order by r.rank desc, c.published_at desc, c.id) as n from c join r on r.id = c.id),
    q as (select id, rank, n from p where n > ${Math.min(offset, ranked)} and n <= ${Math.min(offset, ranked) + rankedLimit}),
    s as (select id from (${hitsSql(db, match, members, filter, now, sql`(select min(id) from c)`)} limit ${limit - rankedLimit} offset ${restOffset}) rest)
    select 'hit' as part, q.n, q.id, q.rank, cast(null as text) as kind, cast(null as text) as language, cast(null as text) as topics,
      cast(null as text) as sectors, cast(null as integer) as year, cast(null as integer) as quarter, cast(null as integer) as count from q
    union all
    select 'hit', null, s.id, 0, null, null, null, null, null, null, null from s
    union all
    select 'facet', null, null, null, kind, language, topics, sectors, year, quarter, count(*) from h
    group by kind, language, topics, sectors, year, quarter
    union all
    select 'info', null, (select min(id) from h), case when (select count(*) from h) < ${countCap} then 0
      when exists (select 1 from (${hitsSql(db, match, members, filter, now, sql`(select min(id) from h)`)} limit 1) below) then 1 else 0 end,
      null, null, null, null, null, null, null`.execute(db);
  const info = rows.find((r) => r.part === 'info');
  const counted: Counted = { more: Number(info?.rank ?? 0) === 1, lowest: info?.id === null || info?.id === undefined ? null : Number(info.id) };
  // The ranked hits by their place, then the rest, most recently indexed first.
  const place = (r: PassRow) => (r.n === null ? Number.MAX_SAFE_INTEGER - Number(r.id) : Number(r.n));
  const pageRows = rows.filter((r) => r.part === 'hit').sort((a, b) => place(a) - place(b));
  const groups = rows.filter((r) => r.part === 'facet').map((r) => ({
    kind: r.kind!, language: r.language!, topics: r.topics!, sectors: r.sectors!, count: Number(r.count),
    year: r.year === null ? null : Number(r.year), quarter: r.quarter === null ? null : Number(r.quarter),
  }));
  if (pageRows.length === 0) return { hits: [], groups, counted };
  const wide = await db.selectFrom('search_documents')
    .where('id', 'in', pageRows.map((r) => Number(r.id)))
    .select(['id', 'kind', 'item_id', 'language', 'slug', 'title', 'public_text', 'member_text', 'topics', 'sectors', 'year', 'quarter', 'published_at'])
    .execute();
  const byId = new Map(wide.map((r) => [r.id, r]));
  const hits = pageRows.flatMap((r) => {
    const row = byId.get(Number(r.id));
    return row ? [{ ...row, rank: Number(r.rank) } as HitRow] : [];
  });
  return { hits, groups, counted };
}

/** The lowest and highest document ids (of a kind, when given): the span a capped count's estimate extrapolates over. */
export async function documentSpan(db: Executor, kind: SearchKind | undefined): Promise<{ low: number; high: number }> {
  let query = db.selectFrom('search_documents').select((eb) => [eb.fn.min('id').as('low'), eb.fn.max('id').as('high')]);
  if (kind) query = query.where('kind', '=', kind);
  const row = await query.executeTakeFirst();
  return { low: Number(row?.low ?? 0), high: Number(row?.high ?? 0) };
}

/** The ICU version the index was built with, or undefined before the first build. */
export async function getIndexIcuVersion(db: Executor): Promise<string | undefined> {
  const row = await db.selectFrom('meta').where('key', '=', 'search_icu_version').select('value').executeTakeFirst();
  return row?.value;
}

/** Records the ICU version the index is built with. */
export async function setIndexIcuVersion(db: Executor, version: string): Promise<void> {
  await db.deleteFrom('meta').where('key', '=', 'search_icu_version').execute();
  await db.insertInto('meta').values({ key: 'search_icu_version', value: version }).execute();
}
