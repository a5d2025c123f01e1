import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, destroyTestApp } from '../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase, ENGINES } from '../../test/support/databases.js';
import { deliveryEnv, seedContacts, seedIssue, sendThroughSink, senderDeps } from '../../test/support/delivery.js';
import { startSmtpSink } from '../../test/support/smtp-sink.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import type { App } from '../app.js';
import { recordConsent } from '../consent/consent.service.js';
import type { Database } from '../db/database.js';
import { createSend } from '../delivery/engine/deliveries.service.js';
import { runDelivery } from '../delivery/engine/sender.js';
import { emailKey } from '../members/members.js';
import { createMailTransport } from '../mail/transport.js';
import { exportPersonalData } from '../privacy/export.service.js';
import { eraseAddress } from '../privacy/erasure.service.js';
import { DEFAULT_SETTINGS } from '../settings/settings.js';
import { storeSettings } from '../settings/settings.service.js';
import { clickToken, readClickToken } from './engagement.js';
import { deliveryEngagement, organizationsReadByCompany, trackingKey } from './engagement.service.js';

// Click tracking end to end, on SQLite and PGlite: a real send through a local SMTP server, the
// links in each received message, and the real app answering `/r/<token>` over HTTP.

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleEngine/1.0 Firefox/128.0';

const received = sendThroughSink;

const clickLinks = (html: string) => [...html.matchAll(/href="(http:\/\/insights\.test(?:\/(?:de|zh))?\/r\/[^"]+)"/g)].map((m) => m[1]!);
const pathOf = (url: string) => new URL(url).pathname;

describe.each(ENGINES)('click tracking [%s]', (engine) => {
  let db: Database;
  let app: App;
  let at = Date.now() + 3600_000;
  const clock = { now: () => new Date(at) };
  let full: Awaited<ReturnType<typeof received>>;
  let slug: string;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    slug = await seedIssue(db, 2026, 'fall');
    await seedContacts(db, { members: 3, subscribers: 2, prefix: 'click', languages: ['en', 'de', 'zh'] });
    const consenting = await db.selectFrom('contacts').select('id').where('email_key', '=', emailKey('click-member-0@members.test')).executeTakeFirstOrThrow();
    await recordConsent(db, clock, { contactId: consenting.id, purpose: 'engagement_tracking', action: 'confirmed', kind: 'desk', source: 'test' });
    await storeSettings(db, clock, {}, { ...DEFAULT_SETTINGS, tracking: true });
    full = await received(db, slug, 'full');
    app = await createTestApp(db, { clock });
  }, 120_000);
  afterAll(async () => {
    await destroyTestApp(app);
    await destroyTestDatabase(db);
  });

  const get = (url: string, options: { ua?: string; ip?: string; method?: 'GET' | 'HEAD' } = {}) =>
    app.http.inject({ method: options.method ?? 'GET', url: pathOf(url), remoteAddress: options.ip ?? '10.1.0.1', headers: { 'user-agent': options.ua ?? BROWSER } });

  it('numbers links once per edition and language: every recipient has their own tokens in both parts, never on unsubscribe or preference links', async () => {
    expect(full.messages).toHaveLength(3);
    const tokens = new Set<string>();
    for (const { parsed } of full.messages) {
      const html = String(parsed.html);
      const links = clickLinks(html);
      expect(links.length).toBeGreaterThan(1);
      for (const link of links) tokens.add(link);
      expect(html).toMatch(/href="http:\/\/insights\.test(\/(de|zh))?\/unsubscribe\/\d+-\d+-[0-9a-f]+"/);
      expect(html).toMatch(/href="http:\/\/insights\.test(\/(de|zh))?\/account"/);
      expect(parsed.text).toMatch(/\/r\/\d+-\d+-\d+-[0-9a-f]{20}/);
      expect(parsed.text).not.toMatch(/\/r\/[^\s]*unsubscribe/);
    }
    // Three recipients, each with distinct tokens.
    expect(tokens.size).toBeGreaterThanOrEqual(6);
    const languages = await db.selectFrom('delivery_links').select('language').distinct().where('delivery_id', '=', full.deliveryId).execute();
    expect(languages.map((row) => row.language).sort()).toEqual(['de', 'en', 'zh']);
  });

  it('a human click redirects to the story and is counted once per address (a reload is not a second click)', async () => {
    const message = full.messages.find((m) => m.to === 'click-member-1@members.test')!;
    const storyLink = clickLinks(String(message.parsed.html))[0]!;
    const before = await deliveryEngagement(db, full.deliveryId);
    at += 1000;
    const first = await get(storyLink, { ip: '10.2.0.1' });
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toMatch(/^http:\/\/insights\.test\/de\/stories\/2026-fall-story$/);
    at += 1000;
    expect((await get(storyLink, { ip: '10.2.0.1' })).statusCode).toBe(302);
    const after = await deliveryEngagement(db, full.deliveryId);
    expect(after.human).toBe(before.human + 1);
    const counted = await db.selectFrom('link_clicks').select((eb) => eb.fn.countAll<number>().as('n')).where('delivery_id', '=', full.deliveryId).where('human', '=', 1).executeTakeFirstOrThrow();
    expect(after.human).toBe(Number(counted.n));
    // Not consenting: no per-contact row.
    expect(await db.selectFrom('contact_clicks').selectAll().execute()).toEqual([]);
  });

  it('a tampered token is a 404, never a redirect; a link that is gone is a 410 with a link to the issue', async () => {
    const link = clickLinks(String(full.messages[0]!.parsed.html))[0]!;
    const tampered = link.replace(/[0-9a-f]$/, (c) => (c === '0' ? '1' : '0'));
    const forged = await get(tampered);
    expect(forged.statusCode).toBe(404);
    expect(forged.headers.location).toBeUndefined();
    const key = await trackingKey(db, undefined, clock);
    const token = readClickToken(key, pathOf(link).split('/').pop()!)!;
    const gone = await app.http.inject({ url: `/r/${clickToken(key, { ...token, index: 9999 })}`, headers: { 'user-agent': BROWSER } });
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain(`href="/issues/${slug}"`);
    // Signed with SECRET_KEY instead of the tracking key: forged.
    const other = clickToken('test-secret-key-that-is-long-enough-0123456789', token);
    expect((await get(`http://insights.test/r/${other}`)).statusCode).toBe(404);
  });

  it('HEAD requests, clicks within seconds of delivery and known scanners are counted apart as machines', async () => {
    const links = clickLinks(String(full.messages.find((m) => m.to === 'click-member-2@members.test')!.parsed.html));
    const before = await deliveryEngagement(db, full.deliveryId);
    at += 60_000;
    expect((await get(links[0]!, { method: 'HEAD', ip: '10.3.0.1' })).statusCode).toBe(302);
    expect((await get(links[0]!, { ua: 'Mozilla/5.0 (compatible; Barracuda Sentinel)', ip: '10.3.0.2' })).statusCode).toBe(302);
    expect((await get(links[0]!, { ua: '', ip: '10.3.0.3' })).statusCode).toBe(302);
    const after = await deliveryEngagement(db, full.deliveryId);
    expect(after.human).toBe(before.human);
    expect(after.machine).toBe(before.machine + 3);
    expect(after.machineByReason.head).toBe(before.machineByReason.head + 1);
    expect(after.machineByReason.scanner).toBe(before.machineByReason.scanner + 2);
    // A click right after the message was accepted.
    const row = await db.selectFrom('delivery_recipients').select(['sent_at']).where('delivery_id', '=', full.deliveryId).where('email_key', '=', 'click-member-2@members.test').executeTakeFirstOrThrow();
    const saved = at;
    at = Date.parse(row.sent_at!) + 2000;
    await get(links[1]!, { ip: '10.3.0.4' });
    at = saved;
    expect((await deliveryEngagement(db, full.deliveryId)).machineByReason.early).toBe(before.machineByReason.early + 1);
  });

  it('a seeded scanner burst across many links from one address leaves the human-click figure unchanged', async () => {
    const links = clickLinks(String(full.messages.find((m) => m.to === 'click-member-1@members.test')!.parsed.html));
    const before = await deliveryEngagement(db, full.deliveryId);
    at += 60_000;
    // A gateway with a browser's user agent opening every link within a second.
    for (const link of links) {
      at += 100;
      expect((await get(link, { ip: '10.4.0.9' })).statusCode).toBe(302);
    }
    const after = await deliveryEngagement(db, full.deliveryId);
    expect(after.human).toBe(before.human);
    expect(after.machineByReason.burst).toBe(before.machineByReason.burst + links.length);
  });

  it('a flood corrupts no figure: one address hammering one link writes one click, and too many links from one address stop being written', async () => {
    const links = clickLinks(String(full.messages.find((m) => m.to === 'click-member-1@members.test')!.parsed.html));
    at += 3600_000 * 3;
    const before = await db.selectFrom('link_clicks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (let i = 0; i < 40; i++) {
      at += 5;
      await get(links[0]!, { ip: '10.5.0.1' });
    }
    const after = await db.selectFrom('link_clicks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);
    const guards = await db.selectFrom('click_guards').select(['source_hash']).execute();
    expect(JSON.stringify(guards)).not.toContain('10.5.0.1');
  });

  it('a consenting contact’s clicks are recorded per contact, exported and erased with them; the counts stay', async () => {
    const message = full.messages.find((m) => m.to === 'click-member-0@members.test')!;
    const link = clickLinks(String(message.parsed.html))[0]!;
    at += 3600_000;
    expect((await get(link, { ip: '10.6.0.1' })).statusCode).toBe(302);
    const rows = await db.selectFrom('contact_clicks').selectAll().execute();
    expect(rows).toHaveLength(1);
    const exported = await exportPersonalData(db, clock, 'test-erasure-key-that-is-long-enough-9876543210', 'click-member-0@members.test', SYSTEM_ACTOR);
    expect(exported.sections.newsletterClicks).toHaveLength(1);
    // The stories the company's consenting contacts clicked name their organisations (suggestions, issue 17).
    const now = clock.now().toISOString();
    const org = await db.insertInto('organizations').values({ slug: 'hyper-org', name: 'Hyper Org', name_key: 'hyper org', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    const story = await db.selectFrom('stories').select(['id', 'title']).where('slug', '=', `${slug}-story`).executeTakeFirstOrThrow();
    await db.insertInto('story_organizations').values({ story_id: story.id, position: 1, name: 'Hyper Org', organization_id: org.id }).execute();
    const company = await db.selectFrom('contacts').select('company_id').where('email_key', '=', 'click-member-0@members.test').executeTakeFirstOrThrow();
    expect(link).toMatch(new RegExp(`/r/\\d+-\\d+-${(await db.selectFrom('delivery_links').select('link_index').where('delivery_id', '=', full.deliveryId).where('language', '=', 'en').where('item_kind', '=', 'story').orderBy('link_index').executeTakeFirstOrThrow()).link_index}-`));
    expect(await organizationsReadByCompany(db, company.company_id!)).toEqual(new Map([['hyper-org', [story.title]]]));
    const humanBefore = (await deliveryEngagement(db, full.deliveryId)).human;
    await eraseAddress({ db, clock, erasureKey: 'test-erasure-key-that-is-long-enough-9876543210', outboxDir: null }, 'click-member-0@members.test', SYSTEM_ACTOR);
    expect(await db.selectFrom('contact_clicks').selectAll().execute()).toEqual([]);
    expect((await deliveryEngagement(db, full.deliveryId)).human).toBe(humanBefore);
    expect(await organizationsReadByCompany(db, company.company_id!)).toEqual(new Map());
  });

  it('with click counting switched off for the site, links go direct', async () => {
    await storeSettings(db, clock, {}, { ...DEFAULT_SETTINGS, clickTracking: false });
    try {
      const teaser = await received(db, slug, 'teaser');
      for (const { parsed } of teaser.messages) {
        expect(clickLinks(String(parsed.html))).toEqual([]);
        expect(String(parsed.html)).toContain(`href="http://insights.test`);
      }
      expect((await deliveryEngagement(db, teaser.deliveryId)).tracked).toBe(false);
    } finally {
      await storeSettings(db, clock, {}, { ...DEFAULT_SETTINGS, tracking: true });
    }
  });
});
