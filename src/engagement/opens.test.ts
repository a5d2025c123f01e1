import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, destroyTestApp, visibleText } from '../../test/support/app.js';
import { signInDesk } from '../../test/support/desk.js';
import { queuedMail } from '../../test/support/mail.js';
import { signInMember } from '../../test/support/people.js';
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
import { DEFAULT_SETTINGS, SETTING_KEYS } from '../settings/settings.js';
import { getSiteSettings, storeSettings } from '../settings/settings.service.js';
import { OPEN_PIXEL } from './engagement.js';
import { deliveryOpens } from './engagement.service.js';

// The optional open pixel end to end, on SQLite and PGlite: off by default (no pixel), on → one
// 1×1 image per HTML part (never the text part), `/o/<token>` answering the same GIF whatever
// happens, one count per delivery and recipient, `contact_opens` only with consent.

const received = sendThroughSink;

const PIXEL = /<img src="(http:\/\/insights\.test\/o\/[^"]+)" width="1" height="1" alt=""/g;
const pixels = (html: string) => [...html.matchAll(PIXEL)].map((m) => new URL(m[1]!).pathname);

describe.each(ENGINES)('the open pixel [%s]', (engine) => {
  let db: Database;
  let app: App;
  const clock = { now: () => new Date() };
  let teaser: Awaited<ReturnType<typeof received>>;
  let full: Awaited<ReturnType<typeof received>>;
  let consentingId: number;

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    const slug = await seedIssue(db, 2026, 'fall');
    await seedContacts(db, { members: 3, subscribers: 2, prefix: 'open', languages: ['en', 'de', 'zh'] });
    consentingId = (await db.selectFrom('contacts').select('id').where('email_key', '=', emailKey('open-member-0@members.test')).executeTakeFirstOrThrow()).id;
    await recordConsent(db, clock, { contactId: consentingId, purpose: 'engagement_tracking', action: 'confirmed', kind: 'desk', source: 'test' });
    await storeSettings(db, clock, {}, { ...DEFAULT_SETTINGS, tracking: true });
    teaser = await received(db, slug, 'teaser');
    await storeSettings(db, clock, {}, { ...DEFAULT_SETTINGS, tracking: true, openTracking: true });
    full = await received(db, slug, 'full');
    app = await createTestApp(db, { clock });
  }, 120_000);
  afterAll(async () => {
    await destroyTestApp(app);
    await destroyTestDatabase(db);
  });

  const opens = async (deliveryId: number) => (await deliveryOpens(db, {}, deliveryId)).opens;
  const contactOpens = async () => (await db.selectFrom('contact_opens').selectAll().execute()).map((r) => ({ contact: r.contact_id, delivery: r.delivery_id }));
  const load = (path: string) => app.http.inject({ url: path, remoteAddress: '10.2.0.1', headers: { 'user-agent': 'Mozilla/5.0' } });

  it('is off by default: no pixel in the HTML', () => {
    expect(DEFAULT_SETTINGS.openTracking).toBe(false);
    expect(teaser.messages.length).toBeGreaterThan(0);
    for (const { parsed } of teaser.messages) {
      expect(String(parsed.html)).not.toContain('/o/');
      expect(String(parsed.html)).toContain('/r/');
    }
  });

  it('when on, puts one pixel of its own at the end of every HTML part in every language, none in the text part', () => {
    expect(full.messages).toHaveLength(3);
    const seen = new Set<string>();
    for (const { parsed } of full.messages) {
      const html = String(parsed.html);
      const found = pixels(html);
      expect(found).toHaveLength(1);
      seen.add(found[0]!);
      expect(html.indexOf(found[0]!)).toBeGreaterThan(html.lastIndexOf('/unsubscribe/'));
      expect(String(parsed.text)).not.toContain('/o/');
      expect(html).not.toMatch(/[\uE000\uE001]/);
    }
    expect(seen.size).toBe(3);
  });

  it('answers a transparent GIF, never cached, and counts one open; contact_opens only for the consenting contact', async () => {
    const mine = pixels(String(full.messages.find((m) => m.to === 'open-member-0@members.test')!.parsed.html))[0]!;
    const other = pixels(String(full.messages.find((m) => m.to === 'open-member-1@members.test')!.parsed.html))[0]!;
    expect(await opens(full.deliveryId)).toBe(0);
    const answer = await load(mine);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('image/gif');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.rawPayload.equals(OPEN_PIXEL)).toBe(true);
    expect(await opens(full.deliveryId)).toBe(1);
    expect(await contactOpens()).toEqual([{ contact: consentingId, delivery: full.deliveryId }]);
    expect((await load(other)).rawPayload.equals(OPEN_PIXEL)).toBe(true);
    expect(await opens(full.deliveryId)).toBe(2);
    expect(await contactOpens()).toHaveLength(1);
  });

  it('answers the same GIF for a tampered or malformed token and counts nothing', async () => {
    const mine = pixels(String(full.messages[2]!.parsed.html))[0]!;
    const before = await opens(full.deliveryId);
    const tampered = mine.replace(/[0-9a-f]$/, (c) => (c === '0' ? '1' : '0'));
    for (const path of [tampered, '/o/1-1-0000', '/o/%3Cscript%3E']) {
      const answer = await load(path);
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.rawPayload.equals(OPEN_PIXEL)).toBe(true);
    }
    expect(await opens(full.deliveryId)).toBe(before);
  });

  it('counts a flood of loads once', async () => {
    const path = pixels(String(full.messages.find((m) => m.to === 'open-member-2@members.test')!.parsed.html))[0]!;
    const before = await opens(full.deliveryId);
    await Promise.all(Array.from({ length: 30 }, () => load(path)));
    expect(await opens(full.deliveryId)).toBe(before + 1);
    expect(await db.selectFrom('open_guards').selectAll().execute()).toHaveLength(before + 1);
  });

  it('shows opens on the desk only when the setting is or was on', async () => {
    expect(await deliveryOpens(db, {}, teaser.deliveryId)).toEqual({ shown: true, opens: 0 });
    await storeSettings(db, clock, {}, { ...DEFAULT_SETTINGS, tracking: true });
    expect(await deliveryOpens(db, {}, teaser.deliveryId)).toEqual({ shown: false, opens: 0 });
    expect((await deliveryOpens(db, {}, full.deliveryId)).shown).toBe(true);
  });

  it('is a setting on the desk labelled unreliable; /privacy mentions the pixel only when it is on; the delivery page shows the opens', async () => {
    const admin = await signInDesk(app, db, 'opens-admin@staff.test', 'admin');
    const values: Record<string, string> = Object.fromEntries(SETTING_KEYS.map((key) => [key, '']));
    Object.assign(values, { retainSnapshotsDays: '365', retainErrorsDays: '90', retainUserAgentsDays: '30', retainClicksDays: '180', retainRateLimitsDays: '2', tracking: '1', clickTracking: '1' });
    delete values['consentNetworkLog'];
    delete values['openTracking'];
    expect((await admin.post('/admin/settings', values)).statusCode).toBe(303);
    const form = visibleText((await admin.get('/admin/settings')).body);
    expect(form).toContain('Open counting (unreliable)');
    expect(form).toContain('Apple Mail Privacy Protection');
    for (const [path, off] of [['/privacy', 'we do not count openings'], ['/de/privacy', 'Wir zählen keine Öffnungen'], ['/zh/privacy', '我们不统计打开次数']] as const) {
      const page = visibleText((await app.http.inject({ url: path })).body);
      expect(page).toContain(off);
      expect(page).not.toContain('/o/…');
    }
    expect((await admin.get(`/admin/deliveries/${teaser.deliveryId}`)).body).not.toContain('Opens (unreliable)');
    values['openTracking'] = '1';
    expect((await admin.post('/admin/settings', values)).statusCode).toBe(303);
    expect((await getSiteSettings(db, {})).values.openTracking).toBe(true);
    for (const [path, on] of [['/privacy', 'we count one opening'], ['/de/privacy', 'zählen wir eine Öffnung'], ['/zh/privacy', '计一次打开']] as const) {
      expect(visibleText((await app.http.inject({ url: path })).body)).toContain(on);
    }
    const report = await admin.get(`/admin/deliveries/${full.deliveryId}`);
    expect(visibleText(report.body)).toContain('Opens (unreliable)');
    expect(report.body).toContain(`data-delivery-opens="${await opens(full.deliveryId)}"`);
    expect(visibleText(report.body)).toContain(`Opens counted: ${await opens(full.deliveryId)}`);
  });

  it('never puts the pixel in transactional mail, even when it is on', async () => {
    expect((await getSiteSettings(db, app.services.config)).values.openTracking).toBe(true);
    const before = (await queuedMail(db)).length;
    await signInMember(app, 'open-member-1@members.test');
    const mails = await queuedMail(db);
    expect(mails.length).toBeGreaterThan(before);
    for (const mail of mails) {
      expect(mail.html).not.toContain('/o/');
      expect(mail.html).not.toMatch(/width="1" height="1"/);
      expect(mail.text).not.toContain('/o/');
    }
  });
});
