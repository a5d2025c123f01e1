import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { cookiesFrom, createTestApp, csrfTokenIn, destroyTestApp, lastLinkInOutbox, outboxMessages, visibleText } from '../../test/support/app.js';
import { createContact, signInMember } from '../../test/support/people.js';
import { importContentFiles } from '../../test/support/content.js';
import type { Clock } from '../lib/clock.js';

// Member sign-in by magic link: one answer for every address, single use, 15-minute expiry,
// a confirm button that link scanners cannot trigger, limits per address and per client, and
// what members, non-members and the public each see.

/** A clock the test moves forward. */
function movableClock(start: string): Clock & { advance(ms: number): void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

const MEMBERS_ONLY = 'Sample analysis for members';
const STORY = '/stories/bertelsmann-usd-700m-china-startups';

/** The one story and the published issue showing it that the audience checks read. */
const CONTENT = {
  fromDemo: ['stories/bertelsmann-usd-700m-china-startups.md'],
  files: {
    'issues/2023-spring.md': [
      '---', 'title: 2023 Spring Issue', 'season: spring', 'year: 2023', 'status: published', 'published_at: 2023-04-01T08:00:00Z',
      'sections:', '  - kind: landscape', "    heading: China's Innovation Landscape", '    items:', '      - label: Story 1', '        story: bertelsmann-usd-700m-china-startups',
      '---', 'The issue intro for everyone.', '',
    ].join('\n'),
  },
};

forEachDialect('member sign-in', ({ db }) => {
  let app: App;
  const clock = movableClock('2026-11-28T12:00:00Z');

  beforeAll(async () => {
    await importContentFiles(db(), clock, CONTENT);
    await createContact(db(), 'mia@member.example', { name: 'Member Maschinenbau GmbH', membership: 'active' });
    await createContact(db(), 'lars@lapsed.example', { name: 'Lapsed Logistik AG', membership: 'lapsed' });
    await createContact(db(), 'rita@reader.example', null);
    app = await createTestApp(db(), { clock });
  });
  afterAll(() => destroyTestApp(app));

  async function askForLink(email: string, client = '10.0.0.1') {
    const page = await app.http.inject({ url: '/login', remoteAddress: client });
    const cookie = cookiesFrom(page.headers['set-cookie']);
    return app.http.inject({ method: 'POST', url: '/login', remoteAddress: client, headers: { cookie }, payload: { _csrf: csrfTokenIn(page.body), email } });
  }

  it('answers the same way for known and unknown addresses, and mails only known ones', async () => {
    const before = (await outboxMessages(app)).length;
    const known = await askForLink('MIA@member.example', '10.0.1.1');
    const unknown = await askForLink('nobody@nowhere.example', '10.0.1.2');
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(visibleText(known.body).replace('MIA@member.example', 'X')).toBe(visibleText(unknown.body).replace('nobody@nowhere.example', 'X'));
    expect((await outboxMessages(app)).length).toBe(before + 1);
    expect(await lastLinkInOutbox(app, 'mia@member.example', '/login/')).toMatch(/^\/login\/[A-Za-z0-9_-]{43}$/);
  });

  it('re-renders the form with the input when the address is malformed', async () => {
    const response = await askForLink('not an address', '10.0.1.3');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('value="not an address"');
    expect(visibleText(response.body)).toContain('Enter your email address');
  });

  it('shows a confirm button on GET (scanners consume nothing), signs in once on POST, and refuses a replay', async () => {
    await askForLink('mia@member.example', '10.0.2.1');
    const link = await lastLinkInOutbox(app, 'mia@member.example', '/login/')!;
    const first = await app.http.inject({ url: link });
    const second = await app.http.inject({ url: link });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(first.body).toContain(`action="${link}"`);
    expect(first.headers['set-cookie']).not.toContain('ii_member');

    const cookie = cookiesFrom(second.headers['set-cookie']);
    const confirmed = await app.http.inject({ method: 'POST', url: link, headers: { cookie }, payload: { _csrf: csrfTokenIn(second.body) } });
    expect(confirmed.statusCode).toBe(303);
    const session = String(confirmed.headers['set-cookie']);
    expect(session).toMatch(/ii_member=[^;]+;.*HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).not.toMatch(/Secure/i);

    const replay = await app.http.inject({ method: 'POST', url: link, headers: { cookie }, payload: { _csrf: csrfTokenIn(second.body) } });
    expect(replay.statusCode).toBe(400);
    expect(visibleText(replay.body)).toContain('already been used');
    expect(replay.headers['set-cookie'] ?? '').not.toContain('ii_member');
    expect((await app.http.inject({ url: link })).statusCode).toBe(400);
  });

  it('refuses a wrong token and a token that expired after 15 minutes', async () => {
    const wrong = await app.http.inject({ url: '/login/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(wrong.statusCode).toBe(400);
    expect(visibleText(wrong.body)).toContain('not valid');

    await askForLink('mia@member.example', '10.0.3.1');
    const link = await lastLinkInOutbox(app, 'mia@member.example', '/login/')!;
    clock.advance(14 * 60_000);
    const stillValid = await app.http.inject({ url: link });
    expect(stillValid.statusCode).toBe(200);
    clock.advance(60_000 + 1);
    const page = await app.http.inject({ url: link });
    expect(page.statusCode).toBe(400);
    expect(visibleText(page.body)).toContain('expired');
    const cookie = cookiesFrom(stillValid.headers['set-cookie']);
    const late = await app.http.inject({ method: 'POST', url: link, headers: { cookie }, payload: { _csrf: csrfTokenIn(stillValid.body) } });
    expect(late.statusCode).toBe(400);
    expect(late.headers['set-cookie'] ?? '').not.toContain('ii_member=');
  });

  it('limits links per address silently and per client visibly', async () => {
    clock.advance(2 * 3600_000);
    const before = (await outboxMessages(app)).length;
    for (let i = 0; i < 7; i++) {
      const response = await askForLink('rita@reader.example', `10.0.4.${i}`);
      expect(response.statusCode).toBe(200);
    }
    // Five per hour per address: the sixth and seventh answer alike but send nothing.
    expect((await outboxMessages(app)).length).toBe(before + 5);

    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await askForLink(`someone${i}@nowhere.example`, '10.0.5.5')).statusCode);
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
    // Limits count a client's /24 network (rate-limit keys hold no IP address): a neighbour in
    // it shares the limit, another network is not affected.
    expect((await askForLink('someone@nowhere.example', '10.0.5.6')).statusCode).toBe(429);
    expect((await askForLink('someone@nowhere.example', '10.0.6.5')).statusCode).toBe(200);
  });

  it('shows members the full text, a non-member the teaser with a note, and the public the teaser', async () => {
    clock.advance(2 * 3600_000);
    const anonymous = await app.http.inject({ url: STORY });
    expect(anonymous.body).not.toContain(MEMBERS_ONLY);
    expect(anonymous.headers['cache-control']).toContain('public');

    const member = await signInMember(app, 'mia@member.example');
    const full = await app.http.inject({ url: STORY, headers: { cookie: member } });
    expect(full.body).toContain(MEMBERS_ONLY);
    expect(full.headers['cache-control']).toBe('private, no-store');
    expect(visibleText(full.body)).toContain('Your account');
    const issue = await app.http.inject({ url: '/issues/2023-spring', headers: { cookie: member } });
    expect(issue.body).toContain(MEMBERS_ONLY);

    // The cached public page is unchanged by the member's visit.
    expect((await app.http.inject({ url: STORY })).body).not.toContain(MEMBERS_ONLY);

    const lapsed = await signInMember(app, 'lars@lapsed.example');
    const teaser = await app.http.inject({ url: STORY, headers: { cookie: lapsed } });
    expect(teaser.body).not.toContain(MEMBERS_ONLY);
    expect(visibleText(teaser.body)).toContain('Lapsed Logistik AG is not a current member');

    const reader = await signInMember(app, 'rita@reader.example');
    const readerPage = await app.http.inject({ url: STORY, headers: { cookie: reader } });
    expect(readerPage.body).not.toContain(MEMBERS_ONLY);
    expect(visibleText(readerPage.body)).toContain('not linked to a member company');

    // Feeds and the sitemap never personalise, whoever asks.
    expect((await app.http.inject({ url: '/feed.xml', headers: { cookie: member } })).body).not.toContain(MEMBERS_ONLY);
  });

  it('signs out: the session ends on the server, not only in the browser', async () => {
    const member = await signInMember(app, 'mia@member.example');
    const page = await app.http.inject({ url: '/account', headers: { cookie: member } });
    const out = await app.http.inject({ method: 'POST', url: '/logout', headers: { cookie: member }, payload: { _csrf: csrfTokenIn(page.body) } });
    expect(out.statusCode).toBe(303);
    // Replaying the old cookie gets the public page.
    const after = await app.http.inject({ url: STORY, headers: { cookie: member } });
    expect(after.body).not.toContain(MEMBERS_ONLY);
    expect((await app.http.inject({ url: '/account', headers: { cookie: member } })).statusCode).toBe(303);
  });

  it('marks the session cookie Secure when the site is served over https', async () => {
    const secure = await createTestApp(db(), { clock, siteUrl: 'https://insights.example.org' });
    try {
      const cookie = await signInMemberCookieHeader(secure, 'mia@member.example');
      expect(cookie).toMatch(/ii_member=.*Secure/i);
    } finally {
      await destroyTestApp(secure);
    }
  });
});

/** The raw set-cookie header of a completed sign-in. */
async function signInMemberCookieHeader(app: App, email: string): Promise<string> {
  const page = await app.http.inject({ url: '/login' });
  const cookie = cookiesFrom(page.headers['set-cookie']);
  await app.http.inject({ method: 'POST', url: '/login', headers: { cookie }, payload: { _csrf: csrfTokenIn(page.body), email } });
  const link = await lastLinkInOutbox(app, email, '/login/')!;
  const confirm = await app.http.inject({ url: link, headers: { cookie } });
  const done = await app.http.inject({ method: 'POST', url: link, headers: { cookie }, payload: { _csrf: csrfTokenIn(confirm.body) } });
  return String(done.headers['set-cookie']);
}
