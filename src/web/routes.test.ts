import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { createTestApp, destroyTestApp, visibleText } from '../../test/support/app.js';
import { demoFacts, escapedFacts } from '../../test/demo-facts.js';
import type { App } from '../app.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { importContent } from '../content-folder/import.service.js';
import { fixedClock } from '../lib/clock.js';

forEachDialect('public web edition', ({ db }) => {
  let app: App;
  const get = async (url: string) => app.http.inject({ method: 'GET', url });

  beforeAll(async () => {
    await importContent(db(), DEMO_DIR, { clock: fixedClock('2026-11-28T12:00:00Z') });
    app = await createTestApp(db());
  });

  it('serves the latest issue at / and the archive newest first', async () => {
    const home = await get('/');
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(visibleText(home.body)).toContain('2024 Spring Issue');

    const archive = visibleText((await get('/issues')).body);
    const order = ['2024 Spring Issue', '2023 Winter Issue', '2023 Fall Issue', '2023 Summer Issue', '2023 Spring Issue'];
    const positions = order.map((title) => archive.indexOf(title));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('shows sections in order, labels, computed findings with base sizes, and sources', async () => {
    const spring = visibleText((await get('/issues/2024-spring')).body);
    const headings = ['Preview - AHK Innovation Report 2024', 'China´s Innovation Landscape', '#PartnerForInnovation', 'Our Innovation Platform'];
    const at = headings.map((h) => spring.lastIndexOf(h));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The closing Innovation platform section: the archive's sentence and the figures of the
    // issue's quarter, computed (no introductions in 2024 Q1, so every count is "fewer than 3").
    const platform = spring.slice(spring.lastIndexOf('Our Innovation Platform'));
    for (const text of ['Our platform connects member companies with Chinese innovators', 'Innovator introductions in 2024 Q1:', 'Introductions requested fewer than 3', 'Introductions made fewer than 3', 'Requests declined fewer than 3', 'Browse the innovators directory']) {
      expect(platform).toContain(text);
    }
    expect(platform).not.toContain('Sectors:');
    expect(spring).toContain('55% vs. 34% (+21 pp)');
    expect(spring).toContain('66% vs. 37% (+29 pp)');
    expect(spring).toContain('70%');
    expect(spring).toContain('automotive industry, n = 64; all industries, n = 336');
    expect(spring).toMatch(/Story 1 .*Story 2/);

    const winter = visibleText((await get('/issues/2023-winter')).body);
    expect(winter).toContain('Story 3 · Insightful statistics');
    expect(winter).toContain(
      'Sources: Can Emir, Interesting Engineering, 12 December 2023 / Rizwan Choudhury, Interesting Engineering, 10 December 2023 / Andrew Jones, SpaceNews, 2 November 2023',
    );
    expect(winter).toContain('Sources: The 2023 Industrial R&D Investment Scoreboard, European Comission, 14 December 2023 / Jessi Wu, Technode, 21 December 2023');
    expect(winter).toContain('4–6 March 2024');
    expect(winter).toContain('7–10 March 2024');
  });

  it('shows event dates in the event zone, the Chinese address, and past events', async () => {
    const fall = visibleText((await get('/issues/2023-fall')).body);
    expect(fall).toContain('24–25 November 2023');
    expect(fall).toContain('28–29 November 2023');
    expect(fall).toContain('(北京朝阳)北辰东路8号院北京国际会议中心');
    expect(fall).toContain('10 December 2023');
    expect(fall).toContain('12 December 2023');
    expect(fall).toContain('15 December 2023');
    expect(fall).toContain('Register by 31 December 2023');

    const events = visibleText((await get('/events')).body);
    expect(events).toContain('Past events');
    expect(events).toContain('Xceleration Days 2023');
    const xdays = visibleText((await get('/events/xceleration-days-2023')).body);
    expect(xdays).toContain('8–11 November 2023');
  });

  it('has every fact of the archive on the public pages', async () => {
    const pages = new Map<string, string>();
    for (const { page, facts } of [...demoFacts, ...escapedFacts]) {
      if (!pages.has(page)) {
        const response = await get(page);
        expect(response.statusCode, page).toBe(200);
        pages.set(page, visibleText(response.body));
      }
      const text = pages.get(page)!;
      const missing = facts.filter((fact) => !text.includes(fact));
      expect(missing, `missing on ${page}`).toEqual([]);
    }
  });

  it('shows every date of the archive, as printed there, on the page that carries it', async () => {
    const dates: Record<string, string[]> = {
      '/issues/2024-spring': ['19 February – 13 March 2024'],
      '/issues/2023-winter': [
        '18 January 2024', '3 November 2024', '12 December 2023', '10 December 2023', '2 November 2023',
        '14 December 2023', '21 December 2023', '4–6 March 2024', '7–10 March 2024',
      ],
      '/issues/2023-fall': [
        '31 December 2023', '24–25 November 2023', '28–29 November 2023', '10 December 2023', '12 December 2023',
        '15 December 2023',
      ],
      '/issues/2023-summer': ['8–11 November 2023', '18 April 2023', '23 June 2023', '23 May 2023'],
      '/issues/2023-spring': ['3 March 2023'],
      '/events/re-opening-ahk-innovation-hub': ['18 January 2024'],
      '/programs/ahk-innovators-club': ['31 December 2023', '6 months'],
    };
    for (const [page, expected] of Object.entries(dates)) {
      const text = visibleText((await get(page)).body);
      expect(expected.filter((date) => !text.includes(date)), page).toEqual([]);
    }
  });

  it('says members get the full version, with sign-in and subscribe links', async () => {
    const html = (await get('/issues/2024-spring')).body;
    expect(visibleText(html)).toContain('Members receive the full version of every issue by email');
    expect(html).toContain('href="/login"');
    expect(html).toContain('href="/subscribe"');
    expect(visibleText(html)).not.toContain('Sample analysis for members');
  });

  it('builds Open Graph tags and semantic landmarks', async () => {
    const html = (await get('/stories/china-56-new-unicorns-2023')).body;
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta property="og:title" content="China adds 56 new Unicorns in 2023"/>');
    expect(html).toMatch(/<meta property="og:description" content="At the Hurun Report/);
    expect(html).toContain('<main id="main"');
    expect(html).toContain('<nav class="site-nav" aria-label="Main">');
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
  });

  it('serves an Atom feed and a sitemap of public URLs', async () => {
    const feed = await get('/feed.xml');
    expect(feed.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(feed.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://insights.test/" xml:lang="en">');
    expect(feed.body.match(/<entry>/g)).toHaveLength(5);
    const sitemap = await get('/sitemap.xml');
    expect(sitemap.body).toContain('<loc>http://insights.test/issues/2023-spring</loc>');
    expect(sitemap.body).toContain('<loc>http://insights.test/stories/byd-tripled-sales-2022</loc>');
    expect(sitemap.body).toContain('<loc>http://insights.test/events/wise2023-beijing</loc>');
    expect(sitemap.body).toContain('<loc>http://insights.test/contact</loc>');
  });

  it('answers unknown and malformed addresses with a 404 page', async () => {
    for (const url of ['/issues/2031-spring', '/stories/nope', '/events/nope', '/programs/nope', '/nope', '/issues/%3Cscript%3E']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body).toContain('Page not found');
      expect(response.body).not.toContain('<script>');
    }
  });

  it('sends security headers and supports conditional requests', async () => {
    const first = await get('/issues/2023-summer');
    expect(first.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(first.headers['content-security-policy']).toContain("script-src 'self'");
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(first.headers['strict-transport-security']).toBeUndefined();
    const again = await app.http.inject({ method: 'GET', url: '/issues/2023-summer', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    const missing = await get('/no-such-page');
    expect(missing.headers['content-security-policy']).toContain("default-src 'self'");
    const secure = await createTestApp(db(), { siteUrl: 'https://insights.example.org' });
    expect((await secure.http.inject('/issues')).headers['strict-transport-security']).toContain('max-age=');
    await destroyTestApp(secure);
  });

  it('keeps one cache entry per page, however its address is spelled', async () => {
    const spellings = ['/issues/2024-spring', '/issues/2024%2Dspring', '/issues/2024%2dspring', '/%69ssues/2024-spring', '/issues/2024-spring/'];
    const bodies = new Set<string>();
    for (const url of spellings) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      bodies.add(response.body);
    }
    expect(bodies.size).toBe(1);
    const before = app.pageCache.size;
    for (let i = 0; i < 20; i++) await get(`/issues/2024-spring?utm=${i}`);
    expect(app.pageCache.size).toBe(before);
  });

  it('answers /healthz', async () => {
    const response = await get('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });
});
