import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../app.js';
import { fixedClock } from '../lib/clock.js';
import { cookiesFrom, createTestApp, csrfTokenIn, destroyTestApp, lastLinkInOutbox, outboxMessages, visibleText } from '../../test/support/app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { formBody } from '../../test/support/desk.js';
import { createContact, signInMember } from '../../test/support/people.js';

// A member's own data requests from /account: each mails a one-time link; the data link
// downloads the JSON once, the erasure link asks to confirm and then erases the member, who can
// no longer sign in. Forged posts and anonymous visitors change nothing.

forEachDialect('account: data requests', ({ db }) => {
  let app: App;
  const clock = fixedClock('2026-11-28T12:00:00Z');
  beforeAll(async () => {
    app = await createTestApp(db(), { clock });
    await createContact(db(), 'nina@member.example', { name: 'Nina Networks GmbH', membership: 'active' });
  });
  afterAll(() => destroyTestApp(app));

  async function post(url: string, cookie: string, from = '/account') {
    const page = await app.http.inject({ url: from, headers: { cookie } });
    return app.http.inject({ method: 'POST', url, headers: { cookie: cookiesFrom(page.headers['set-cookie'], cookie), 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrfTokenIn(page.body) }) });
  }

  it('the account page offers both requests; anonymous and forged posts do nothing', async () => {
    const cookie = await signInMember(app, 'nina@member.example');
    const page = await app.http.inject({ url: '/account', headers: { cookie } });
    expect(visibleText(page.body)).toContain('Your data');
    expect(page.body).toContain('action="/account/data-export"');
    expect(page.body).toContain('action="/account/erasure"');
    const before = (await outboxMessages(app)).length;
    expect((await app.http.inject({ method: 'POST', url: '/account/erasure', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: '' })).statusCode).toBe(403);
    const anonymous = await post('/account/erasure', '', '/login');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/login');
    expect((await outboxMessages(app)).length).toBe(before);
  });

  it('mails a data link that downloads the JSON once', async () => {
    const cookie = await signInMember(app, 'nina@member.example');
    const asked = await post('/account/data-export', cookie);
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toBe('/account?privacy=export');
    const notice = await app.http.inject({ url: '/account?privacy=export', headers: { cookie } });
    expect(visibleText(notice.body)).toContain('We emailed you a link to download your data.');
    const link = await lastLinkInOutbox(app, 'nina@member.example', '/account/data/');
    expect(link).toBeDefined();
    const download = await app.http.inject({ url: link! });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toBe('attachment; filename="my-data.json"');
    expect(JSON.parse(download.body).sections.contact).toEqual([expect.objectContaining({ email: 'nina@member.example' })]);
    const again = await app.http.inject({ url: link! });
    expect(again.statusCode).toBe(400);
    expect(visibleText(again.body)).toContain('already been used');
  });

  it('mails an erasure link; opening it erases nothing; confirming erases the member, who cannot sign in again', async () => {
    const cookie = await signInMember(app, 'nina@member.example');
    expect((await post('/account/erasure', cookie)).headers.location).toBe('/account?privacy=erase');
    const link = await lastLinkInOutbox(app, 'nina@member.example', '/account/erase/');
    expect(link).toBeDefined();
    const confirm = await app.http.inject({ url: link! });
    expect(confirm.statusCode).toBe(200);
    expect(visibleText(confirm.body)).toContain('Erase my data');
    expect(await db().selectFrom('contacts').select('id').where('email_key', '=', 'nina@member.example').executeTakeFirst()).toBeDefined();

    const done = await app.http.inject({ method: 'POST', url: link!, headers: { cookie: cookiesFrom(confirm.headers['set-cookie']), 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrfTokenIn(confirm.body) }) });
    expect(done.statusCode).toBe(200);
    expect(visibleText(done.body)).toContain('Everything we stored about you is erased.');
    expect(await db().selectFrom('contacts').select('id').where('email_key', '=', 'nina@member.example').executeTakeFirst()).toBeUndefined();
    // The old session is gone, and asking for a sign-in link sends nothing.
    const account = await app.http.inject({ url: '/account', headers: { cookie } });
    expect(account.statusCode).toBe(303);
    await expect(signInMember(app, 'nina@member.example')).rejects.toThrow();
    expect((await outboxMessages(app)).filter((raw) => /nina@member\.example/i.test(raw))).toEqual([]);
  });
});
