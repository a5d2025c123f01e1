import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { cookiesFrom, createTestApp, csrfTokenIn, destroyTestApp, lastLinkInOutbox, outboxMessages, visibleText } from '../../test/support/app.js';
import { createContact, signInMember } from '../../test/support/people.js';
import { importVocabulary } from '../../test/support/content.js';
import { fixedClock } from '../lib/clock.js';
import { findContactByEmail } from './contacts.service.js';

// /account changes a contact's topics, language and subscription at once; /subscribe is double
// opt-in; both refuse forged posts.

forEachDialect('account and subscription', ({ db }) => {
  let app: App;
  const clock = fixedClock('2026-11-28T12:00:00Z');
  beforeAll(async () => {
    await importVocabulary(db(), clock);
    await createContact(db(), 'mia@member.example', { name: 'Member Maschinenbau GmbH', membership: 'active' });
    app = await createTestApp(db(), { clock });
  });
  afterAll(() => destroyTestApp(app));

  it('sends anonymous visitors to sign in', async () => {
    const response = await app.http.inject({ url: '/account' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/login');
  });

  it('saves topics, language and subscription at once', async () => {
    const cookie = await signInMember(app, 'mia@member.example');
    const page = await app.http.inject({ url: '/account', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(visibleText(page.body)).toContain('Member Maschinenbau GmbH (member)');
    const saved = await app.http.inject({
      method: 'POST',
      url: '/account',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrfTokenIn(page.body))}&language=de&topics=technology-trends&topics=expert-interviews`,
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/account?saved=1');
    const contact = await findContactByEmail(db(), 'mia@member.example');
    expect(contact?.language).toBe('de');
    expect(contact?.subscribed).toBe(false);
    expect(contact?.topics).toEqual(['technology-trends', 'expert-interviews']);
    const after = await app.http.inject({ url: '/account?saved=1', headers: { cookie } });
    expect(visibleText(after.body)).toContain('Your changes are saved.');
    const activity = await db().selectFrom('activity').select(['action', 'detail']).where('action', '=', 'contact.preferences').execute();
    expect(activity.map((row) => row.detail)).toContain('unsubscribed');
  });

  it('re-renders with an error for an unknown topic and writes nothing', async () => {
    const cookie = await signInMember(app, 'mia@member.example');
    const page = await app.http.inject({ url: '/account', headers: { cookie } });
    const response = await app.http.inject({ method: 'POST', url: '/account', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrfTokenIn(page.body))}&language=en&subscribed=1&topics=not-a-topic` });
    expect(response.statusCode).toBe(400);
    expect(visibleText(response.body)).toContain('Unknown topic: not-a-topic');
    expect((await findContactByEmail(db(), 'mia@member.example'))?.language).toBe('de');
  });

  it('refuses a forged post without the token', async () => {
    const cookie = await signInMember(app, 'mia@member.example');
    const forged = await app.http.inject({ method: 'POST', url: '/account', headers: { cookie }, payload: { language: 'zh', subscribed: '1' } });
    expect(forged.statusCode).toBe(403);
    const otherToken = await app.http.inject({ url: '/login' });
    const wrong = await app.http.inject({ method: 'POST', url: '/account', headers: { cookie }, payload: { _csrf: csrfTokenIn(otherToken.body), language: 'zh' } });
    expect(wrong.statusCode).toBe(403);
    expect((await findContactByEmail(db(), 'mia@member.example'))?.language).toBe('de');
  });

  it('subscribes only after the confirmation link, and a honeypot hit stores nothing', async () => {
    const page = await app.http.inject({ url: '/subscribe', remoteAddress: '10.2.0.1' });
    const cookie = cookiesFrom(page.headers['set-cookie']);
    const asked = await app.http.inject({ method: 'POST', url: '/subscribe', remoteAddress: '10.2.0.1', headers: { cookie }, payload: { _csrf: csrfTokenIn(page.body), email: 'New.Reader@Example.com', name: 'New Reader', website: '' } });
    expect(asked.statusCode).toBe(200);
    expect((await findContactByEmail(db(), 'new.reader@example.com'))?.subscribed).toBe(false);
    const link = await lastLinkInOutbox(app, 'New.Reader@Example.com', '/subscribe/confirm/')!;
    const confirm = await app.http.inject({ url: link, headers: { cookie } });
    expect(confirm.statusCode).toBe(200);
    expect((await findContactByEmail(db(), 'new.reader@example.com'))?.subscribed).toBe(false);
    const done = await app.http.inject({ method: 'POST', url: link, headers: { cookie }, payload: { _csrf: csrfTokenIn(confirm.body) } });
    expect(done.statusCode).toBe(200);
    expect((await findContactByEmail(db(), 'new.reader@example.com'))?.subscribed).toBe(true);

    const before = (await outboxMessages(app)).length;
    const bot = await app.http.inject({ method: 'POST', url: '/subscribe', remoteAddress: '10.2.0.2', headers: { cookie }, payload: { _csrf: csrfTokenIn(page.body), email: 'bot@spam.example', name: '', website: 'http://spam.example' } });
    expect(bot.statusCode).toBe(200);
    expect(await findContactByEmail(db(), 'bot@spam.example')).toBeUndefined();
    expect((await outboxMessages(app)).length).toBe(before);
  });

  it('limits subscriptions per client', async () => {
    const page = await app.http.inject({ url: '/subscribe' });
    const cookie = cookiesFrom(page.headers['set-cookie']);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await app.http.inject({ method: 'POST', url: '/subscribe', remoteAddress: '10.2.1.1', headers: { cookie }, payload: { _csrf: csrfTokenIn(page.body), email: `r${i}@example.com`, name: '', website: '' } });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
