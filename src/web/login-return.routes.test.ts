import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesFrom, createTestApp, csrfTokenIn, decodeHtml, destroyTestApp, outboxMessages } from '../../test/support/app.js';
import { importContentFiles } from '../../test/support/content.js';
import { forEachDialect } from '../../test/support/databases.js';
import { createContact } from '../../test/support/people.js';
import type { App } from '../app.js';
import { checkReturnPath } from '../auth/return-path.js';
import { fixedClock } from '../lib/clock.js';

// "Sign in to ask" on an innovator's profile brings the member back to its request form: /login
// takes a safe `next` (a same-site path only), the sign-in link carries it, and its confirm
// button returns there. Anything else (another site, a scheme, `//`, `\`, a loop) is dropped and
// the sign-in goes where it always went.

const clock = fixedClock('2026-11-28T12:00:00Z');
const FORM = '/innovators/hyperpark/introduction';

describe('checkReturnPath', () => {
  it('takes same-site paths, without their language prefix', () => {
    expect(checkReturnPath(FORM)).toBe(FORM);
    expect(checkReturnPath(`/de${FORM}`)).toBe(FORM);
    expect(checkReturnPath('/zh')).toBe('/');
    expect(checkReturnPath('/events?topic=ai#upcoming')).toBe('/events?topic=ai#upcoming');
  });

  it('refuses other sites, schemes, loops and anything that is not a plain path', () => {
    for (const bad of [
      '//evil.example', '/\\evil.example', '/\\/evil.example', 'https://evil.example', 'http:evil.example', 'javascript:alert(1)', '/x/javascript:alert(1)',
      'evil.example', ' /innovators', '/innovators\r\nSet-Cookie: x=1', '/innovators two', '/ü', '/a//b', '/login', '/login/abc', '/de/login', '/logout', '',
      `/${'x'.repeat(300)}`, ['/innovators'], 42, null, undefined,
    ]) {
      expect(checkReturnPath(bad), String(bad)).toBeUndefined();
    }
  });
});

forEachDialect('sign-in return path', ({ db }) => {
  let app: App;

  beforeAll(async () => {
    await importContentFiles(db(), clock, {
      files: {
        'innovators/hyperpark.md': `---\nname: HyperPark\ncountry: CN\nkind: startup\ncity: Shenzhen\nsectors: [automotive]\n---\nHyperPark builds parking robots.\n`,
      },
    });
    await createContact(db(), 'ana@maschinen.example.com', { name: 'Ana Maschinen GmbH', membership: 'active' });
    const de = await createContact(db(), 'bernd@maschinen.example.com', { name: 'Ana Maschinen GmbH', membership: 'active' });
    await db().updateTable('contacts').set({ language: 'de' }).where('id', '=', de).execute();
    for (let n = 0; n < 5; n++) await createContact(db(), `probe${n}@maschinen.example.com`, { name: 'Ana Maschinen GmbH', membership: 'active' });
    app = await createTestApp(db(), { clock });
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
  });

  /** The sign-in link (path and query) last mailed to `address`. */
  const linkFor = async (address: string) => {
    const raws = await outboxMessages(app);
    for (const raw of raws.reverse()) {
      const parsed = await simpleParser(raw);
      const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : parsed.to?.text ?? '';
      if (!to.includes(address)) continue;
      const match = /https?:\/\/[^\s"<>]*\/login\/[A-Za-z0-9_-]+(\?next=[^\s"<>]*)?/.exec(parsed.text ?? '');
      if (match) {
        const url = new URL(match[0]);
        return `${url.pathname}${url.search}`;
      }
    }
    throw new Error(`no sign-in link for ${address}`);
  };

  /** Asks for a link from `/login?next=…` as a browser would, and follows it to the confirm button. */
  const signIn = async (address: string, next: string, prefix = '') => {
    const page = await app.http.inject({ url: `${prefix}/login?next=${encodeURIComponent(next)}` });
    let cookie = cookiesFrom(page.headers['set-cookie']);
    const hidden = /name="next" value="([^"]*)"/.exec(decodeHtml(page.body))?.[1];
    const asked = await app.http.inject({ method: 'POST', url: `${prefix}/login`, headers: { cookie }, payload: { _csrf: csrfTokenIn(page.body), email: address, ...(hidden === undefined ? {} : { next: hidden }) } });
    expect(asked.statusCode).toBe(200);
    const link = await linkFor(address);
    const confirm = await app.http.inject({ url: link, headers: { cookie } });
    const field = /name="next" value="([^"]*)"/.exec(decodeHtml(confirm.body))?.[1];
    const done = await app.http.inject({ method: 'POST', url: link.split('?')[0]!, headers: { cookie }, payload: { _csrf: csrfTokenIn(confirm.body), ...(field === undefined ? {} : { next: field }) } });
    cookie = cookiesFrom(done.headers['set-cookie'], cookie);
    return { hidden, link, field, done, cookie };
  };

  it('links "Sign in to ask" to /login with the request form as next, in the reader\'s language', async () => {
    const profile = await app.http.inject({ url: '/innovators/hyperpark' });
    expect(decodeHtml(profile.body)).toContain(`href="/login?next=${encodeURIComponent(FORM)}"`);
    const german = await app.http.inject({ url: '/de/innovators/hyperpark/introduction' });
    expect(decodeHtml(german.body)).toContain(`href="/de/login?next=${encodeURIComponent(FORM)}"`);
  });

  it('carries next through the sign-in link and lands the member on the request form', async () => {
    const { hidden, link, field, done, cookie } = await signIn('ana@maschinen.example.com', FORM);
    expect(hidden).toBe(FORM);
    expect(link).toMatch(new RegExp(`^/login/[A-Za-z0-9_-]+\\?next=${encodeURIComponent(FORM)}$`));
    expect(field).toBe(FORM);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(FORM);
    const form = await app.http.inject({ url: FORM, headers: { cookie } });
    expect(form.body).toContain('name="purpose"');
    // Signed in, /login?next= goes straight there.
    const again = await app.http.inject({ url: `/login?next=${encodeURIComponent(FORM)}`, headers: { cookie } });
    expect(again.headers.location).toBe(FORM);
  });

  it('keeps the contact\'s language: a German contact lands on the German form', async () => {
    const { link, done } = await signIn('bernd@maschinen.example.com', `/de${FORM}`, '/de');
    expect(link).toMatch(/^\/de\/login\/[A-Za-z0-9_-]+\?next=/);
    expect(done.headers.location).toBe(`/de${FORM}`);
  });

  it('drops an unsafe next everywhere: the form, the link, the confirm button and the redirect', async () => {
    for (const [n, bad] of ['//evil.example/x', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)'].entries()) {
      const { hidden, link, field, done } = await signIn(`probe${n}@maschinen.example.com`, bad);
      expect(hidden).toBeUndefined();
      expect(link).not.toContain('next=');
      expect(field).toBeUndefined();
      expect(done.statusCode).toBe(303);
      expect(['/', '/account#consent-prompt']).toContain(done.headers.location);
    }
    // Posted straight to the link's confirm button, an unsafe next is ignored too.
    const page = await app.http.inject({ url: '/login' });
    const cookie = cookiesFrom(page.headers['set-cookie']);
    await app.http.inject({ method: 'POST', url: '/login', headers: { cookie }, payload: { _csrf: csrfTokenIn(page.body), email: 'probe4@maschinen.example.com' } });
    const link = await linkFor('probe4@maschinen.example.com');
    const confirm = await app.http.inject({ url: `${link}?next=${encodeURIComponent('//evil.example')}`, headers: { cookie } });
    expect(decodeHtml(confirm.body)).not.toContain('evil.example');
    const done = await app.http.inject({ method: 'POST', url: link, headers: { cookie }, payload: { _csrf: csrfTokenIn(confirm.body), next: '//evil.example' } });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).not.toContain('evil');
  });
});
