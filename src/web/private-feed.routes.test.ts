import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import type { App } from '../app.js';
import { fixedClock } from '../lib/clock.js';
import { hashToken } from '../lib/tokens.js';
import { eraseAddress } from '../privacy/erasure.service.js';
import { exportPersonalData } from '../privacy/export.service.js';
import { createTestApp, csrfTokenIn, decodeHtml, destroyTestApp, TEST_ERASURE_KEY, TEST_SITE_URL } from '../../test/support/app.js';
import { importContentFiles } from '../../test/support/content.js';
import { forEachDialect } from '../../test/support/databases.js';
import { createContact, signInMember } from '../../test/support/people.js';

// The private full-text feed over HTTP (docs/feeds.md, "Private feed"): made, rotated and revoked
// on the account page; the feed carries the members-only text for its token alone, answers 404 for
// any other token and once the company lapsed or the contact was erased, is never
// cached or indexed, and no log line shows its token.

const CLOCK = fixedClock('2026-11-28T12:00:00Z');
const SECRET = 'Members-only analysis of the battery market';
const TEASER = 'Public teaser of the battery story';
const MEMBER = 'reader@member-feed.example';

const files = {
  'stories/battery-story.md': `---\ntitle: Battery story\nkind: news\n---\n${TEASER}.\n\n<!-- members-only -->\n${SECRET}.\n`,
  'issues/2026-fall.md': `---\ntitle: 2026 Fall Issue\nseason: fall\nyear: 2026\nstatus: published\npublished_at: 2026-10-01T08:00:00Z\nsections:\n  - kind: landscape\n    heading: Landscape\n    items:\n      - label: Story 1\n        story: battery-story\n---\nThe fall intro.\n\n<!-- members-only -->\nThe fall intro for members.\n`,
  'issues/2026-summer.md': `---\ntitle: 2026 Summer Issue\nseason: summer\nyear: 2026\nstatus: published\npublished_at: 2026-07-01T08:00:00Z\nsections: []\n---\nThe summer intro.\n`,
  'issues/2026-winter.md': `---\ntitle: 2026 Winter Issue\nseason: winter\nyear: 2026\nstatus: draft\nsections: []\n---\nA draft nobody reads yet.\n`,
};

forEachDialect('private feed', ({ db }) => {
  let app: App;
  let member: string;
  let contactId: number;
  const logLines: string[] = [];

  beforeAll(async () => {
    await importContentFiles(db(), CLOCK, { files });
    app = await createTestApp(db(), { clock: CLOCK, config: { logLevel: 'error' }, logStream: { write: (line) => logLines.push(line) } });
    contactId = await createContact(db(), MEMBER, { name: 'Feed Member GmbH', membership: 'active' });
    member = await signInMember(app, MEMBER);
  });
  afterAll(async () => {
    await destroyTestApp(app);
  });

  const get = (url: string, cookie?: string) => app.http.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const post = async (path: string, cookie: string, from = '/account') => {
    const page = await get(from, cookie);
    return app.http.inject({ method: 'POST', url: path, headers: { cookie }, payload: { _csrf: csrfTokenIn(page.body) } });
  };
  /** Presses "Create feed link" (or "Rotate") and reads the address the answer shows once. */
  const makeLink = async (cookie = member, from = '/account') => {
    const action = from.startsWith('/de') ? '/de/account/private-feed' : '/account/private-feed';
    const response = await post(action, cookie, from);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
    const url = decodeHtml(/id="private-feed-url"[^>]*value="([^"]+)"/.exec(response.body)?.[1] ?? '');
    expect(url.startsWith(`${TEST_SITE_URL}/`), response.body.slice(0, 300)).toBe(true);
    return { path: url.slice(TEST_SITE_URL.length), body: response.body, token: /\/feeds\/private\/([^/]+)\.xml$/.exec(url)![1]! };
  };
  const expectNoFeed = async (path: string) => {
    const response = await get(path);
    expect(response.statusCode, path).toBe(404);
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toContain('The fall intro for members');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['x-robots-tag']).toBe('noindex');
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.body).toContain(`${TEST_SITE_URL}/account`);
  };

  it('offers a member the link on the account page, and shows its address once, in the answer that made it', async () => {
    const account = await get('/account', member);
    expect(account.body).toContain('Your private feed');
    expect(account.body).toContain('You have no feed link yet.');
    expect(account.body).toMatch(/action="\/account\/private-feed"/);
    expect(account.body).not.toMatch(/action="\/account\/private-feed\/revoke"/);

    const { path, body, token } = await makeLink();
    expect(body).toContain('Here is your new feed link.');
    expect(body).not.toContain('Your earlier feed link has stopped working.');
    // Only the hash is stored; afterwards the page says that a link exists, never what it is.
    const row = await db().selectFrom('private_feeds').selectAll().where('contact_id', '=', contactId).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const later = await get('/account', member);
    expect(later.body).toContain('You have a feed link, made on 28 November 2026.');
    expect(later.body).not.toContain(token);
    expect(later.body).toMatch(/action="\/account\/private-feed\/revoke"/);
    expect(path).toBe(`/feeds/private/${token}.xml`);
  });

  it('serves the full text, members-only parts included, of the public issues /feed.xml lists, never cached, never indexed', async () => {
    const { path } = await makeLink();
    app.pageCache.clear();
    const response = await get(path);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['x-robots-tag']).toBe('noindex');
    expect(response.headers.etag).toBeUndefined();
    const body = decodeHtml(response.body);
    expect(body).toContain(SECRET);
    expect(body).toContain('The fall intro for members.');
    expect(body).toContain(TEASER);
    // Links are absolute; the story's heading links its page.
    expect(body).toContain(`href="${TEST_SITE_URL}/stories/battery-story"`);
    expect(response.body).toContain(`<link rel="self" type="application/atom+xml" href="${TEST_SITE_URL}${path}"/>`);
    // Rendered per request: the page cache holds nothing for it (a public feed does enter it).
    expect(app.pageCache.size).toBe(0);
    const ids = (xml: string) => [...xml.matchAll(/<entry><title>[^<]*<\/title><id>([^<]+)<\/id>/g)].map((match) => match[1]);
    const publicFeed = await get('/feed.xml');
    expect(app.pageCache.size).toBe(1);
    expect(publicFeed.body).not.toContain(SECRET);
    // The same entries as the public feed, newest first: the draft is in neither.
    expect(ids(response.body)).toEqual(ids(publicFeed.body));
    expect(ids(response.body)).toEqual([`${TEST_SITE_URL}/issues/2026-fall`, `${TEST_SITE_URL}/issues/2026-summer`]);
    // A page past the last is the same 404 as a bad token.
    await expectNoFeed(`${path}?page=2`);
  });

  it('serves the feed in German under /de, the link made on the German account page', async () => {
    const { path } = await makeLink(member, '/de/account');
    expect(path.startsWith('/de/feeds/private/')).toBe(true);
    const response = await get(path);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-language']).toBe('de');
    expect(response.body).toContain('xml:lang="de"');
    expect(response.body).toContain(`${TEST_SITE_URL}/de/issues/2026-fall`);
    expect(decodeHtml(response.body)).toContain(SECRET);
  });

  it('rotating stops the old token at once; revoking stops the link', async () => {
    const first = await makeLink();
    expect((await get(first.path)).statusCode).toBe(200);
    const second = await makeLink();
    expect(second.body).toContain('Your earlier feed link has stopped working.');
    expect(second.token).not.toBe(first.token);
    await expectNoFeed(first.path);
    expect((await get(second.path)).statusCode).toBe(200);
    expect(await db().selectFrom('private_feeds').select('token_hash').where('contact_id', '=', contactId).execute()).toEqual([{ token_hash: hashToken(second.token) }]);

    const revoked = await post('/account/private-feed/revoke', member);
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe('/account?feed=revoked#private-feed');
    await expectNoFeed(second.path);
    const account = await get('/account?feed=revoked', member);
    expect(account.body).toContain('Your feed link is revoked and no longer works.');
    expect(account.body).toContain('You have no feed link yet.');
    const activity = await db().selectFrom('activity').select('detail').where('action', '=', 'contact.private_feed').where('subject_id', '=', contactId).orderBy('id').execute();
    expect(activity.map((row) => row.detail).slice(-3)).toEqual(['rotated', 'rotated', 'revoked']);
  });

  it('answers the same 404 for tokens that are wrong, made up or of the wrong shape', async () => {
    const { token } = await makeLink();
    for (const wrong of ['x'.repeat(43), `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, 'short', 'x'.repeat(99), '%27%20OR%201%3D1', token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase()]) {
      await expectNoFeed(`/feeds/private/${wrong}.xml`);
    }
    expect((await get(`/feeds/private/${token}.json`)).statusCode).toBe(404);
  });

  it('stops while the company has lapsed or the contact does not receive the newsletter, and again works when restored', async () => {
    const { path } = await makeLink();
    const companyId = (await db().selectFrom('contacts').select('company_id').where('id', '=', contactId).executeTakeFirstOrThrow()).company_id!;
    await db().updateTable('companies').set({ membership: 'lapsed' }).where('id', '=', companyId).execute();
    await expectNoFeed(path);
    // The account page no longer offers a link and the button is refused.
    const account = await get('/account', member);
    expect(account.body).toContain('The private feed with the full text is for contacts of member companies.');
    expect(account.body).not.toMatch(/action="\/account\/private-feed"/);
    expect((await post('/account/private-feed', member)).statusCode).toBe(403);
    await db().updateTable('companies').set({ membership: 'active' }).where('id', '=', companyId).execute();
    expect((await get(path)).statusCode).toBe(200);

    // Unsubscribing from the email keeps the feed: it is the other way to read.
    await db().updateTable('contacts').set({ subscribed: 0 }).where('id', '=', contactId).execute();
    expect((await get(path)).statusCode).toBe(200);
  });

  it('logs a failing request with its token redacted', async () => {
    const { path, token } = await makeLink();
    logLines.length = 0;
    // The feed's table gone for a moment: the lookup fails, the error handler logs a 500.
    await db().schema.alterTable('private_feeds').renameTo('private_feeds_away').execute();
    try {
      const response = await get(path);
      expect(response.statusCode).toBe(500);
    } finally {
      await db().schema.alterTable('private_feeds_away').renameTo('private_feeds').execute();
    }
    const failed = logLines.filter((line) => line.includes('request failed'));
    expect(failed).toHaveLength(1);
    expect(JSON.parse(failed[0]!)).toMatchObject({ route: '/feeds/private/:token.xml', req: { method: 'GET', url: '/feeds/private/[redacted].xml' } });
    expect(logLines.join('\n')).not.toContain(token);
    expect(logLines.join('\n')).not.toContain(hashToken(token));
    expect((await get(path)).statusCode).toBe(200);
  });

  it('exports that a link exists without its token, and erasure deletes it', async () => {
    const { path, token } = await makeLink();
    const exported = await exportPersonalData(db(), CLOCK, TEST_ERASURE_KEY, MEMBER, SYSTEM_ACTOR);
    expect(exported.sections.privateFeed).toEqual([{ contact_id: contactId, created_at: '2026-11-28T12:00:00.000Z' }]);
    expect(JSON.stringify(exported)).not.toContain(token);
    expect(JSON.stringify(exported)).not.toContain(hashToken(token));
    const report = await eraseAddress({ db: db(), clock: CLOCK, erasureKey: TEST_ERASURE_KEY, outboxDir: app.services.transport.outboxDir }, MEMBER, SYSTEM_ACTOR);
    expect(report.counts).toContainEqual({ entry: 'private_feeds', action: 'delete', count: 1 });
    expect(await db().selectFrom('private_feeds').selectAll().execute()).toEqual([]);
    await expectNoFeed(path);
  });

  it('offers no link to a contact without a member company', async () => {
    await createContact(db(), 'subscriber@public-feed.example', null);
    const cookie = await signInMember(app, 'subscriber@public-feed.example');
    const account = await get('/account', cookie);
    expect(account.body).toContain('The private feed with the full text is for contacts of member companies.');
    expect(account.body).not.toMatch(/action="\/account\/private-feed/);
    expect((await post('/account/private-feed', cookie)).statusCode).toBe(403);
  });
});
