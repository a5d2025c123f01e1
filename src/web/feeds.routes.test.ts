import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { createTestApp, destroyTestApp, TEST_SITE_URL } from '../../test/support/app.js';
import type { App } from '../app.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { importContent } from '../content-folder/import.service.js';
import { fixedClock } from '../lib/clock.js';

// The issue feeds over HTTP: Atom and JSON Feed 1.1, in three languages, at most 50 entries a
// page with RFC 5005 (section 3, paged feeds) links to the older pages at `?page=N`.

interface JsonFeed {
  version: string;
  title: string;
  feed_url: string;
  home_page_url: string;
  next_url?: string;
  language: string;
  items: { id: string; url: string; title: string; content_html: string; date_published?: string }[];
}

forEachDialect('issue feeds', ({ db }) => {
  let app: App;
  const get = async (url: string) => app.http.inject({ method: 'GET', url });

  beforeAll(async () => {
    await importContent(db(), DEMO_DIR, { clock: fixedClock('2026-11-28T12:00:00Z') });
    app = await createTestApp(db());
  });

  it('serves the demo issues as JSON Feed 1.1, newest first, linking the pages in its language', async () => {
    const response = await get('/feed.json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    const feed = JSON.parse(response.body) as JsonFeed;
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe(`${TEST_SITE_URL}/feed.json`);
    expect(feed.next_url).toBeUndefined();
    expect(feed.items.map((item) => item.title)).toEqual(['2024 Spring Issue', '2023 Winter Issue', '2023 Fall Issue', '2023 Summer Issue', '2023 Spring Issue']);
    expect(feed.items[0]!.url).toBe(`${TEST_SITE_URL}/issues/2024-spring`);
    expect(feed.items[0]!.content_html).toContain(`href="${TEST_SITE_URL}/stories/`);

    const german = JSON.parse((await get('/de/feed.json')).body) as JsonFeed;
    expect(german.language).toBe('de');
    expect(german.feed_url).toBe(`${TEST_SITE_URL}/de/feed.json`);
    // Translated titles where a translation exists; the English title otherwise.
    expect(german.items.map((item) => item.title).slice(0, 2)).toEqual(['Ausgabe Frühjahr 2024', '2023 Winter Issue']);
    expect(german.items[0]!.url).toBe(`${TEST_SITE_URL}/de/issues/2024-spring`);
    expect((JSON.parse((await get('/zh/feed.json')).body) as JsonFeed).language).toBe('zh-Hans');
  });

  it('translates the Atom feed too, and has no paging links while everything fits one page', async () => {
    const atom = (await get('/de/feed.xml')).body;
    expect(atom).toContain('<title>Ausgabe Frühjahr 2024</title>');
    expect(atom).not.toMatch(/rel="(next|previous|first|last)"/);
  });

  it('answers 404 for a page that does not exist, and for anything but a page number', async () => {
    for (const url of ['/feed.xml?page=2', '/feed.json?page=2', '/feed.json?page=0', '/feed.xml?page=abc', "/de/feed.json?page=1'%20OR%201=1", '/feed.xml?page=1e3']) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
    expect((await get('/feed.xml?page=1')).statusCode).toBe(200);
  });

  let folder: string;
  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('carries the newest 50 issues a page, with RFC 5005 links to the older pages', async () => {
    // 60 more issues (2030–2044, four seasons each) make 65: two pages.
    folder = await mkdtemp(join(tmpdir(), 'insights-feed-pages-'));
    await mkdir(join(folder, 'issues'));
    const seasons = ['spring', 'summer', 'fall', 'winter'] as const;
    for (let year = 2030; year < 2045; year++) for (const [index, season] of seasons.entries()) {
      const month = String(index * 3 + 1).padStart(2, '0');
      await writeFile(join(folder, 'issues', `${year}-${season}.md`), `---\ntitle: Generated ${year} ${season}\nseason: ${season}\nyear: ${year}\nstatus: published\npublished_at: 2026-${month}-01T08:00:00Z\nsections: []\n---\nGenerated intro ${year} ${season}.\n`);
    }
    await importContent(db(), folder, { clock: fixedClock('2026-11-28T12:00:00Z') });
    // A fresh app: the first one's page cache holds the feeds as they were.
    await destroyTestApp(app);
    app = await createTestApp(db());

    const first = JSON.parse((await get('/feed.json')).body) as JsonFeed;
    expect(first.items).toHaveLength(50);
    expect(first.items[0]!.title).toBe('Generated 2044 winter');
    expect(first.items[1]!.title).toBe('Generated 2044 fall');
    expect(first.next_url).toBe(`${TEST_SITE_URL}/feed.json?page=2`);
    const second = JSON.parse((await get('/feed.json?page=2')).body) as JsonFeed;
    expect(second.items).toHaveLength(15);
    expect(second.next_url).toBeUndefined();
    expect(second.items.map((item) => item.title).slice(-5)).toEqual(['2024 Spring Issue', '2023 Winter Issue', '2023 Fall Issue', '2023 Summer Issue', '2023 Spring Issue']);
    // No issue twice, none left out.
    expect(new Set([...first.items, ...second.items].map((item) => item.id)).size).toBe(65);

    const atom = (await get('/feed.xml')).body;
    expect(atom.match(/<entry>/g)).toHaveLength(50);
    expect(atom).toContain(`<link rel="self" type="application/atom+xml" href="${TEST_SITE_URL}/feed.xml"/>`);
    expect(atom).toContain(`<link rel="first" type="application/atom+xml" href="${TEST_SITE_URL}/feed.xml"/>`);
    expect(atom).toContain(`<link rel="next" type="application/atom+xml" href="${TEST_SITE_URL}/feed.xml?page=2"/>`);
    expect(atom).toContain(`<link rel="last" type="application/atom+xml" href="${TEST_SITE_URL}/feed.xml?page=2"/>`);
    expect(atom).not.toContain('rel="previous"');
    const older = (await get('/zh/feed.xml?page=2')).body;
    expect(older.match(/<entry>/g)).toHaveLength(15);
    expect(older).toContain(`<link rel="self" type="application/atom+xml" href="${TEST_SITE_URL}/zh/feed.xml?page=2"/>`);
    expect(older).toContain(`<link rel="previous" type="application/atom+xml" href="${TEST_SITE_URL}/zh/feed.xml"/>`);
    expect(older).not.toContain('rel="next"');
    expect((await get('/feed.xml?page=3')).statusCode).toBe(404);
  });

  it('pages the archive 24 issues at a time, with links to the newer, older and numbered pages', async () => {
    const titles = (body: string) => [...body.matchAll(/<h2 class="archive__title"><a href="[^"]+">(.*?)<\/a>/g)].map((match) => match[1]!.replace(/<[^>]+>/g, ''));
    const first = await get('/issues');
    expect(first.statusCode).toBe(200);
    expect(titles(first.body)).toHaveLength(24);
    expect(titles(first.body)[0]).toBe('Generated 2044 winter');
    expect(first.body).toContain('<a href="/issues?page=2" rel="next">Older</a>');
    expect(first.body).not.toContain('rel="prev"');
    expect(first.body).toContain('<span aria-current="page">1</span>');
    expect(first.body).toContain('<a href="/issues?page=3" aria-label="Page 3">3</a>');

    const last = await get('/de/issues?page=3');
    expect(last.statusCode).toBe(200);
    expect(titles(last.body)).toHaveLength(17);
    expect(titles(last.body).slice(-5)).toEqual(['Ausgabe Frühjahr 2024', '2023 Winter Issue (Englisch)', '2023 Fall Issue (Englisch)', '2023 Summer Issue (Englisch)', '2023 Spring Issue (Englisch)']);
    expect(last.body).toContain('<a href="/de/issues?page=2" rel="prev">Neuere</a>');
    expect(last.body).not.toContain('rel="next"');
    expect(last.body).toContain('<title>Archiv, Seite 3 von 3');
    expect(last.body).toContain(`<link rel="canonical" href="${TEST_SITE_URL}/de/issues?page=3"/>`);
    // Every issue once across the pages.
    const all = [...titles(first.body), ...titles((await get('/issues?page=2')).body), ...titles((await get('/issues?page=3')).body)];
    expect(new Set(all).size).toBe(65);
    for (const url of ['/issues?page=4', '/issues?page=0', '/zh/issues?page=x']) expect((await get(url)).statusCode, url).toBe(404);
  });
});
