import { afterAll, beforeAll, expect, it } from 'vitest';
import { cookiesFrom, createTestApp, csrfTokenIn, destroyTestApp } from '../../test/support/app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { formBody } from '../../test/support/desk.js';
import { signInStaff, STAFF_PASSWORD } from '../../test/support/people.js';
import type { App } from '../app.js';
import { fixedClock } from '../lib/clock.js';

// Where the desk sends a person after sign-in comes from the request (`next`): only a desk path
// of printable ASCII is followed; anything else goes to /admin, and no such input answers 500.

const clock = fixedClock('2026-11-28T12:00:00Z');

/** `next` values that must never become a Location: other sites, header splitting, bytes a header cannot carry. */
const HOSTILE_NEXT = [
  '//evil.example/admin',
  '/\\evil.example',
  '/admin/\\evil.example',
  '/admin//evil.example',
  'https://evil.example/admin',
  '/admin/x\r\nSet-Cookie: ii_staff=stolen',
  '/admin/x\nLocation: //evil.example',
  '/admin/\u0000',
  '/admin/\u007f',
  '/admin/stories?q=caf\u00e9',
  '/admin/stories?q=\u6f22\u5b57',
  '/admin/\ud800',
  '/adminx',
  '/',
];

forEachDialect('desk: sign-in redirects', ({ db }) => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp(db(), { clock });
    await signInStaff(app, db(), 'editor@example.com', 'editor');
  });
  afterAll(() => destroyTestApp(app));

  /** Signs in with `next` as the form sends it; the answer. */
  async function signIn(next: string) {
    const form = await app.http.inject({ url: '/admin/login' });
    return app.http.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { cookie: cookiesFrom(form.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ _csrf: csrfTokenIn(form.body), email: 'editor@example.com', password: STAFF_PASSWORD, next }),
    });
  }

  it('follows a desk path after sign-in, and sends every other next to /admin', async () => {
    const kept = await signIn('/admin/stories?q=robots&page=2');
    expect(kept.statusCode).toBe(303);
    expect(kept.headers.location).toBe('/admin/stories?q=robots&page=2');
    for (const next of HOSTILE_NEXT) {
      const response = await signIn(next);
      expect(response.statusCode, JSON.stringify(next)).toBe(303);
      expect(response.headers.location, JSON.stringify(next)).toBe('/admin');
      expect(String(response.headers['set-cookie'] ?? ''), JSON.stringify(next)).not.toContain('stolen');
    }
  });

  it('takes a next that no form can send (a lone surrogate in JSON) to /admin too', async () => {
    const form = await app.http.inject({ url: '/admin/login' });
    const response = await app.http.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { cookie: cookiesFrom(form.headers['set-cookie']), 'content-type': 'application/json' },
      payload: JSON.stringify({ _csrf: csrfTokenIn(form.body), email: 'editor@example.com', password: STAFF_PASSWORD, next: '/admin/\ud800' }),
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin');
  });

  it('puts only a safe next into the sign-in form', async () => {
    for (const next of HOSTILE_NEXT) {
      const page = await app.http.inject({ url: `/admin/login?next=${encodeURIComponent(next.replace(/[\ud800-\udfff]/g, '\ufffd'))}` });
      expect(page.statusCode, JSON.stringify(next)).toBe(200);
      expect(page.body, JSON.stringify(next)).toContain('name="next" value="/admin"');
    }
    const page = await app.http.inject({ url: '/admin/login?next=%2Fadmin%2Fissues' });
    expect(page.body).toContain('name="next" value="/admin/issues"');
  });

  it('sends a signed-out GET to sign-in with a next it can follow, whatever the address held', async () => {
    for (const url of ['/admin/stories?q=%E9%0D%0ASet-Cookie:%20x', '/admin/stories?q=a//b', '/admin/stories/%E6%BC%A2%0D%0A/edit']) {
      const response = await app.http.inject({ url });
      expect(response.statusCode, url).toBe(303);
      const next = new URL(response.headers.location!, 'http://insights.test').searchParams.get('next');
      expect(next, url).toMatch(/^\/admin[\x20-\x7e]*$/);
      const form = await app.http.inject({ url: response.headers.location! });
      expect(form.statusCode, url).toBe(200);
    }
  });
});
