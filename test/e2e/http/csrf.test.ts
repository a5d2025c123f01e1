import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROUTES } from '../../../src/admin/route-table.js';
import { routeUrls } from '../../../src/web/register-public.js';
import { PUBLIC_ROUTES } from '../../../src/web/route-table.js';
import { InjectClient, PEOPLE, startSite, UPCOMING, type E2eSite } from '../support/site.js';

// CSRF: every state-changing route refuses a POST (PUT, PATCH, DELETE) without a valid token,
// before its handler runs. The routes are not listed by hand: the test walks the public route
// table and the desk's, and src/web/route-table.test.ts proves the app registers no route
// outside them, so routes that land later are covered without touching this file. Only routes
// the public table exempts (`csrf: false`: RFC 8058 one-click unsubscribe) are left out, and
// they are listed so the opt-outs stay visible.

const UNSAFE = ['POST', 'PUT', 'PATCH', 'DELETE'];
const REFUSAL = 'This form has expired or was sent from another site';

/**
 * A concrete address for a route pattern: any value will do for a parameter, but event and
 * program routes get a real, open one (test/fixtures/e2e-upcoming/), so the refusal cannot be a 404 in disguise.
 */
function addressOf(url: string): string {
  const slug = url.startsWith('/events/') ? UPCOMING.event : url.startsWith('/programs/') ? UPCOMING.program : url.startsWith('/innovators/') ? UPCOMING.innovator : 'china-56-new-unicorns-2023';
  return url.replace(/:(\w+)/g, (_match, name: string) => (name === 'slug' ? slug : name === 'role' ? 'mentee' : /id$/i.test(name) ? '1' : 'x'.repeat(43)));
}

let site: E2eSite;
let unsafeRoutes: { method: string; url: string; address: string }[] = [];
let optedOut: string[] = [];

beforeAll(async () => {
  site = await startSite({ listen: false });
  const everyAddress = [...PUBLIC_ROUTES.flatMap((route) => routeUrls(route).map(({ url }) => ({ ...route, url }))), ...ADMIN_ROUTES];
  for (const route of everyAddress) {
    if (!UNSAFE.includes(route.method)) continue;
    const entry = `${route.method} ${route.url}`;
    if ('csrf' in route && route.csrf === false) optedOut.push(entry);
    else unsafeRoutes.push({ method: route.method, url: route.url, address: addressOf(route.url) });
  }
  optedOut = [...new Set(optedOut)].sort();
  unsafeRoutes = unsafeRoutes.filter((route, index) => unsafeRoutes.findIndex((r) => r.method === route.method && r.url === route.url) === index);
});
afterAll(async () => {
  await site?.close();
});

describe('CSRF', () => {
  it('found the state-changing routes (public, member and desk)', () => {
    const found = unsafeRoutes.map((route) => `${route.method} ${route.url}`);
    for (const route of [
      'POST /login', 'POST /login/:token', 'POST /logout', 'POST /subscribe', 'POST /subscribe/confirm/:token', 'POST /account', 'POST /admin/login', 'POST /admin/logout',
      // Events, programs and inquiries (issues 5 and 6).
      'POST /contact', 'POST /events/:slug/register', 'POST /events/:slug/cancel', 'POST /events/:slug/call', 'POST /events/:slug/call/withdraw/:token',
      'POST /programs/:slug/register/:role', 'POST /programs/:slug/register/withdraw', 'POST /admin/events/:id/settings', 'POST /admin/events/:id/submissions/:sid',
      'POST /admin/events/:id/registrations/:rid/check-in', 'POST /admin/programs/:id/matching/weights', 'POST /admin/programs/:id/matching/publish', 'POST /admin/inquiries/:id/status',
      // The account page's private feed buttons (issue 16).
      'POST /account/private-feed', 'POST /account/private-feed/revoke', 'POST /de/account/private-feed/revoke',
      // Innovator introductions (issue 17): the member's request, the innovator's decision and opt-out, the desk's actions.
      'POST /innovators/:slug/introduction', 'POST /zh/innovators/:slug/introduction', 'POST /introductions/:token', 'POST /de/introductions/opt-out/:token',
      'POST /admin/introductions/:id/send', 'POST /admin/introductions/:id/state', 'POST /admin/introductions/:id/triage',
    ]) {
      expect(found).toContain(route);
    }
    // Every public form also under /de and /zh.
    for (const route of ['POST /de/login', 'POST /zh/login', 'POST /de/contact', 'POST /zh/events/:slug/register', 'POST /de/programs/:slug/register/:role']) expect(found).toContain(route);
    // Opting out is for RFC 8058 one-click unsubscribe only.
    for (const route of optedOut) expect(route).toMatch(/unsubscribe/);
  });

  /** Each route is tried as a stranger, as a member and as the owner of the desk, so the refusal is the CSRF check's and not a missing session's. */
  async function refusals(attempt: (route: (typeof unsafeRoutes)[number]) => Promise<{ statusCode: number; body: string }>) {
    const wrong: string[] = [];
    for (const route of unsafeRoutes) {
      const response = await attempt(route);
      if (response.statusCode !== 403 || !response.body.includes(REFUSAL)) wrong.push(`${route.method} ${route.url} → ${response.statusCode}`);
    }
    return wrong;
  }

  const audiences = [
    ['a stranger without cookies', async () => new InjectClient(site.app)],
    ['a visitor with a browser cookie', async () => {
      const client = new InjectClient(site.app);
      await client.get('/login');
      return client;
    }],
    ['a signed-in member', async () => {
      const client = new InjectClient(site.app);
      await client.signInAsContact(PEOPLE.member.email);
      return client;
    }],
    ['the signed-in owner of the desk', async () => {
      const client = new InjectClient(site.app);
      await client.signInAsStaff(PEOPLE.owner.email, PEOPLE.owner.password);
      return client;
    }],
  ] as const;

  it.each(audiences)('%s: no token → 403 on every route', async (_name, makeClient) => {
    const client = await makeClient();
    site.clock.advance(61 * 60_000);
    const wrong = await refusals((route) =>
      site.app.http.inject({ method: route.method as 'POST', url: route.address, headers: { cookie: client.cookies, accept: 'text/html' }, payload: {} }),
    );
    expect(wrong).toEqual([]);
  });

  it.each(audiences)('%s: a forged or foreign token → 403 on every route', async (_name, makeClient) => {
    const client = await makeClient();
    // A token that is valid, but for someone else's browser.
    const other = new InjectClient(site.app);
    const foreign = /name="_csrf" value="([^"]+)"/.exec((await other.get('/login')).body)![1]!;
    for (const token of [foreign, 'forged', '']) {
      const asField = await refusals((route) =>
        site.app.http.inject({
          method: route.method as 'POST',
          url: route.address,
          headers: { cookie: client.cookies, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: token, email: 'x@example.com' }).toString(),
        }),
      );
      const asHeader = await refusals((route) =>
        site.app.http.inject({ method: route.method as 'POST', url: route.address, headers: { cookie: client.cookies, 'x-csrf-token': token, accept: 'text/html' }, payload: {} }),
      );
      expect([...asField, ...asHeader], `token ${JSON.stringify(token.slice(0, 8))}`).toEqual([]);
    }
  });

  it('the check itself: with a valid token the same requests pass the CSRF check', async () => {
    const client = new InjectClient(site.app);
    await client.signInAsStaff(PEOPLE.owner.email, PEOPLE.owner.password);
    const token = /name="_csrf" value="([^"]+)"/.exec((await client.get('/admin/login')).body)![1]!;
    const passed: string[] = [];
    for (const route of unsafeRoutes.filter((r) => r.url.startsWith('/admin') && !r.url.endsWith('/logout'))) {
      const response = await site.app.http.inject({ method: route.method as 'POST', url: route.address, headers: { cookie: client.cookies, 'x-csrf-token': token }, payload: {} });
      if (!response.body.includes(REFUSAL)) passed.push(route.url);
    }
    expect(passed.length).toBeGreaterThan(0);
    expect(passed.length).toBe(unsafeRoutes.filter((r) => r.url.startsWith('/admin') && !r.url.endsWith('/logout')).length);
  });
});
