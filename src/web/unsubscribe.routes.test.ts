import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, csrfTokenIn, cookiesFrom, destroyTestApp, TEST_SECRET_KEY } from '../../test/support/app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { deliveryEnv, seedIssue } from '../../test/support/delivery.js';
import { createContact } from '../../test/support/people.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import type { App } from '../app.js';
import { createSend } from '../delivery/engine/deliveries.service.js';
import { unsubscribeToken } from '../delivery/tokens.js';

// RFC 8058: the one-click POST unsubscribes without a cookie or CSRF token and answers 200;
// the GET shows a confirm page and never unsubscribes by itself.

forEachDialect('/unsubscribe/<token>', ({ db }) => {
  let app: App;
  let deliveryId: number;
  beforeAll(async () => {
    app = await createTestApp(db());
    const slug = await seedIssue(db());
    deliveryId = (await createSend(deliveryEnv(db()), { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR })).id;
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
  });

  const subscribed = async (id: number) => (await db().selectFrom('contacts').select('subscribed').where('id', '=', id).executeTakeFirstOrThrow()).subscribed;
  const events = (id: number) => db().selectFrom('delivery_events').select(['kind', 'detail', 'delivery_id']).where('contact_id', '=', id).execute();

  it('GET shows a confirm page and does not unsubscribe', async () => {
    const id = await createContact(db(), 'reader-get@example.org', null);
    const token = unsubscribeToken(TEST_SECRET_KEY, deliveryId, id);
    for (let i = 0; i < 2; i++) {
      const page = await app.http.inject({ url: `/unsubscribe/${token}` });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain(`action="/unsubscribe/${token}"`);
      expect(page.body).toContain('re…@example.org');
      expect(page.body).not.toContain('reader-get@example.org');
    }
    expect(await subscribed(id)).toBe(1);
    expect(await events(id)).toEqual([]);
  });

  it('the one-click POST without cookie or CSRF token unsubscribes and answers 200 without redirect', async () => {
    const id = await createContact(db(), 'reader-click@example.org', null);
    const token = unsubscribeToken(TEST_SECRET_KEY, deliveryId, id);
    const post = () =>
      app.http.inject({ method: 'POST', url: `/unsubscribe/${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    const first = await post();
    expect(first.statusCode).toBe(200);
    expect(first.headers.location).toBeUndefined();
    expect(first.body).toContain('You are unsubscribed');
    expect(await subscribed(id)).toBe(0);
    expect((await post()).statusCode).toBe(200);
    expect(await events(id)).toEqual([{ kind: 'unsubscribe', detail: 'one-click', delivery_id: deliveryId }]);
  });

  it('a one-click POST sent as multipart/form-data works too', async () => {
    const id = await createContact(db(), 'reader-multipart@example.org', null);
    const token = unsubscribeToken(TEST_SECRET_KEY, deliveryId, id);
    const body = '--X\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--X--\r\n';
    const response = await app.http.inject({ method: 'POST', url: `/unsubscribe/${token}`, headers: { 'content-type': 'multipart/form-data; boundary=X' }, payload: body });
    expect(response.statusCode).toBe(200);
    expect(await subscribed(id)).toBe(0);
    expect((await events(id)).map((e) => e.detail)).toEqual(['one-click']);
  });

  it('the confirm button (a normal form with CSRF token) unsubscribes too', async () => {
    const id = await createContact(db(), 'reader-button@example.org', null);
    const token = unsubscribeToken(TEST_SECRET_KEY, deliveryId, id);
    const page = await app.http.inject({ url: `/unsubscribe/${token}` });
    const done = await app.http.inject({ method: 'POST', url: `/unsubscribe/${token}`, headers: { cookie: cookiesFrom(page.headers['set-cookie']) }, payload: { _csrf: csrfTokenIn(page.body) } });
    expect(done.statusCode).toBe(200);
    expect(await subscribed(id)).toBe(0);
    expect((await events(id)).map((e) => e.detail)).toEqual(['page']);
  });

  it('a forged or altered token unsubscribes nobody', async () => {
    const id = await createContact(db(), 'reader-forged@example.org', null);
    const token = unsubscribeToken(TEST_SECRET_KEY, deliveryId, id);
    const forged = `${deliveryId}-${id}-${'0'.repeat(24)}`;
    const other = token.replace(`-${id}-`, `-${id + 1}-`);
    for (const bad of [forged, other, 'nonsense', `${token}x`]) {
      expect((await app.http.inject({ method: 'POST', url: `/unsubscribe/${bad}`, payload: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).toBe(404);
      expect((await app.http.inject({ url: `/unsubscribe/${encodeURIComponent(bad)}` })).statusCode).toBe(404);
    }
    expect(await subscribed(id)).toBe(1);
  });
});
