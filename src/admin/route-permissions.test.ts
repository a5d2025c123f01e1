import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { createTestDatabase, destroyTestDatabase } from '../../test/support/databases.js';
import { cookiesFrom, createTestApp, csrfTokenIn, destroyTestApp, visibleText } from '../../test/support/app.js';
import { createContact, signInMember, signInStaff } from '../../test/support/people.js';
import { can, PERMISSIONS, ROLES, type Role } from '../auth/permissions.js';
import type { Database } from '../db/database.js';
import { ADMIN_ROUTES } from './route-table.js';

// Walks the admin route table: every route that needs a permission refuses an anonymous
// visitor, a member's session and every staff role without that permission, before its
// handler runs. New routes are covered as soon as they are added to the table.

const guarded = ADMIN_ROUTES.filter((route) => route.permission !== 'anyone');
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, '1');

describe('the admin route table', () => {
  let db: Database;
  let app: App;
  const staffCookies = new Map<Role, string>();
  let memberCookie = '';
  let anonymousCookie = '';
  let anonymousToken = '';

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await createTestApp(db);
    for (const role of ROLES) staffCookies.set(role, await signInStaff(app, db, `${role}@example.org`, role));
    await createContact(db, 'member@company.example', { name: 'Company GmbH', membership: 'active' });
    memberCookie = await signInMember(app, 'member@company.example');
    const login = await app.http.inject({ url: '/admin/login' });
    anonymousCookie = cookiesFrom(login.headers['set-cookie']);
    anonymousToken = csrfTokenIn(login.body);
  });
  afterAll(async () => {
    await destroyTestApp(app);
    await destroyTestDatabase(db);
  });

  it('names a known permission for every route, and has no duplicate routes', () => {
    expect(guarded.length).toBeGreaterThan(5);
    const seen = new Set<string>();
    for (const route of ADMIN_ROUTES) {
      expect(route.permission === 'anyone' || route.permission in PERMISSIONS, route.url).toBe(true);
      const key = `${route.method} ${route.url}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      expect(route.url.startsWith('/admin'), route.url).toBe(true);
    }
    // Only the sign-in pages are open.
    expect(ADMIN_ROUTES.filter((route) => route.permission === 'anyone').map((route) => route.url).sort()).toEqual(
      ['/admin/forgot', '/admin/forgot', '/admin/login', '/admin/login', '/admin/logout', '/admin/password/:token', '/admin/password/:token'].sort(),
    );
  });

  /** A request with a valid CSRF token for the given cookies, so only the guard can refuse it. */
  async function request(method: 'GET' | 'POST', url: string, cookie: string) {
    if (method === 'GET') return app.http.inject({ method, url, headers: { cookie } });
    const token = cookie === anonymousCookie ? anonymousToken : await tokenFor(cookie);
    return app.http.inject({ method, url, headers: { cookie }, payload: { _csrf: token } });
  }

  const tokens = new Map<string, string>();
  async function tokenFor(cookie: string): Promise<string> {
    if (!tokens.has(cookie)) {
      // Staff cookies bind tokens on /admin pages; a member's on public pages.
      const page = cookie === memberCookie ? await app.http.inject({ url: '/account', headers: { cookie } }) : await app.http.inject({ url: '/admin', headers: { cookie } });
      tokens.set(cookie, csrfTokenIn(page.body));
    }
    return tokens.get(cookie)!;
  }

  it('refuses anonymous visitors: GETs go to the sign-in page, anything else is forbidden', async () => {
    for (const route of guarded) {
      const response = await request(route.method, concrete(route.url), anonymousCookie);
      if (route.method === 'GET') {
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(303);
        expect(response.headers.location, route.url).toMatch(/^\/admin\/login\?next=/);
      } else {
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
        expect(visibleText(response.body), route.url).toContain('Sign in to the desk first');
      }
    }
  });

  it('gives a member session nothing in the desk', async () => {
    for (const route of guarded) {
      const response = await request(route.method, concrete(route.url), memberCookie);
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(route.method === 'GET' ? 303 : 403);
    }
  });

  it('refuses every staff role that lacks the route\'s permission', async () => {
    let refusals = 0;
    for (const route of guarded) {
      for (const role of ROLES) {
        if (can(role, route.permission)) continue;
        const response = await request(route.method, concrete(route.url), staffCookies.get(role)!);
        expect(response.statusCode, `${role} ${route.method} ${route.url}`).toBe(403);
        expect(visibleText(response.body), `${role} ${route.url}`).toContain(`Your role (${role}) does not allow this`);
        refusals++;
      }
    }
    expect(refusals).toBeGreaterThan(0);
  });

  it('lets every role with the permission open the parameterless pages', async () => {
    for (const route of guarded.filter((r) => r.method === 'GET' && !r.url.includes(':'))) {
      for (const role of ROLES.filter((r) => can(r, route.permission))) {
        const response = await request('GET', route.url, staffCookies.get(role)!);
        expect(response.statusCode, `${role} GET ${route.url}`).toBe(200);
      }
    }
  });
});
