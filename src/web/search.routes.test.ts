import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, destroyTestApp, visibleText } from '../../test/support/app.js';
import { importContentFiles } from '../../test/support/content.js';
import { forEachDialect } from '../../test/support/databases.js';
import { createContact, signInMember } from '../../test/support/people.js';
import { SEARCH_FILES, SEARCH_INNOVATOR_FILES } from '../../test/support/search.js';
import type { App } from '../app.js';
import { fixedClock } from '../lib/clock.js';

// `/search` over HTTP in three languages: results with highlighted snippets and facets, the
// public never reading or finding members-only text, members finding it, and every kind of bad
// input answered with a page and a message (never a 500 or an engine's syntax error).

const clock = fixedClock('2026-12-01T10:00:00Z');

forEachDialect('public: search', ({ db }) => {
  let app: App;
  let cookie: string;

  beforeAll(async () => {
    await importContentFiles(db(), clock, { fromDemo: ['stories', 'issues', 'events', 'programs', 'reports'], files: { ...SEARCH_FILES, ...SEARCH_INNOVATOR_FILES } });
    await createContact(db(), 'ana@example.com', { name: 'Ana Maschinen GmbH', membership: 'active' });
    app = await createTestApp(db(), { clock });
    cookie = await signInMember(app, 'ana@example.com');
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
  });

  const get = (url: string, withCookie?: string) => app.http.inject({ url, headers: withCookie ? { cookie: withCookie } : {} });

  it('finds, ranks and highlights, with facets and a link to each hit, in every language', async () => {
    const page = await get('/search?q=recycling');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('public, max-age=60');
    expect(page.body).toContain('<a href="/stories/battery">Batterierecycling in Sachsen</a>');
    expect(visibleText(page.body)).toContain('1 result for “recycling”.');
    expect(page.body).toContain('href="/search?q=recycling&amp;sector=automotive"');
    const de = await get('/de/search?q=munchen');
    expect(de.statusCode).toBe(200);
    expect(de.body).toContain('<mark>München</mark>');
    expect(visibleText(de.body)).toContain('1 Treffer für „munchen“.');
    const zh = await get(`/zh/search?q=${encodeURIComponent('汽车')}`);
    expect(zh.body).toContain('新能源汽车销量大增');
    expect(zh.body).toContain('<mark>');
  });

  it('filters by kind and pages through many results', async () => {
    const all = visibleText((await get('/search?q=china')).body);
    const count = Number(/(\d+) results for/.exec(all)?.[1]);
    expect(count).toBeGreaterThan(20);
    expect(all).toContain('Page 1 of 2');
    const second = await get('/search?q=china&page=2');
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('rel="prev"');
    const events = await get('/search?q=china&kind=event');
    expect(events.body).not.toContain('href="/stories/');
    expect(events.body).toContain('href="/events/');
  });

  it('never shows or finds members-only text for the public; members find it', async () => {
    const publicPage = await get('/search?q=zebrafinch');
    expect(visibleText(publicPage.body)).toContain('No results for “zebrafinch”.');
    expect(visibleText(publicPage.body)).toContain('Members who sign in also search the members-only analyses.');
    const snippet = await get('/search?q=batterierecycling');
    expect(snippet.body).not.toContain('zebrafinch');
    const members = await get('/search?q=zebrafinch', cookie);
    expect(members.headers['cache-control']).toBe('private, no-store');
    expect(members.body).toContain('<mark>zebrafinch</mark>');
  });

  it('finds innovators of the directory and links them to their pages, their members-only text for members only', async () => {
    const page = await get('/search?q=humanoid');
    expect(page.body).toContain('<a href="/innovators/glorybot">Glorybot Robotics</a>');
    expect(page.body).not.toContain('Lindwurm');
    expect(visibleText(page.body)).toContain('Innovator');
    expect(page.body).toContain('href="/search?q=humanoid&amp;kind=innovator"');
    const zh = await get(`/zh/search?q=${encodeURIComponent('光荣机器人')}`);
    // A profile is one English document (its Chinese name in it): its hit opens the English page, as every hit opens its language's.
    expect(zh.body).toContain('<a href="/innovators/glorybot">Glorybot Robotics</a>');
    expect(visibleText(zh.body)).toContain('创新者');
    expect(visibleText((await get('/search?q=okapistream')).body)).toContain('No results for “okapistream”.');
    expect((await get('/search?q=okapistream', cookie)).body).toContain('<mark>okapistream</mark>');
  });

  it('answers empty, huge and operator-laden queries with a page and a message', async () => {
    const cases: [string, string][] = [
      ['/search', 'Type one or more words to search for.'],
      ['/search?q=', 'Type one or more words to search for.'],
      [`/search?q=${'a'.repeat(501)}`, 'That search is too long: use at most 500 characters.'],
      [`/search?q=${encodeURIComponent('"* ( )')}`, 'That search has no words to look for.'],
      [`/search?q=${encodeURIComponent('"byd')}`, 'Search operators'],
      [`/search?q=${encodeURIComponent('byd*')}`, 'Search operators'],
      [`/search?q=${encodeURIComponent('byd NEAR sales')}`, 'result'],
      [`/search?q=${encodeURIComponent('byd OR nio')}`, 'result'],
      [`/search?q=${encodeURIComponent("' OR 1=1; drop table search_documents; --")}`, 'result'],
      [`/search?q=${encodeURIComponent('{public_tokens}: byd')}`, 'Search operators'],
      ['/search?q=a&q=b', 'result'],
      ['/search?q=byd&kind=nonsense&year=abc&quarter=9&topic=%27%3B&page=-1', 'result'],
    ];
    for (const [url, message] of cases) {
      const page = await get(url);
      expect(page.statusCode, url).toBe(200);
      expect(visibleText(page.body), url).toContain(message);
      expect(page.body, url).not.toMatch(/fts5|syntax error|tsquery|SQLITE_/i);
    }
    expect((await get('/search?q=byd')).statusCode).toBe(200);
  });

  it('escapes the query wherever the page repeats it', async () => {
    const page = await get(`/search?q=${encodeURIComponent('<script>alert(1)</script> byd')}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script> byd');
  });
});
