import { splitBody } from '../content/body.js';
import type { Database, Executor } from '../db/database.js';
import type { Language } from '../db/tables/members.js';
import { analyzeQuery, INDEX_VERSION, indexTokens, type AnalysedQuery } from './analysis.js';
import {
  beginBulkIndexing, deleteAllDocuments, deleteDocuments, endBulkIndexing, getIndexIcuVersion, insertDocuments, listIssueItems, listItemIds, loadSourceItem,
  loadSourceItems, loadSourceTranslations, loadSourceTranslationsOf, searchPage, documentSpan, COUNT_CAP, setIndexIcuVersion, type DocumentRow, type FacetGroup, type MatchQuery, type SourceItem, type SourceTranslation,
} from './search.queries.js';
import { MAX_QUERY_LENGTH, PAGE_SIZE, SEARCH_KINDS, type FacetCount, type SearchKind, type SearchOutcome, type SearchRequest } from './search.js';
import { snippetOf } from './snippet.js';

// Search: the index kept in step with the content (reindexItem, called in the transaction that
// changes an item) and the query (search). Both go through analysis.ts; see docs/search.md.

/** At most this many query words are searched (the rest are ignored). */
const MAX_TERMS = 16;

function quarterOf(iso: string | null): { year: number | null; quarter: number | null } {
  if (!iso) return { year: null, quarter: null };
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return Number.isFinite(year) && month >= 1 ? { year, quarter: Math.ceil(month / 3) } : { year: null, quarter: null };
}

/** Every string in a translation's fields JSON, the findings (members-only) apart. */
function stringsOf(value: unknown, into: { public: string[]; members: string[] }, members = false): void {
  if (typeof value === 'string') (members ? into.members : into.public).push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, into, members);
  else if (value && typeof value === 'object') for (const [key, v] of Object.entries(value)) if (key !== 'title') stringsOf(v, into, members || key === 'findings');
}

/** One full-text column's tokens: each text's, every part token once (indexTokens). */
function columnTokens(texts: readonly string[]): string {
  const seen = new Set<string>();
  return texts.flatMap((text) => indexTokens(text, seen)).join(' ');
}

function documentOf(item: SourceItem, language: Language, title: string, body: string, extra: readonly string[], extraMembers: readonly string[]): DocumentRow {
  const split = splitBody(body);
  const publicText = [split.teaser, ...extra].filter(Boolean).join('\n\n');
  const memberText = [split.membersOnly ?? '', ...extraMembers].filter(Boolean).join('\n\n');
  return {
    kind: item.kind, itemId: item.id, language, slug: item.slug, title, publicText, memberText,
    publicTokens: columnTokens([title, publicText]), memberTokens: columnTokens([memberText]),
    topics: ` ${item.topics.join(' ')} `, sectors: ` ${item.sectors.join(' ')} `, ...quarterOf(item.publishedAt), publishedAt: item.publishedAt, publicFrom: item.publicFrom,
  };
}

function translatedDocument(item: SourceItem, translation: SourceTranslation): DocumentRow {
  let fields: unknown = {};
  try {
    fields = JSON.parse(translation.fields);
  } catch {
    fields = {};
  }
  const texts = { public: [] as string[], members: [] as string[] };
  stringsOf(fields, texts);
  const title = typeof (fields as { title?: unknown }).title === 'string' ? String((fields as { title: string }).title) : item.title;
  // An untranslated body falls back to the English one, as the pages show it.
  return documentOf(item, translation.language, title, translation.body || item.body, texts.public, texts.members.length > 0 ? texts.members : item.extraMembers);
}

/** An item's documents: the English original, then each translation. */
function documentsOf(item: SourceItem, translations: readonly SourceTranslation[]): DocumentRow[] {
  return [documentOf(item, 'en', item.title, item.body, item.extra, item.extraMembers), ...translations.map((translation) => translatedDocument(item, translation))];
}

async function indexOne(trx: Executor, kind: SearchKind, id: number, now: string): Promise<void> {
  await deleteDocuments(trx, kind, id);
  const item = await loadSourceItem(trx, kind, id);
  if (!item) return;
  await insertDocuments(trx, documentsOf(item, await loadSourceTranslations(trx, kind, id)), now);
}

/** A rebuild reads and writes this many items at once. */
const REBUILD_BATCH = 200;

/**
 * Brings one item's documents (English and each translation) up to date, or removes them when
 * the item is gone. Call it in the transaction that changes the item; an issue also refreshes
 * the stories and reports it lists (their dates follow it).
 */
export async function reindexItem(trx: Executor, kind: SearchKind, id: number, now: Date = new Date()): Promise<void> {
  await indexOne(trx, kind, id, now.toISOString());
  if (kind === 'issue') for (const listed of await listIssueItems(trx, id)) await indexOne(trx, listed.kind, listed.id, now.toISOString());
}

/** The stories and reports an issue lists now (to reindex after it stops listing them). */
export function listedItems(trx: Executor, issueId: number): Promise<{ kind: SearchKind; id: number }[]> {
  return listIssueItems(trx, issueId);
}

/** Rebuilds the whole index in one transaction; `onProgress` hears (done, total). Records the ICU and analysis versions. */
export async function reindexAll(db: Database, onProgress: (done: number, total: number) => void = () => {}, now: Date = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ids = new Map<SearchKind, number[]>();
    for (const kind of SEARCH_KINDS) ids.set(kind, await listItemIds(trx, kind));
    const total = [...ids.values()].reduce((sum, list) => sum + list.length, 0);
    await deleteAllDocuments(trx);
    const bulk = await beginBulkIndexing(trx);
    let done = 0;
    for (const [kind, list] of ids) {
      for (let start = 0; start < list.length; start += REBUILD_BATCH) {
        const batch = list.slice(start, start + REBUILD_BATCH);
        const items = await loadSourceItems(trx, kind, batch);
        const translations = await loadSourceTranslationsOf(trx, kind, batch);
        await insertDocuments(trx, items.flatMap((item) => documentsOf(item, translations.get(item.id) ?? [])), now.toISOString());
        for (let i = 0; i < batch.length; i++) onProgress(++done, total);
      }
    }
    await endBulkIndexing(trx, bulk);
    await setIndexIcuVersion(trx, INDEX_VERSION);
    return total;
  });
}

/** Whether the index was built with another ICU version or analysis than this process's (or never built): then reindex. */
export async function indexIsStale(db: Executor): Promise<boolean> {
  return (await getIndexIcuVersion(db)) !== INDEX_VERSION;
}

/** The per-engine match of an analysed query: every term, each as any of its alternatives, tokens quoted. */
export function matchQueryOf(query: AnalysedQuery): MatchQuery {
  const terms = query.terms.slice(0, MAX_TERMS);
  const fts = terms.map((term) => `(${term.alternatives.map((alt) => `(${alt.tokens.map((t, i) => `"${t}"${alt.prefix && i === alt.tokens.length - 1 ? '*' : ''}`).join(' AND ')})`).join(' OR ')})`).join(' AND ');
  const tsquery = terms.map((term) => `(${term.alternatives.map((alt) => `(${alt.tokens.map((t, i) => `'${t}'${alt.prefix && i === alt.tokens.length - 1 ? ':*' : ''}`).join(' & ')})`).join(' | ')})`).join(' & ');
  return { fts, tsquery };
}

/** Facet counts from groups of hits: each group adds its count to each of its values. */
function countsOf<V>(groups: readonly FacetGroup[], valuesOf: (group: FacetGroup) => readonly V[]): FacetCount<V>[] {
  const counts = new Map<V, number>();
  for (const group of groups) for (const v of valuesOf(group)) counts.set(v, (counts.get(v) ?? 0) + group.count);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
}

const slugsOf = (spaced: string) => spaced.split(' ').filter(Boolean);

/** A number rounded to two significant digits (an estimate says no more than it knows: 57,000, 5,300). */
function roughly(n: number): number {
  if (n < 100) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

/**
 * The total of a capped count: the counted hits are every hit with an id from `lowest` on, so
 * their density over that part of the index's ids, extrapolated over all of its ids (of the
 * filtered kind: a rebuild indexes each kind in one block), rounded to two digits and never
 * below the counted hits. It assumes a word's hits are spread evenly over the ids, as they are
 * over the items' order; docs/search.md ("Bounded counting") has how far off it was.
 */
export function estimateTotal(counted: number, lowest: number, span: { low: number; high: number }): number {
  const part = span.high - lowest + 1;
  const whole = span.high - span.low + 1;
  if (part <= 0 || whole <= part) return counted;
  return Math.max(counted, roughly((counted * whole) / part));
}

/**
 * Runs a search: one page of hits with snippets for the audience, the facets of the hit set.
 * Above `countCap` hits the total and the facets are those of the `countCap` most recently
 * indexed ones, the total extrapolated (`approximate`); pages still reach every hit (`hasNext`).
 */
export async function search(db: Executor, request: SearchRequest, now: Date = new Date(), countCap: number = COUNT_CAP): Promise<SearchOutcome> {
  const q = request.q.trim();
  if (q === '') return { status: 'empty' };
  if (request.q.length > MAX_QUERY_LENGTH) return { status: 'too-long' };
  const analysed = analyzeQuery(request.q);
  if (analysed.terms.length === 0) return { status: 'no-words', hadOperators: analysed.hadOperators };
  const match = matchQueryOf(analysed);
  const members = request.audience === 'member';
  const filter = { kind: request.kind, topic: request.topic, sector: request.sector, year: request.year, quarter: request.quarter, language: request.language };
  const page = Math.max(1, Math.floor(request.page));
  // One hit more than the page: whether a next page exists (past the counted hits, the total is an estimate).
  const found = await searchPage(db, match, members, filter, now.toISOString(), PAGE_SIZE + 1, (page - 1) * PAGE_SIZE, undefined, countCap);
  const { groups, counted } = found;
  const hits = found.hits.slice(0, PAGE_SIZE);
  const countedTotal = groups.reduce((sum, g) => sum + g.count, 0);
  const approximate = counted.more;
  const total = approximate && counted.lowest !== null ? estimateTotal(countedTotal, counted.lowest, await documentSpan(db, request.kind)) : countedTotal;
  const pages = approximate ? Math.max(page + (found.hits.length > PAGE_SIZE ? 1 : 0), Math.ceil(total / PAGE_SIZE)) : Math.max(1, Math.ceil(total / PAGE_SIZE));
  const words = analysed.terms.map((t) => t.word);
  return {
    status: 'results', hadOperators: analysed.hadOperators, total, approximate, counted: countedTotal, page, pages, hasNext: found.hits.length > PAGE_SIZE,
    hits: hits.map((h) => ({
      kind: h.kind, itemId: h.item_id, slug: h.slug, language: h.language, title: h.title, publishedAt: h.published_at, rank: h.rank,
      snippet: snippetOf(members ? `${h.public_text}\n\n${h.member_text}` : h.public_text, words),
    })),
    facets: {
      kind: countsOf(groups, (g) => [g.kind]),
      language: countsOf(groups, (g) => [g.language]),
      topic: countsOf(groups, (g) => slugsOf(g.topics)),
      sector: countsOf(groups, (g) => slugsOf(g.sectors)),
      year: countsOf(groups, (g) => (g.year === null ? [] : [g.year])),
      quarter: countsOf(groups, (g) => (g.year === null || g.quarter === null ? [] : [`${g.year}-Q${g.quarter}`])),
    },
  };
}
