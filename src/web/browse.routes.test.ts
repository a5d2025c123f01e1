import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { createTestApp, destroyTestApp, TEST_SITE_URL, visibleText } from '../../test/support/app.js';
import type { App } from '../app.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { importContent } from '../content-folder/import.service.js';
import { fixedClock } from '../lib/clock.js';

// The browse pages over HTTP: a topic's, a sector's and an organisation's public stories, newest
// first, paged, with feeds of their own; story pages link them; unknown subjects are 404 in every
// language; `/organizations` lists the organisations public stories mention.

const titles = (body: string) => [...body.matchAll(/<h3 class="archive__title"><a href="[^"]+">(.*?)<\/a>/g)].map((match) => match[1]!.replace(/<[^>]+>/g, ''));

forEachDialect('browse pages', ({ db }) => {
  let app: App;
  const get = async (url: string) => app.http.inject({ method: 'GET', url });
  const clock = fixedClock('2026-11-28T12:00:00Z');

  beforeAll(async () => {
    await importContent(db(), DEMO_DIR, { clock });
    app = await createTestApp(db());
  });

  it('lists a sector’s public stories, newest issue first, and links them from the story page', async () => {
    const story = (await get('/stories/byd-tripled-sales-2022')).body;
    expect(story).toContain('<a href="/sectors/automotive">');
    expect(story).toContain('<a href="/sectors/energy">');
    const german = (await get('/de/stories/china-56-new-unicorns-2023')).body;
    expect(german).toContain('<a href="/de/topics/startup-ecosystem">');

    const sector = await get('/sectors/automotive');
    expect(sector.statusCode).toBe(200);
    const listed = titles(sector.body);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed).toContain('BYD tripled their sales in 2022. How did they do it?');
    expect(sector.body).toContain('href="/sectors/automotive/feed.xml"');
    expect(sector.body).toContain('href="/sectors/automotive/feed.json"');
  });

  it('answers 404 for an unknown subject, in the reader’s language, and for a page that does not exist', async () => {
    for (const url of ['/topics/no-such-topic', '/de/sectors/no-such-sector', '/zh/topics/no-such-topic/feed.json', '/topics/technology-trends?page=9', '/sectors/automotive?page=x']) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
    const german = await get('/de/topics/no-such-topic');
    expect(german.headers['content-language']).toBe('de');
  });

  it('serves each subject’s feeds with its public stories only', async () => {
    const atom = await get('/topics/startup-ecosystem/feed.xml');
    expect(atom.statusCode).toBe(200);
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(atom.body).toContain(`<link rel="self" type="application/atom+xml" href="${TEST_SITE_URL}/topics/startup-ecosystem/feed.xml"/>`);
    expect(atom.body).toContain(`<id>${TEST_SITE_URL}/stories/china-56-new-unicorns-2023</id>`);
    const json = JSON.parse((await get('/zh/topics/startup-ecosystem/feed.json')).body) as { home_page_url: string; items: { url: string }[] };
    expect(json.home_page_url).toBe(`${TEST_SITE_URL}/zh/topics/startup-ecosystem`);
    expect(json.items.map((item) => item.url)).toContain(`${TEST_SITE_URL}/zh/stories/china-56-new-unicorns-2023`);
  });

  it('gives each organisation a page of the stories that mention it, linked from them, and lists them all', async () => {
    // Tesla has no profile of Chinese origin: its stories link its organisation page.
    const story = (await get('/stories/byd-tripled-sales-2022')).body;
    expect(story).toContain('<a href="/organizations/tesla">Tesla</a>');
    const page = await get('/organizations/tesla');
    expect(page.statusCode).toBe(200);
    expect(titles(page.body)).toContain('BYD tripled their sales in 2022. How did they do it?');
    expect(page.body).toContain('href="/organizations/tesla/feed.xml"');
    // BYD is in the innovators directory (demo/innovators/byd.md): stories link its profile, which lists them,
    // and its organisation address answers 301 there, in every language.
    expect(story).toContain('<a href="/innovators/byd">BYD</a>');
    const moved = await get('/organizations/byd');
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe('/innovators/byd');
    const profile = await get('/innovators/byd');
    expect(profile.statusCode).toBe(200);
    expect(titles(profile.body)).toContain('BYD tripled their sales in 2022. How did they do it?');
    const germanMoved = await get('/de/organizations/interstellar-glory-ispace');
    expect(germanMoved.statusCode).toBe(301);
    expect(germanMoved.headers.location).toBe('/de/innovators/interstellar-glory-ispace');
    // The story writes "Interstellar Glory (iSpace)", an alias of the profile named "Interstellar Glory".
    const german = await get('/de/innovators/interstellar-glory-ispace');
    expect(german.statusCode).toBe(200);
    expect(visibleText(german.body)).toContain('Interstellar Glory');
    // The story has no German translation, so its title is marked as English.
    expect(titles(german.body)).toEqual(['China’s Contribution To The Rocket Race (Englisch)']);

    const index = await get('/organizations');
    expect(index.statusCode).toBe(200);
    const text = visibleText(index.body);
    for (const name of ['BYD', 'Huawei', 'Merck', 'Volkswagen', '100%TechCo']) expect(text).toContain(name);
    expect(index.body).toContain('<a href="/organizations/100-techco">100%TechCo</a>');
    expect(index.body).toContain('<a href="/innovators/byd">BYD</a>');
    expect(visibleText((await get('/zh/organizations')).body)).toContain('篇文章');

    const feed = JSON.parse((await get('/organizations/huawei/feed.json')).body) as { items: { url: string }[] };
    expect(feed.items.map((item) => item.url)).toContain(`${TEST_SITE_URL}/stories/china-surpasses-eu-rd-investment`);
    for (const url of ['/organizations/no-such-organization', '/zh/organizations/no-such-organization/feed.xml', '/organizations?page=2']) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
    const sitemap = (await get('/sitemap.xml')).body;
    expect(sitemap).toContain(`${TEST_SITE_URL}/organizations/tesla</loc>`);
    expect(sitemap).toContain(`${TEST_SITE_URL}/innovators/byd</loc>`);
    expect(sitemap).not.toContain(`${TEST_SITE_URL}/organizations/byd</loc>`);
    expect(sitemap).toContain(`${TEST_SITE_URL}/sectors/automotive</loc>`);
  });

  let folder: string;
  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('pages a subject 24 stories at a time, newest issue first, and leaves out stories of no public issue', async () => {
    folder = await mkdtemp(join(tmpdir(), 'insights-browse-pages-'));
    await mkdir(join(folder, 'stories'));
    await mkdir(join(folder, 'issues'));
    const seasons = ['spring', 'summer', 'fall', 'winter'] as const;
    for (let n = 0; n < 30; n++) {
      await writeFile(join(folder, 'stories', `generated-${n}.md`), `---\ntitle: Generated story ${n}\nkind: news\nsectors:\n  - robotics\n---\nTeaser ${n}.\n`);
      const year = 2030 + Math.floor(n / 4);
      const season = seasons[n % 4]!;
      await writeFile(join(folder, 'issues', `${year}-${season}.md`), `---\ntitle: Generated ${year} ${season}\nseason: ${season}\nyear: ${year}\nstatus: published\npublished_at: 2026-01-01T00:00:${String(n).padStart(2, '0')}Z\nsections:\n  - kind: landscape\n    heading: Landscape\n    items:\n      - story: generated-${n}\n---\nIntro.\n`);
    }
    await writeFile(join(folder, 'stories', 'unpublished.md'), `---\ntitle: Draft robotics story\nkind: news\nsectors:\n  - robotics\norganizations:\n  - Secret Partner GmbH\n  - byd\n---\nNot yet.\n`);
    await importContent(db(), folder, { clock });
    await destroyTestApp(app);
    app = await createTestApp(db());

    const first = await get('/sectors/robotics');
    const page1 = titles(first.body);
    expect(page1).toHaveLength(24);
    expect(page1.slice(0, 2)).toEqual(['Generated story 29', 'Generated story 28']);
    expect(first.body).toContain('<a href="/sectors/robotics?page=2" rel="next">Older</a>');
    const page2 = titles((await get('/sectors/robotics?page=2')).body);
    const all = [...page1, ...page2];
    expect(new Set(all).size).toBe(all.length);
    expect(all.filter((title) => title.startsWith('Generated story'))).toHaveLength(30);
    expect(all).not.toContain('Draft robotics story');
    expect(visibleText((await get('/sectors/robotics?page=2')).body)).toContain('Page 2 of 2');

    // An organisation only a draft names stays unknown; a name that means one already known joins it.
    expect((await get('/organizations/secret-partner-gmbh')).statusCode).toBe(404);
    expect(visibleText((await get('/organizations')).body)).not.toContain('Secret Partner');
    const named = await db().selectFrom('organizations').select(['slug', 'name']).where('slug', 'in', ['byd', 'secret-partner-gmbh']).orderBy('slug').execute();
    expect(named).toEqual([{ slug: 'byd', name: 'BYD' }, { slug: 'secret-partner-gmbh', name: 'Secret Partner GmbH' }]);
  });
});
