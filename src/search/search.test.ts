import { expect, it } from 'vitest';
import { importContentFiles } from '../../test/support/content.js';
import { forEachDialect } from '../../test/support/databases.js';
import { SEARCH_FILES, SEARCH_INNOVATOR_FILES, searchIssueFile, slugsFound } from '../../test/support/search.js';
import { fixedClock } from '../lib/clock.js';
import { publishIssue, scheduleIssue, unpublishIssue } from '../issues/issue-editing.service.js';
import { getStoryBySlug } from '../stories/stories.service.js';
import { removeTranslation, saveTranslation } from '../translations/translations.service.js';
import { ICU_VERSION } from './analysis.js';
import { sql } from 'kysely';
import { isPostgres } from '../db/dialect.js';
import { analyzeQuery } from './analysis.js';
import { searchPage } from './search.queries.js';
import { estimateTotal, indexIsStale, matchQueryOf, reindexAll, search } from './search.service.js';
import type { SearchRequest } from './search.js';

// The index and the query on each engine, through the content-folder import (which indexes in
// its transaction): who sees what, the analysis end to end, facets, paging and bad input.

const clock = fixedClock('2026-12-01T10:00:00Z');

forEachDialect('search', ({ db }) => {
  const run = (request: SearchRequest) => search(db(), request, clock.now());
  const found = (q: string, audience: SearchRequest['audience'] = 'public') => slugsFound(run, q, audience);

  it('finds words through the shared analysis: folding, Chinese words inside longer ones, compound parts, prefixes', async () => {
    await importContentFiles(db(), clock, { files: SEARCH_FILES });
    expect(await found('kunstliche ')).toEqual(['story:battery']);
    expect(await found('munchen ')).toEqual(['story:battery']);
    expect(await found('recycling ')).toEqual(['story:battery']);
    expect(await found('汽车 ')).toEqual(['story:nev']);
    expect(await found('汽車 ')).toEqual(['story:nev']);
    expect(await found('tripl')).toEqual(['story:byd']);
    expect(await found('byd electric ')).toEqual(['story:byd']);
    expect(await found('byd munchen ')).toEqual([]);
  });

  it('searches members-only text for members only, and quotes it to members only', async () => {
    await importContentFiles(db(), clock, { files: SEARCH_FILES });
    expect(await found('zebrafinch ')).toEqual([]);
    expect(await found('zebrafinch ', 'member')).toEqual(['story:battery']);
    expect(await found('固态电池 ')).toEqual([]);
    expect(await found('固态电池 ', 'member')).toEqual(['story:nev']);
    const outcome = await run({ q: 'batterierecycling', audience: 'public', page: 1 });
    if (outcome.status !== 'results') throw new Error(outcome.status);
    expect(outcome.hits[0]?.snippet.map((p) => p.text).join('')).not.toContain('zebrafinch');
    const members = await run({ q: 'zebrafinch', audience: 'member', page: 1 });
    if (members.status !== 'results') throw new Error(members.status);
    expect(members.hits[0]?.snippet.filter((p) => p.mark).map((p) => p.text)).toEqual(['zebrafinch']);
  });

  it('finds nothing of what is not public yet: a story only a draft issue lists, the draft issue', async () => {
    await importContentFiles(db(), clock, { files: SEARCH_FILES });
    expect(await found('quokkaplan ', 'member')).toEqual([]);
    expect(await found('issue ')).toEqual(['issue:2025-spring']);
  });

  it('counts facets over the whole hit set and filters by them', async () => {
    await importContentFiles(db(), clock, { files: SEARCH_FILES });
    const outcome = await run({ q: 'landscape', audience: 'public', page: 1 });
    expect(outcome.status).toBe('results');
    const all = await run({ q: '2025', audience: 'public', page: 1 });
    if (all.status !== 'results') throw new Error(all.status);
    expect(all.facets.kind).toEqual([{ value: 'issue', count: 1 }]);
    const cars = await run({ q: 'sales', audience: 'public', page: 1 });
    if (cars.status !== 'results') throw new Error(cars.status);
    expect(cars.facets.sector).toEqual([{ value: 'automotive', count: 1 }]);
    expect(cars.facets.quarter).toEqual([{ value: '2025-Q2', count: 1 }]);
    expect(await slugsFound(run, 'sales', 'public')).toEqual(['story:byd']);
    const filtered = await run({ q: 'sales', audience: 'public', page: 1, sector: 'energy' });
    expect(filtered.status === 'results' && filtered.total).toBe(0);
  });

  it('answers bad input with a status, never an error', async () => {
    await importContentFiles(db(), clock, { files: SEARCH_FILES });
    expect((await run({ q: '   ', audience: 'public', page: 1 })).status).toBe('empty');
    expect((await run({ q: 'x'.repeat(501), audience: 'public', page: 1 })).status).toBe('too-long');
    expect(await run({ q: '"* OR NEAR(', audience: 'public', page: 1 })).toEqual({ status: 'no-words', hadOperators: true });
    for (const q of ['"byd', 'byd*', 'byd NEAR sales', 'byd OR nio', "'; drop table search_documents; --", 'a:b', '{public_tokens}: byd', "byd' | 'x", '^byd', '-byd', 'NOT', '\\']) {
      const outcome = await run({ q, audience: 'member', page: 1 });
      expect(['results', 'no-words']).toContain(outcome.status);
    }
    expect(await found('"byd OR tripled" ')).toEqual(['story:byd']);
  });

  it('rebuilds the whole index and records the ICU version it used', async () => {
    await importContentFiles(db(), clock, { files: SEARCH_FILES });
    expect(await indexIsStale(db())).toBe(true);
    const seen: number[] = [];
    const count = await reindexAll(db(), (done) => seen.push(done), clock.now());
    expect(count).toBe(6);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await indexIsStale(db())).toBe(false);
    expect(ICU_VERSION).toBe(process.versions.icu);
    expect(await found('recycling ')).toEqual(['story:battery']);
  });

  it('follows the content in the writing transactions: translations saved and removed, issues unpublished and published', async () => {
    await importContentFiles(db(), clock, { files: SEARCH_FILES });
    const byd = (await getStoryBySlug(db(), 'byd'))!;
    await saveTranslation(db(), clock, byd, { kind: 'story', language: 'de', text: { title: 'BYD verdreifachte den Absatz' }, body: 'Elektroautos aus Shenzhen.\n\n<!-- members-only -->\nNur für Mitglieder: Größenvorteile.' });
    const outcome = await run({ q: 'verdreifachte ', audience: 'public', page: 1 });
    expect(outcome.status === 'results' && outcome.hits.map((h) => [h.slug, h.language])).toEqual([['byd', 'de']]);
    expect(await found('grossenvorteile ')).toEqual([]);
    expect(await found('grossenvorteile ', 'member')).toEqual(['story:byd']);
    await removeTranslation(db(), clock, 'story', byd.id, 'de');
    expect(await found('verdreifachte ')).toEqual([]);

    const system = { type: 'system', id: null, label: 'test' } as const;
    await unpublishIssue(db(), clock, system, '2025-spring');
    expect(await found('tripled ', 'member')).toEqual([]);
    await publishIssue(db(), clock, system, '2025-spring');
    expect(await found('tripled ')).toEqual(['story:byd']);
  });

  it('shows a scheduled issue and its stories from its time on, without a reindex', async () => {
    await importContentFiles(db(), clock, { files: SEARCH_FILES });
    const system = { type: 'system', id: null, label: 'test' } as const;
    await unpublishIssue(db(), clock, system, '2025-spring');
    await scheduleIssue(db(), clock, system, '2025-spring', { publishAt: '2026-12-02T09:00', timeZone: 'UTC' });
    const at = (iso: string, q: string) => slugsFound((request) => search(db(), request, new Date(iso)), q, 'member');
    expect(await at('2026-12-02T08:59:59Z', 'tripled ')).toEqual([]);
    expect(await at('2026-12-02T08:59:59Z', 'issue ')).toEqual([]);
    expect(await at('2026-12-02T09:00:00Z', 'tripled ')).toEqual(['story:byd']);
    expect(await at('2026-12-02T09:00:00Z', 'issue ')).toEqual(['issue:2025-spring']);
  });

  it('hides a story once the import of its issue stops listing it', async () => {
    await importContentFiles(db(), clock, { files: SEARCH_FILES });
    expect(await found('tripled ')).toEqual(['story:byd']);
    await importContentFiles(db(), clock, { files: { 'issues/2025-spring.md': searchIssueFile('2025-spring', 'published', ['battery', 'nev']) } });
    expect(await found('tripled ', 'member')).toEqual([]);
    expect(await found('recycling ')).toEqual(['story:battery']);
  });

  it('finds innovators in the directory by their names, city, technologies and public profile; members by the rest', async () => {
    await importContentFiles(db(), clock, { files: { ...SEARCH_FILES, ...SEARCH_INNOVATOR_FILES } });
    for (const q of ['glorybot ', '光荣机器人 ', '机器人 ', 'gbr tech ', 'hangzhou ', 'grippers ', 'humanoid factories ']) expect(await found(q), q).toEqual(['innovator:glorybot']);
    // The technology 固态电池 is public on the profile; the story's mention is members-only.
    expect(await found('固态电池 ')).toEqual(['innovator:glorybot']);
    expect(await found('固态电池 ', 'member')).toEqual(['innovator:glorybot', 'story:nev']);
    expect(await found('okapistream ')).toEqual([]);
    expect(await found('okapistream ', 'member')).toEqual(['innovator:glorybot']);
    // A profile of German origin is not in the directory: never found.
    expect(await found('lindwurm ', 'member')).toEqual([]);
    expect(await found('humanoid ', 'member')).toEqual(['innovator:glorybot']);
    const outcome = await run({ q: 'humanoid', audience: 'public', page: 1 });
    if (outcome.status !== 'results') throw new Error(outcome.status);
    expect(outcome.facets.kind).toEqual([{ value: 'innovator', count: 1 }]);
    expect(outcome.facets.sector).toEqual([{ value: 'manufacturing', count: 1 }, { value: 'robotics', count: 1 }]);
    expect(outcome.hits[0]?.snippet.map((p) => p.text).join('')).not.toContain('okapistream');
    const filtered = await run({ q: 'humanoid', audience: 'public', page: 1, kind: 'story' });
    expect(filtered.status === 'results' && filtered.total).toBe(0);
  });

  it('follows a profile rewritten by the import: out of the directory, out of search', async () => {
    await importContentFiles(db(), clock, { files: { ...SEARCH_FILES, ...SEARCH_INNOVATOR_FILES } });
    expect(await found('hangzhou ')).toEqual(['innovator:glorybot']);
    const moved = SEARCH_INNOVATOR_FILES['innovators/glorybot.md']!.replace('country: CN', 'country: DE').replace('Hangzhou factories', 'Leipzig factories');
    await importContentFiles(db(), clock, { files: { 'innovators/glorybot.md': moved } });
    expect(await found('glorybot ', 'member')).toEqual([]);
    await importContentFiles(db(), clock, { files: { 'innovators/glorybot.md': moved.replace('country: DE', 'country: HK') } });
    expect(await found('leipzig ')).toEqual(['innovator:glorybot']);
    expect(await found('factories hangzhou ')).toEqual(['innovator:glorybot']);
    await reindexAll(db(), undefined, clock.now());
    expect(await found('leipzig ')).toEqual(['innovator:glorybot']);
  });

  it('rebuilds in batches exactly the documents the per-item updates made, every kind and translation', async () => {
    await importContentFiles(db(), clock, { fromDemo: ['stories', 'issues', 'events', 'programs', 'reports'], files: { ...SEARCH_FILES, ...SEARCH_INNOVATOR_FILES } });
    const documents = async () => (await db().selectFrom('search_documents')
      .select(['kind', 'item_id', 'language', 'slug', 'title', 'public_text', 'member_text', 'public_tokens', 'member_tokens', 'topics', 'sectors', 'year', 'quarter', 'published_at', 'public_from'])
      .orderBy('kind').orderBy('item_id').orderBy('language').execute()).map((d) => ({ ...d, item_id: Number(d.item_id) }));
    // The engine's own index (the token strings are not stored in the rows): FTS5's terms per
    // document and column, read through fts5vocab; PostgreSQL's vectors.
    const indexed = async () => {
      if (isPostgres(db())) {
        return (await sql<Record<string, unknown>>`select kind, item_id, language, public_vector::text as p, full_vector::text as f from search_documents order by kind, item_id, language`.execute(db())).rows
          .map((r) => ({ ...r, item_id: Number(r.item_id) }));
      }
      // In a transaction: the temporary table is the writer connection's.
      return db().transaction().execute(async (trx) => {
        await sql`create virtual table if not exists temp.search_terms using fts5vocab(main, search_fts, instance)`.execute(trx);
        return (await sql<Record<string, unknown>>`select d.kind, d.item_id, d.language, t.col, group_concat(t.term, ' ') as terms
          from (select doc, col, term from temp.search_terms order by doc, col, term) t join search_documents d on d.id = t.doc
          group by d.kind, d.item_id, d.language, t.col order by d.kind, d.item_id, d.language, t.col`.execute(trx)).rows;
      });
    };
    const before = await documents();
    const index = await indexed();
    expect(new Set(before.map((d) => d.kind))).toEqual(new Set(['story', 'issue', 'event', 'program', 'report', 'innovator']));
    expect(before.some((d) => d.language !== 'en')).toBe(true);
    expect(index.length).toBeGreaterThanOrEqual(before.length);
    expect(JSON.stringify(index)).toContain('_recycling');
    await reindexAll(db(), undefined, clock.now());
    expect(await documents()).toEqual(before);
    expect(await indexed()).toEqual(index);
    expect(await found('recycling ')).toEqual(['story:battery']);
  });

  it('ranks only the most recently indexed hits, and still counts and pages through every hit', async () => {
    await importContentFiles(db(), clock, { fromDemo: ['stories', 'issues', 'events', 'programs', 'reports'], files: { ...SEARCH_FILES, ...SEARCH_INNOVATOR_FILES } });
    const match = matchQueryOf(analyzeQuery('innovation '));
    const now = clock.now().toISOString();
    const all = await searchPage(db(), match, true, {}, now, 10_000, 0, 10_000);
    const ids = all.hits.map((h) => h.id);
    expect(ids.length).toBeGreaterThan(6);
    const newest = [...ids].sort((a, b) => b - a);
    // A cap of 3: the three highest ids first, in their order by rank (as the uncapped ranking has them), then the rest by id.
    const capped = await searchPage(db(), match, true, {}, now, 20, 0, 3);
    const top = new Set(newest.slice(0, 3));
    expect(capped.hits.slice(0, 3).map((h) => h.id)).toEqual(ids.filter((id) => top.has(id)));
    expect(capped.hits.slice(3).map((h) => h.id)).toEqual(newest.slice(3, 20));
    expect(capped.groups).toEqual(all.groups);
    // Pages of 2 across the cap: every hit once.
    const paged: number[] = [];
    for (let offset = 0; offset < ids.length + 2; offset += 2) paged.push(...(await searchPage(db(), match, true, {}, now, 2, offset, 3)).hits.map((h) => h.id));
    expect(paged.slice(0, 3).sort()).toEqual([...top].sort());
    expect(paged.slice(3)).toEqual(newest.slice(3));
  });
  it('counts at most the most recent hits above the count cap, says "about", and still pages to every hit', async () => {
    await importContentFiles(db(), clock, { fromDemo: ['stories', 'issues', 'events', 'programs', 'reports'], files: { ...SEARCH_FILES, ...SEARCH_INNOVATOR_FILES } });
    const request: SearchRequest = { q: 'innovation ', audience: 'member', page: 1 };
    const exact = await search(db(), request, clock.now());
    if (exact.status !== 'results') throw new Error('no results');
    expect(exact.approximate).toBe(false);
    expect(exact.counted).toBe(exact.total);
    expect(exact.total).toBeGreaterThan(6);
    // Every hit, newest first, through the uncapped pages.
    const everyHit = async (cap: number) => {
      const keys: string[] = [];
      for (let page = 1; page < 50; page++) {
        const outcome = await search(db(), { ...request, page }, clock.now(), cap);
        if (outcome.status !== 'results') throw new Error('no results');
        keys.push(...outcome.hits.map((h) => `${h.kind}:${h.slug}:${h.language}`));
        if (!outcome.hasNext) return keys;
      }
      return keys;
    };
    const capped = await search(db(), request, clock.now(), 4);
    if (capped.status !== 'results') throw new Error('no results');
    expect(capped.approximate).toBe(true);
    expect(capped.counted).toBe(4);
    expect(capped.total).toBeGreaterThanOrEqual(4);
    // The facets count the 4 counted hits only.
    expect(capped.facets.kind.reduce((sum, f) => sum + f.count, 0)).toBe(4);
    // Paging past the counted hits reaches every hit once, the same set as the exact count's.
    const pagedCapped = await everyHit(4);
    expect(pagedCapped.length).toBe(exact.total);
    expect([...pagedCapped].sort()).toEqual((await everyHit(Number.MAX_SAFE_INTEGER)).sort());
    // Exactly at the cap it is exact again.
    const atCap = await search(db(), request, clock.now(), exact.total);
    expect(atCap.status === 'results' && [atCap.approximate, atCap.total]).toEqual([false, exact.total]);
  });
});

it('estimates a capped total from the counted hits\' share of the index\'s ids, in two digits, never below the counted hits', () => {
  // 5,000 hits among the newest tenth of the ids: about ten times as many.
  expect(estimateTotal(5_000, 90_001, { low: 1, high: 100_000 })).toBe(50_000);
  expect(estimateTotal(5_000, 12_346, { low: 1, high: 100_000 })).toBe(5_700);
  expect(estimateTotal(5_000, 1, { low: 1, high: 100_000 })).toBe(5_000);
  expect(estimateTotal(5_000, 99_999, { low: 99_000, high: 100_000 })).toBe(2_500_000);
});
