import { afterAll, describe, expect, it } from 'vitest';
import { importContentFiles } from '../../test/support/content.js';
import { createTestDatabase, destroyTestDatabase, enginesFor, type TestEngine } from '../../test/support/databases.js';
import { SEARCH_FILES, SEARCH_INNOVATOR_FILES } from '../../test/support/search.js';
import type { Database } from '../db/database.js';
import { fixedClock } from '../lib/clock.js';
import { search } from './search.service.js';
import type { SearchAudience } from './search.js';

// Both engines, same answers: one query set over the same content on SQLite, PGlite and (when
// the run has one) the PostgreSQL server, through the demo archive and the search fixtures. The
// hit sets, totals and facets must be identical, and so must the figures of a capped count (the
// estimate, the counted facets); the order may differ (BM25 and ts_rank differ).
// The demo has no organisation profiles yet: the search fixtures bring two innovators.

const clock = fixedClock('2026-12-01T10:00:00Z');

const QUERIES: readonly string[] = [
  'byd', 'BYD tripled', 'tripl', 'kunstliche', 'munchen', 'recycling', 'batterie', '汽车', '汽車', '新能源', '电', 'innovation',
  'innovation hub', 'shenzhen', 'german companies', 'electric', 'zebrafinch', '固态电池', 'landscape', '2023', 'event', 'program',
  'mentoring', 'survey', 'ki', 'künstliche intelligenz', 'China´s', '"byd" OR nio', 'NEAR(byd sales)', 'x*', "'; select 1; --", 'issue',
  'humanoid', '机器人', 'hangzhou robots', 'okapistream', 'lindwurm', 'glory',
];

/** Every hit of every page, as kind:slug:language, sorted: the order within ranks may differ by engine, the set may not. */
async function allHits(db: Database, q: string, audience: SearchAudience): Promise<string[]> {
  const hits: string[] = [];
  for (let page = 1; ; page++) {
    const outcome = await search(db, { q, audience, page }, clock.now());
    if (outcome.status !== 'results') return hits;
    hits.push(...outcome.hits.map((h) => `${h.kind}:${h.slug}:${h.language}`));
    if (page >= outcome.pages) return hits.sort();
  }
}

/** The figures a page shows when the count is capped (at 3 hits, so that the demo's queries reach it): the estimate, the counted facets. */
async function cappedFigures(db: Database, q: string, audience: SearchAudience): Promise<unknown> {
  const outcome = await search(db, { q, audience, page: 1 }, clock.now(), 3);
  return outcome.status === 'results' ? { total: outcome.total, approximate: outcome.approximate, counted: outcome.counted, pages: outcome.pages, facets: outcome.facets } : outcome.status;
}

const AUDIENCES: readonly SearchAudience[] = ['public', 'member'];

describe('search: same answers on every engine', () => {
  const engines = enginesFor('search: same answers');
  const databases: Database[] = [];
  afterAll(async () => {
    for (const db of databases) await destroyTestDatabase(db);
  });

  it(`gives identical hit sets, totals and facets on ${engines.join(', ')}`, async () => {
    const answers = new Map<TestEngine, Record<string, unknown>>();
    for (const engine of engines) {
      const db = await createTestDatabase(engine);
      databases.push(db);
      await importContentFiles(db, clock, { fromDemo: ['stories', 'issues', 'events', 'programs', 'reports'], files: { ...SEARCH_FILES, ...SEARCH_INNOVATOR_FILES } });
      const seen: Record<string, unknown> = {};
      for (const audience of AUDIENCES) {
        for (const q of QUERIES) {
          const outcome = await search(db, { q, audience, page: 1 }, clock.now());
          seen[`${audience} ${q}`] = outcome.status === 'results'
            ? { total: outcome.total, facets: outcome.facets, all: await allHits(db, q, audience), capped: await cappedFigures(db, q, audience) }
            : outcome;
        }
      }
      answers.set(engine, seen);
    }
    const [first, ...others] = [...answers.values()];
    for (const other of others) expect(other).toEqual(first);
    // Not a vacuous agreement: the set finds things, and members find more than the public.
    const found = (key: string) => ((first?.[key] as { total?: number } | undefined)?.total ?? 0);
    expect(found('public byd')).toBeGreaterThan(1);
    expect(found('public 汽车')).toBeGreaterThan(0);
    expect(found('public zebrafinch')).toBe(0);
    expect(found('member zebrafinch')).toBe(1);
    expect(found('public okapistream')).toBe(0);
    expect(found('member okapistream')).toBe(1);
    expect(found('member lindwurm')).toBe(0);
    expect((first?.['public humanoid'] as { all?: string[] } | undefined)?.all).toContain('innovator:glorybot:en');
    const all = (key: string) => (first?.[key] as { all?: string[] } | undefined)?.all ?? [];
    expect(all('public byd').length).toBe(found('public byd'));
    expect(new Set(all('public innovation')).size).toBe(found('public innovation'));
    expect(first?.['public innovation']).toMatchObject({ capped: { approximate: true, counted: 3 } });
  }, 120_000);
});
