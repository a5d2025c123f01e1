import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, destroyTestApp, TEST_SITE_URL } from '../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase } from '../../test/support/databases.js';
import { createContact, signInMember } from '../../test/support/people.js';
import type { App } from '../app.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { importContent } from '../content-folder/import.service.js';
import type { Database } from '../db/database.js';
import { fixedClock } from '../lib/clock.js';

// The public site in three languages: English at the root, German under /de, Chinese under /zh,
// each page naming its three versions and the default, the header switching language on the
// same page, no redirect by Accept-Language, and redirects that stay in the reader's language.

describe('the site in three languages', () => {
  let db: Database;
  let app: App;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    const clock = fixedClock(new Date());
    await importContent(db, DEMO_DIR, { clock });
    app = await createTestApp(db, { clock });
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
    await destroyTestDatabase(db);
  });

  const links = (body: string, rel: string) => [...body.matchAll(new RegExp(`<link rel="${rel}" hreflang="([^"]+)" href="([^"]+)"`, 'g'))].map((m) => `${m[1]} ${m[2]}`);

  it('serves each page in each language with its lang, Content-Language, alternates and canonical', async () => {
    for (const [prefix, tag, skip] of [['', 'en', 'Skip to content'], ['/de', 'de', 'Zum Inhalt springen'], ['/zh', 'zh-Hans', '跳到正文']] as const) {
      const response = await app.http.inject({ url: `${prefix}/issues/2024-spring` });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-language']).toBe(tag);
      expect(response.body).toContain(`<html lang="${tag}">`);
      expect(response.body).toContain(skip);
      expect(response.body).toContain(`<link rel="canonical" href="${TEST_SITE_URL}${prefix}/issues/2024-spring"/>`);
      expect(links(response.body, 'alternate')).toEqual([
        `en ${TEST_SITE_URL}/issues/2024-spring`, `de ${TEST_SITE_URL}/de/issues/2024-spring`, `zh-Hans ${TEST_SITE_URL}/zh/issues/2024-spring`, `x-default ${TEST_SITE_URL}/issues/2024-spring`,
      ]);
    }
  });

  it('keeps the page when the header switches language, links stay in the language, and the root has its versions', async () => {
    const german = (await app.http.inject({ url: '/de/events' })).body;
    expect(german).toMatch(/<a href="\/events" hreflang="en" lang="en" data-language-choice="en">English<\/a>/);
    expect(german).toMatch(/<a href="\/zh\/events" hreflang="zh-Hans" lang="zh-Hans" data-language-choice="zh">中文<\/a>/);
    expect(german).toMatch(/<a href="\/de\/events" hreflang="de" lang="de" data-language-choice="de" aria-current="true">Deutsch<\/a>/);
    expect(german).toContain('<a href="/de/issues"');
    expect(german).toContain('href="/de/login"');
    const root = await app.http.inject({ url: '/zh' });
    expect(root.statusCode).toBe(200);
    expect(links(root.body, 'alternate')).toContain(`de ${TEST_SITE_URL}/de`);
  });

  it('never redirects by Accept-Language; it offers the preferred version in one hidden line per language, in that language', async () => {
    const response = await app.http.inject({ url: '/issues', headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-language']).toBe('en');
    expect(response.body).toMatch(/<p class="language-offer" lang="de" data-language-offer="de" hidden>Diese Seite gibt es auch auf Deutsch\. <a href="\/de\/issues"/);
    expect(response.body).toMatch(/<p class="language-offer" lang="zh-Hans" data-language-offer="zh" hidden>本页面也有中文版。/);
    expect(response.body).not.toContain('data-language-offer="en"');
    expect(response.body).toContain('<script src="/assets/language-offer.js" defer></script>');
    const script = await app.http.inject({ url: '/assets/language-offer.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('navigator.languages');
  });

  it('lists every version in the sitemap with its alternates; assets and the sitemap exist at the root only', async () => {
    const sitemap = (await app.http.inject({ url: '/sitemap.xml' })).body;
    expect(sitemap).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    expect(sitemap).toContain(`<loc>${TEST_SITE_URL}/zh/issues/2024-spring</loc>`);
    expect(sitemap).toContain(`<xhtml:link rel="alternate" hreflang="de" href="${TEST_SITE_URL}/de/issues/2024-spring"/>`);
    const urls = sitemap.split('<url>').length - 1;
    expect(urls % 3).toBe(0);
    expect(sitemap.split('hreflang="x-default"').length - 1).toBe(urls);
    expect((await app.http.inject({ url: '/de/sitemap.xml' })).statusCode).toBe(404);
    expect((await app.http.inject({ url: '/de/favicon.svg' })).statusCode).toBe(404);
  });

  it('redirects within the reader\'s language and renders a signed-in member\'s header in it', async () => {
    await createContact(db, 'sprache@member.example', { name: 'Sprache GmbH', membership: 'active' });
    const cookie = await signInMember(app, 'sprache@member.example');
    const page = await app.http.inject({ url: '/zh/issues/2024-spring', headers: { cookie } });
    expect(page.body).toContain('我的账户');
    expect(page.body).toContain('action="/zh/logout"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const out = await app.http.inject({ method: 'POST', url: '/zh/logout', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrf)}` });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toMatch(/^\/zh(\/|$)/);
  });

  it('shows content in its translation, and an untranslated item in English marked as such in the reader\'s language', async () => {
    const translated = (await app.http.inject({ url: '/de/issues/2024-spring' })).body;
    expect(translated).toContain('<h1>Ausgabe Frühjahr 2024</h1>');
    expect(translated).not.toContain('class="untranslated"');
    const untranslated = (await app.http.inject({ url: '/de/issues/2023-spring' })).body;
    expect(untranslated).toContain('<h1><span lang="en">2023 Spring Issue</span> <span class="untranslated">(Englisch)</span></h1>');
    const chinese = (await app.http.inject({ url: '/zh/issues/2023-spring' })).body;
    expect(chinese).toContain('<span class="untranslated">（英文）</span>');
    const english = (await app.http.inject({ url: '/issues/2023-spring' })).body;
    expect(english).toContain('<h1>2023 Spring Issue</h1>');
  });

  it('lists the archive with translated issue titles and summaries, the others marked as English', async () => {
    const german = (await app.http.inject({ url: '/de/issues' })).body;
    expect(german).toContain('<a href="/de/issues/2024-spring">Ausgabe Frühjahr 2024</a>');
    expect(german).toContain('<a href="/de/issues/2023-spring"><span lang="en">2023 Spring Issue</span> <span class="untranslated">(Englisch)</span></a>');
    const chinese = (await app.http.inject({ url: '/zh/issues' })).body;
    expect(chinese).toContain('<a href="/zh/issues/2024-spring">2024年春季刊</a>');
    // A story's page names its issues in the page's language too.
    expect((await app.http.inject({ url: '/de/stories/china-56-new-unicorns-2023' })).body).toContain('Ausgabe Frühjahr 2024');
    const english = (await app.http.inject({ url: '/issues' })).body;
    expect(english).toContain('<a href="/issues/2024-spring">2024 Spring Issue</a>');
    expect(english).not.toContain('class="untranslated"');
  });

  it('answers an unknown page with the error page in the address\'s language', async () => {
    const response = await app.http.inject({ url: '/de/issues/no-such-issue' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('<html lang="de">');
    expect(response.body).toContain('Seite nicht gefunden');
    expect(response.body).toContain('Unter dieser Adresse gibt es keine Seite.');
    expect((await app.http.inject({ url: '/zh/no-such-page' })).body).toContain('此地址没有对应的页面。');
    expect((await app.http.inject({ url: '/no-such-page' })).body).toContain('There is no page at this address.');
  });
});
