import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, destroyTestApp, visibleText } from '../../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase } from '../../../test/support/databases.js';
import { deliveryEnv, seedContacts, seedIssue, senderDeps } from '../../../test/support/delivery.js';
import { signInDesk } from '../../../test/support/desk.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import type { App } from '../../app.js';
import type { Database } from '../../db/database.js';
import { checkAlarms } from '../../delivery/alarms/alarms.service.js';
import { createSend } from '../../delivery/engine/deliveries.service.js';
import { domainLimitsFor } from '../../delivery/engine/domain-limits.service.js';
import { fixedClock, type Clock } from '../../lib/clock.js';
import { parseDomainLimits } from '../../lib/domain-limits.js';
import { SETTING_KEYS } from '../../settings/settings.js';

// A delivery's alarm on its desk page and under "Needs attention" (in the reader's language);
// the per-domain chart over time with its table; the domain limits in the site settings (a
// malformed value re-renders the form with the input and names the bad part; a saved value wins
// over SEND_DOMAIN_LIMITS, for the desk's domain table and the sender's pacing alike).

function settingsForm(values: Record<string, string>): Record<string, string> {
  const base: Record<string, string> = Object.fromEntries(SETTING_KEYS.map((key) => [key, '']));
  Object.assign(base, { retainSnapshotsDays: '365', retainErrorsDays: '90', retainUserAgentsDays: '30', retainClicksDays: '180', retainRateLimitsDays: '2' });
  const form = { ...base, ...values };
  for (const key of ['tracking', 'consentNetworkLog']) if (form[key] === '') delete form[key];
  return form;
}

describe('the desk shows alarms, the per-domain chart over time and the domain limits setting [sqlite]', () => {
  let db: Database;
  let app: App;
  let deliveryId: number;
  const clock: Clock = fixedClock(new Date('2026-12-01T10:00:00.000Z'));
  const environmentLimits = parseDomainLimits('qq.com=4000/h');
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    app = await createTestApp(db, { clock, config: { sendDomainLimits: environmentLimits, settingsSeed: { sendDomainLimits: 'qq.com=4000/h' } } });
    const slug = await seedIssue(db);
    await seedContacts(db, { members: 3, subscribers: 0, prefix: 'alarmdesk' });
    deliveryId = (await createSend(deliveryEnv(db, clock), { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR })).id;
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
    await destroyTestDatabase(db);
  });

  it('an alarm raised by the worker shows on the delivery page and the dashboard, in the desk language', async () => {
    const later = fixedClock(new Date('2026-12-01T10:20:00.000Z'));
    const changes = await checkAlarms({ ...senderDeps(db, app.services.sender.transport), clock: later });
    expect(changes).toEqual([{ deliveryId, change: 'raised', alarm: { kind: 'stalled', minutes: 20 } }]);

    const desk = await signInDesk(app, db, 'alarms@example.org', 'admin');
    const page = visibleText((await desk.get(`/admin/deliveries/${deliveryId}`)).body);
    expect(page).toContain('Alarm since 2026-12-01 10:20 UTC: no message went out for 20 minutes. Owners and admins were emailed once');
    const dashboard = visibleText((await desk.get('/admin')).body);
    expect(dashboard).toContain(`Delivery #${deliveryId} (2026 fall Issue): no message went out for 20 minutes`);

    await db.updateTable('staff').set({ language: 'de' }).where('email_key', '=', 'alarms@example.org').execute();
    const german = visibleText((await desk.get('/admin')).body);
    expect(german).toContain(`Versand #${deliveryId} (2026 fall Issue): seit 20 Minuten ging keine Nachricht hinaus`);
    await db.updateTable('staff').set({ language: 'en' }).where('email_key', '=', 'alarms@example.org').execute();
  });

  it('draws accepted and deferred per domain and minute, with the same figures as a table', async () => {
    const desk = await signInDesk(app, db, 'chart@example.org', 'admin');
    expect(visibleText((await desk.get(`/admin/deliveries/${deliveryId}`)).body)).toContain('No replies from the receiving servers yet.');
    const domains = ['qq.com', '163.com', 'gmail.com', 'exmail.qq.com', 'web.de', 'a.example', 'b.example'];
    const rows = domains.flatMap((domain, index) => [
      { delivery_id: deliveryId, domain, minute: '2026-12-01T10:01', accepted: 10 - index, deferred: domain === 'qq.com' ? 5 : 0, failed: 0 },
      { delivery_id: deliveryId, domain, minute: '2026-12-01T10:02', accepted: 9 - index, deferred: 0, failed: domain === '163.com' ? 1 : 0 },
    ]);
    await db.insertInto('delivery_domain_minutes').values(rows).execute();
    const body = (await desk.get(`/admin/deliveries/${deliveryId}`)).body;
    const text = visibleText(body);
    expect(body).toContain('data-timeline-domain="qq.com"');
    expect(body).toContain('data-timeline-domain="web.de"');
    // The five largest by replies, then the rest together.
    expect(body).not.toContain('data-timeline-domain="a.example"');
    expect(body).toContain('data-timeline-domain="other domains"');
    expect(body).toMatch(/<svg[^>]*role="img"[^>]*aria-label="Replies per minute for 6 domains, over 2 minutes with replies; at most 10 of a kind in a minute\."/);
    // The caption ends the figure, after the table's <details> (HTML allows a figcaption only first or last).
    expect(body).toMatch(/<\/details><figcaption>[^<]*<\/figcaption><\/figure>/);
    expect(text).toContain('2026-12-01 10:01 UTC 10 accepted, 5 deferred, 0 failed 9 accepted, 0 deferred, 0 failed');
    expect(text).toContain('2026-12-01 10:02 UTC 9 accepted, 0 deferred, 0 failed 8 accepted, 0 deferred, 1 failed');
    // "other domains" of 10:01: a.example 5 + b.example 4.
    expect(text).toMatch(/10:01 UTC(?:[^U]*?)9 accepted, 0 deferred, 0 failed\s+2026-12-01 10:02/);
  });

  it('domain limits: a malformed value re-renders the form naming the bad part; a saved value wins over SEND_DOMAIN_LIMITS', async () => {
    const admin = await signInDesk(app, db, 'limits@example.org', 'admin');
    const form = await admin.get('/admin/settings');
    expect(form.body).toContain('name="sendDomainLimits"');
    expect(form.body).toContain('value="qq.com=4000/h"');
    expect(visibleText(form.body)).toContain('From the environment');

    const bad = await admin.post('/admin/settings', settingsForm({ sendDomainLimits: 'qq.com=600/h, 163.com=lots', orgName: 'Kept Org' }));
    expect(bad.statusCode).toBe(400);
    expect(visibleText(bad.body)).toContain('"163.com=lots" is not a limit: write a domain, =, a number above 0, / and s, m, h or d, like qq.com=4000/h.');
    expect(bad.body).toContain('value="qq.com=600/h, 163.com=lots"');
    expect(bad.body).toContain('value="Kept Org"');
    const zero = await admin.post('/admin/settings', settingsForm({ sendDomainLimits: 'qq.com=0/h' }));
    expect(zero.statusCode).toBe(400);
    expect(visibleText(zero.body)).toContain('"qq.com=0/h" is not a limit');
    expect(await domainLimitsFor(db, app.services.site, environmentLimits)).toBe(environmentLimits);

    const saved = await admin.post('/admin/settings', settingsForm({ sendDomainLimits: 'qq.com=10/m,163.com=1000/h' }));
    expect(saved.statusCode).toBe(303);
    expect(Object.fromEntries(await domainLimitsFor(db, app.services.site, environmentLimits))).toEqual({ 'qq.com': 600, '163.com': 1000 });
    expect(visibleText((await admin.get('/admin/settings')).body)).toContain('Saved here');
    await db.updateTable('delivery_recipients').set({ domain: 'qq.com' }).where('delivery_id', '=', deliveryId).execute();
    expect(visibleText((await admin.get(`/admin/deliveries/${deliveryId}`)).body)).toContain('at most 600 per hour');

    // Emptied in the desk: no fixed limits, although SEND_DOMAIN_LIMITS has one.
    expect((await admin.post('/admin/settings', settingsForm({ sendDomainLimits: '' }))).statusCode).toBe(303);
    expect((await domainLimitsFor(db, app.services.site, environmentLimits)).size).toBe(0);
  });
});
