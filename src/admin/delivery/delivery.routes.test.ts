import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, destroyTestApp, outboxMessages, TEST_SECRET_KEY, TEST_SITE_URL, visibleText } from '../../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase, forEachDialect } from '../../../test/support/databases.js';
import { deliveryEnv, seedContacts, seedIssue, senderDeps } from '../../../test/support/delivery.js';
import { signInDesk } from '../../../test/support/desk.js';
import { startSmtpSink, type SmtpSink } from '../../../test/support/smtp-sink.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import { buildApp, type App } from '../../app.js';
import type { Database } from '../../db/database.js';
import { createSend, pauseWithProblem } from '../../delivery/engine/deliveries.service.js';
import { fixedClock, type Clock } from '../../lib/clock.js';
import { createMailTransport } from '../../mail/transport.js';
import { workOnce } from '../../worker.js';

// The desk's delivery pages: test send, send now (the worker sends), live progress, the report
// with its chart, pause/resume/cancel, retry failed, and the suppression list.

forEachDialect('desk deliveries', ({ db }) => {
  let app: App;
  let desk: Awaited<ReturnType<typeof signInDesk>>;
  let sink: SmtpSink;
  let slug: string;
  beforeAll(async () => {
    app = await createTestApp(db());
    desk = await signInDesk(app, db(), 'sender@example.org', 'admin');
    slug = await seedIssue(db());
    await seedContacts(db(), { members: 2, subscribers: 3, prefix: 'desk' });
    sink = await startSmtpSink({ rejectAddresses: ['desk-reader-2@public.test'] });
  }, 60_000);
  afterAll(async () => {
    await sink.close();
    await destroyTestApp(app);
  });

  const worker = async () => {
    const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: join(tmpdir(), 'unused'), concurrency: 2, dkim: undefined });
    try {
      await workOnce({ sender: senderDeps(db(), transport) }, 'test-worker');
    } finally {
      transport.close();
    }
  };

  it('the issue page has the sending panel; the list starts empty', async () => {
    const issuePage = await desk.get(`/admin/issues/${slug}/edit`);
    expect(issuePage.body).toContain('action="/admin/deliveries/test"');
    expect(issuePage.body).toContain('action="/admin/deliveries/send"');
    expect(visibleText((await desk.get('/admin/deliveries')).body)).toContain('No deliveries yet.');
  });

  it('a test send goes to the chosen addresses through the mailer, marked [Test], with the list headers', async () => {
    const bad = await desk.post('/admin/deliveries/test', { issue: slug, edition: 'teaser', addresses: 'not-an-address' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('not-an-address');
    const sent = await desk.post('/admin/deliveries/test', { issue: slug, edition: 'teaser', addresses: 'editor@example.org,\nboss@example.org' });
    expect(sent.statusCode).toBe(303);
    const messages = (await outboxMessages(app)).filter((raw) => /Subject: \[Test\]/.test(raw));
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    const report = await desk.get(sent.headers.location as string);
    expect(visibleText(report.body)).toContain('Done');
  });

  it('send now asks for confirmation with the exact count per edition, then creates both editions; the worker sends; the report counts and charts', async () => {
    const asked = await desk.post('/admin/deliveries/send', { issue: slug, edition: 'both', scheduled_at: '' });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('data-recipients="full">2<');
    expect(asked.body).toContain('data-recipients="teaser">3<');
    expect(visibleText(asked.body)).toContain('Send now to 5 recipients');
    expect(asked.body).toContain('name="confirm" value="yes"');
    expect(asked.body).toContain(`name="_csrf" value="${desk.csrf}"`);
    expect(await db().selectFrom('deliveries').select('id').where('kind', '=', 'send').execute()).toEqual([]);
    const started = await desk.post('/admin/deliveries/send', { issue: slug, edition: 'both', scheduled_at: '', confirm: 'yes' });
    expect(started.statusCode).toBe(303);
    const ids = (await db().selectFrom('deliveries').select('id').where('kind', '=', 'send').orderBy('id').execute()).map((r) => r.id);
    expect(ids).toHaveLength(2);
    const live = await desk.get(`/admin/deliveries/${ids[1]}`);
    expect(live.body).toContain('data-live-delivery');
    expect(live.body).toContain('src="/admin/deliveries/progress.js"');
    expect((await desk.get('/admin/deliveries/progress.js')).headers['content-type']).toMatch(/javascript/);
    const again = await desk.post('/admin/deliveries/send', { issue: slug, edition: 'full', scheduled_at: '', confirm: 'yes' });
    expect(again.statusCode).toBe(409);
    expect(visibleText(again.body)).toContain('already has delivery');

    await worker();
    const teaser = await desk.get(`/admin/deliveries/${ids[1]}`);
    const text = visibleText(teaser.body);
    expect(teaser.body).not.toContain('data-live-delivery');
    expect(text).toContain('Done');
    expect(teaser.body).toContain('<svg');
    expect(text).toMatch(/Per minute over \d+ minute\(s\): 2 sent, 1 failed, 0 bounced, 0 unsubscribed/);
    expect(text).toContain('desk-reader-2@public.test');
    expect(text).toMatch(/550 .*5\.1\.1/);
    const dashboard = visibleText((await desk.get('/admin')).body);
    expect(dashboard).toContain('Recent deliveries');
    expect(dashboard).toContain(`#${ids[1]}`);
    // The issue page lists its deliveries inline, each linked to its report; one id per form field.
    const issuePage = await desk.get(`/admin/issues/${slug}/edit`);
    expect(issuePage.body).toContain(`href="/admin/deliveries/${ids[1]}"`);
    const elementIds = [...issuePage.body.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
    expect(elementIds.filter((id, index) => elementIds.indexOf(id) !== index)).toEqual([]);
  });

  it('retry failed leaves suppressed addresses alone until they are removed from the suppression list', async () => {
    const teaserId = (await db().selectFrom('deliveries').select('id').where('kind', '=', 'send').where('edition', '=', 'teaser').executeTakeFirstOrThrow()).id;
    const none = await desk.post(`/admin/deliveries/${teaserId}/retry-failed`);
    expect(none.statusCode).toBe(303);
    expect(visibleText((await desk.get('/admin/deliveries/suppressions')).body)).toContain('desk-reader-2@public.test');
    expect((await desk.post('/admin/deliveries/suppressions', { email: 'nope' })).statusCode).toBe(400);
    expect((await desk.post('/admin/deliveries/suppressions/remove', { email: 'desk-reader-2@public.test' })).statusCode).toBe(303);
    await desk.post(`/admin/deliveries/${teaserId}/retry-failed`);
    const row = await db().selectFrom('delivery_recipients').select('state').where('delivery_id', '=', teaserId).where('email_key', '=', 'desk-reader-2@public.test').executeTakeFirstOrThrow();
    expect(row.state).toBe('queued');
    expect((await db().selectFrom('deliveries').select('status').where('id', '=', teaserId).executeTakeFirstOrThrow()).status).toBe('sending');
    expect((await desk.post('/admin/deliveries/suppressions', { email: 'Someone@Example.org' })).statusCode).toBe(303);
    expect(visibleText((await desk.get('/admin/deliveries/suppressions')).body)).toContain('someone@example.org');
  });

  it('pause, resume and cancel; a scheduled send waits for its time', async () => {
    const next = await seedIssue(db(), 2028, 'spring');
    // The time is read in the chosen zone, stored as UTC and shown back in the zone.
    const badZone = await desk.post('/admin/deliveries/send', { issue: next, edition: 'full', scheduled_at: '2099-01-01T09:00', time_zone: 'Mars/Olympus' });
    expect(badZone.statusCode).toBe(400);
    expect(visibleText(badZone.body)).toContain('“Mars/Olympus” is not a time zone');
    expect(badZone.body).toContain('value="2099-01-01T09:00"');
    const skipped = await desk.post('/admin/deliveries/send', { issue: next, edition: 'full', scheduled_at: '2099-03-29T02:30', time_zone: 'Europe/Berlin' });
    expect(skipped.statusCode).toBe(400);
    expect(visibleText(skipped.body)).toContain('2099-03-29 02:30 does not exist in Europe/Berlin');
    const past = await desk.post('/admin/deliveries/send', { issue: next, edition: 'full', scheduled_at: '2001-01-01T09:00', time_zone: 'Asia/Shanghai' });
    expect(past.statusCode).toBe(400);
    expect(visibleText(past.body)).toContain('is in the past');
    const confirm = await desk.post('/admin/deliveries/send', { issue: next, edition: 'full', scheduled_at: '2099-01-01T09:00', time_zone: 'Europe/Berlin' });
    expect(visibleText(confirm.body)).toContain('Sending starts at 2099-01-01 09:00 Europe/Berlin (2099-01-01 08:00 UTC)');
    const scheduled = await desk.post('/admin/deliveries/send', { issue: next, edition: 'full', scheduled_at: '2099-01-01T09:00', time_zone: 'Europe/Berlin', confirm: 'yes' });
    expect(scheduled.statusCode).toBe(303);
    const id = Number(/\/admin\/deliveries\/(\d+)/.exec(scheduled.headers.location as string)![1]);
    expect((await db().selectFrom('deliveries').select('scheduled_at').where('id', '=', id).executeTakeFirstOrThrow()).scheduled_at).toBe('2099-01-01T08:00:00.000Z');
    expect(visibleText((await desk.get(`/admin/deliveries/${id}`)).body)).toContain('for 2099-01-01 09:00 Europe/Berlin');
    expect(visibleText((await desk.get('/admin/deliveries')).body)).toContain('Scheduled for 2099-01-01 09:00 Europe/Berlin');
    expect((await desk.post(`/admin/deliveries/${id}/pause`)).statusCode).toBe(409);
    expect((await desk.post(`/admin/deliveries/${id}/cancel`)).statusCode).toBe(303);
    const now = await desk.post('/admin/deliveries/send', { issue: next, edition: 'teaser', scheduled_at: '', confirm: 'yes' });
    const nowId = Number(/\/admin\/deliveries\/(\d+)/.exec(now.headers.location as string)![1]);
    expect((await desk.post(`/admin/deliveries/${nowId}/pause`)).statusCode).toBe(303);
    expect(visibleText((await desk.get(`/admin/deliveries/${nowId}`)).body)).toContain('Paused');
    expect((await desk.post(`/admin/deliveries/${nowId}/resume`)).statusCode).toBe(303);
    const statuses = await db().selectFrom('deliveries').select(['id', 'status']).where('id', 'in', [id, nowId]).orderBy('id').execute();
    expect(statuses.map((s) => s.status)).toEqual(['cancelled', 'sending']);
  });
});

describe('desk sends use BOUNCE_DOMAIN [sqlite]', () => {
  let database: Database;
  let app: App;
  const clock: Clock = fixedClock(new Date());
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    app = await createTestApp(database, { clock, config: { bounceDomain: 'bounces.example.net' } });
  }, 60_000);
  afterAll(async () => {
    await destroyTestApp(app);
    await destroyTestDatabase(database);
  });

  it('a test send carries a Message-ID and unsubscribe mailbox at BOUNCE_DOMAIN; a delivery paused by itself shows why', async () => {
    const desk = await signInDesk(app, database, 'bounce-domain@example.org', 'admin');
    const slug = await seedIssue(database);
    const sent = await desk.post('/admin/deliveries/test', { issue: slug, edition: 'teaser', addresses: 'editor@example.org' });
    expect(sent.statusCode).toBe(303);
    const [message] = await outboxMessages(app);
    const unfolded = message!.replace(/\r?\n[ \t]+/g, ' ');
    expect(unfolded).toMatch(/^Message-ID: <delivery\.\d+\.[0-9a-f]+@bounces\.example\.net>\r?$/m);
    expect(unfolded).toMatch(/^List-Unsubscribe: .*<mailto:unsubscribe\+[0-9a-z-]+@bounces\.example\.net\?subject=unsubscribe>/m);

    const delivery = await createSend(deliveryEnv(database, clock), { slug, edition: 'full', scheduledAt: new Date(clock.now().getTime() + 3_600_000).toISOString(), actor: SYSTEM_ACTOR });
    await pauseWithProblem(database, clock, delivery.id, 'could not start: issue "x" is a draft');
    const page = await desk.get(`/admin/deliveries/${delivery.id}`);
    expect(visibleText(page.body)).toContain('Paused by itself: could not start: issue "x" is a draft');
    expect(visibleText((await desk.get('/admin/deliveries')).body)).toContain('Paused (needs attention)');
  });
});
