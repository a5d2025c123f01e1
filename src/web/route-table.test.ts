import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { uploadMedia } from '../media/media.service.js';
import { testImage } from '../../test/support/images.js';
import { createTestApp, destroyTestApp } from '../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase } from '../../test/support/databases.js';
import { createContact, signInMember } from '../../test/support/people.js';
import { ADMIN_ROUTES } from '../admin/route-table.js';
import type { App } from '../app.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { importContent } from '../content-folder/import.service.js';
import type { Database } from '../db/database.js';
import { fixedClock } from '../lib/clock.js';
import { CACHE_CONTROL, type PublicRoute } from './public-route.js';
import { pathIn } from './locale.js';
import type { Language } from '../i18n/languages.js';
import { routeUrls } from './register-public.js';
import { PUBLIC_ROUTES } from './route-table.js';

// The public route table, walked as route-permissions.test.ts walks the desk's: the app
// registers exactly the routes of the two tables, and every GET answers with the caching its
// policy promises, for the public and for a signed-in member.

let stylesheet = '';
/** An uploaded image's file (the media route). */
let imageFile = '';

/** A concrete demo address for a route pattern in each of its languages (the stylesheet for the assets route). */
function addressesOf(route: PublicRoute): { language: Language; url: string }[] {
  return routeUrls(route).map(({ language }) => ({ language, url: pathIn(language, addressOf(route)) }));
}

/** A concrete demo address for a route pattern (the stylesheet for the assets route). */
function addressOf(route: PublicRoute): string {
  if (route.url === '/assets/:file') return stylesheet;
  if (route.url === '/media/:file') return imageFile;
  const slug = route.url.startsWith('/topics/') ? 'startup-ecosystem' : route.url.startsWith('/sectors/') ? 'automotive' : route.url.startsWith('/issues/') ? '2024-spring' : route.url.startsWith('/stories/') ? 'china-56-new-unicorns-2023' : route.url.startsWith('/events/') ? 'xceleration-days-2023' : route.url.startsWith('/services/') ? 'innovation-trips' : route.url.startsWith('/organizations/') ? 'merck' : route.url.startsWith('/innovators/') ? 'hyperpark' : 'ahk-innovators-club';
  return route.url.replace(/:(\w+)/g, (_match, name: string) => (name === 'slug' ? slug : name === 'role' ? 'mentee' : 'x'.repeat(43)));
}

/** Token pages answer for an unusable link; the answer still carries the route's caching. */
const ANSWERS_FOR_BAD_INPUT = new Set(['/login/:token', '/subscribe/confirm/:token', '/unsubscribe/:token', '/events/:slug/call/withdraw/:token', '/account/data/:token', '/account/erase/:token', '/introductions/:token', '/introductions/opt-out/:token', '/r/:token']);

describe('the public route table', () => {
  let db: Database;
  let app: App;
  let member: string;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    const clock = fixedClock(new Date());
    await importContent(db, DEMO_DIR, { clock });
    app = await createTestApp(db, { clock });
    await createContact(db, 'walker@member.example', { name: 'Walker Member GmbH', membership: 'active' });
    member = await signInMember(app, 'walker@member.example');
    stylesheet = /href="(\/assets\/site\.[0-9a-f]+\.css)"/.exec((await app.http.inject({ url: '/' })).body)![1]!;
    const { item } = await uploadMedia(db, clock, app.services.config.mediaDir, SYSTEM_ACTOR, { bytes: await testImage('png', 120, 90), alt: 'A test image' });
    imageFile = `/media/${item.hash}-${item.widths[0]}.${item.ext}`;
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
    await destroyTestDatabase(db);
  });

  it('lists each route once, and the app registers no route outside the public and desk tables', () => {
    const listed = [...PUBLIC_ROUTES.flatMap((route) => routeUrls(route).map(({ url }) => ({ method: route.method, url }))), ...ADMIN_ROUTES].map((route) => `${route.method} ${route.url}`);
    expect(new Set(listed).size).toBe(listed.length);
    const registered = app.routes.filter((route) => route.method !== 'HEAD').map((route) => `${route.method} ${route.url}`);
    expect(registered.filter((route) => !listed.includes(route))).toEqual([]);
    expect(listed.filter((route) => !registered.includes(route))).toEqual([]);
  });

  it('exempts only the one-click unsubscribe from CSRF, and limits every anonymous form that stores or mails', () => {
    const exempt = PUBLIC_ROUTES.filter((route) => 'csrf' in route && route.csrf === false).map((route) => `${route.method} ${route.url}`);
    expect(exempt).toEqual(['POST /unsubscribe/:token']);
    // Anonymous POSTs that neither store nor mail anything new: a sign-out, and one-time links that use a token already mailed.
    const noLimitNeeded = new Set(['/logout', '/login/:token', '/subscribe/confirm/:token', '/unsubscribe/:token', '/events/:slug/call/withdraw/:token', '/account/erase/:token']);
    const unlimited = PUBLIC_ROUTES.filter((route) => route.method === 'POST' && route.cache === 'none' && !('rateLimit' in route && route.rateLimit) && !noLimitNeeded.has(route.url));
    expect(unlimited.map((route) => route.url)).toEqual([]);
  });

  it('serves every page route in English at the root and in German and Chinese under /de and /zh, assets and the sitemap at the root only', () => {
    const rootOnly = PUBLIC_ROUTES.filter((route) => route.rootOnly).map((route) => route.url);
    expect(rootOnly.sort()).toEqual(['/assets/:file', '/brand.css', '/favicon.ico', '/favicon.svg', '/healthz', '/media/:file', '/o/:token', '/robots.txt', '/sitemap.xml']);
    expect(routeUrls(PUBLIC_ROUTES.find((route) => route.url === '/')!).map(({ url }) => url)).toEqual(['/', '/de', '/zh']);
    expect(routeUrls(PUBLIC_ROUTES.find((route) => route.url === '/issues/:slug')!).map(({ url }) => url)).toEqual(['/issues/:slug', '/de/issues/:slug', '/zh/issues/:slug']);
  });

  it('answers every GET in every language with the caching of its policy and its Content-Language, for the public', async () => {
    const wrong: string[] = [];
    for (const route of PUBLIC_ROUTES.filter((r) => r.method === 'GET')) for (const { language, url } of addressesOf(route)) {
      const response = await app.http.inject({ url });
      const tag = language === 'zh' ? 'zh-Hans' : language;
      if (route.url !== '/healthz' && !route.url.startsWith('/assets') && !route.url.startsWith('/media') && !route.url.startsWith('/favicon') && route.url !== '/o/:token' && response.headers['content-language'] !== tag) wrong.push(`${url}: content-language ${String(response.headers['content-language'])}`);
      const cacheControl = String(response.headers['cache-control'] ?? '');
      const ok = response.statusCode < 300 || ANSWERS_FOR_BAD_INPUT.has(route.url) || (route.cache === 'personal' && [303, 404].includes(response.statusCode));
      if (!ok) wrong.push(`${url}: ${response.statusCode}`);
      const expected = route.cache === 'shared' ? /^public, max-age=\d+/ : route.cache === 'personal' && response.statusCode !== 200 ? /no-store/ : new RegExp(`^${CACHE_CONTROL[route.cache]}`);
      if (!expected.test(cacheControl)) wrong.push(`${route.url} (${route.cache}): cache-control "${cacheControl}"`);
    }
    expect(wrong).toEqual([]);
  });

  it('links every HTML page in every language to the imprint and the privacy page in its footer', async () => {
    const missing: string[] = [];
    let pages = 0;
    for (const route of PUBLIC_ROUTES.filter((r) => r.method === 'GET')) for (const { language, url } of addressesOf(route)) {
      for (const cookie of [undefined, member]) {
        const response = await app.http.inject({ url, headers: cookie ? { cookie } : {} });
        if (!String(response.headers['content-type'] ?? '').startsWith('text/html')) continue;
        pages++;
        const footer = /<footer class="site-footer">[\s\S]*?<\/footer>/.exec(response.body)?.[0] ?? '';
        for (const page of ['/imprint', '/privacy']) if (!footer.includes(`href="${pathIn(language, page)}"`)) missing.push(`${url}${cookie ? ' (member)' : ''}: no ${page} link in the footer`);
      }
    }
    expect(missing).toEqual([]);
    expect(pages).toBeGreaterThan(60);
  });

  it('renders audience pages personally for a member, never from the shared cache, and keeps shared answers shared', async () => {
    const wrong: string[] = [];
    for (const route of PUBLIC_ROUTES.filter((r) => r.method === 'GET' && r.url !== '/healthz')) for (const { url } of addressesOf(route)) {
      const response = await app.http.inject({ url, headers: { cookie: member } });
      const cacheControl = String(response.headers['cache-control'] ?? '');
      if (route.cache === 'audience' && cacheControl !== 'private, no-store') wrong.push(`${route.url}: "${cacheControl}" for a member`);
      if (route.cache === 'personal' && !/no-store/.test(cacheControl)) wrong.push(`${route.url}: "${cacheControl}" for a member`);
      if (route.cache === 'shared' && !/^public/.test(cacheControl)) wrong.push(`${route.url}: "${cacheControl}" for a member`);
    }
    expect(wrong).toEqual([]);
  });
});
