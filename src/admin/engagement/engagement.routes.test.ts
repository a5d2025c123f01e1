import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenIn, destroyTestApp, visibleText } from '../../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase, ENGINES } from '../../../test/support/databases.js';
import { deliveryEnv, seedContacts, seedIssue, senderDeps } from '../../../test/support/delivery.js';
import { signInDesk, type DeskSession } from '../../../test/support/desk.js';
import { signInMember } from '../../../test/support/people.js';
import { startSmtpSink } from '../../../test/support/smtp-sink.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import type { App } from '../../app.js';
import { recordConsent } from '../../consent/consent.service.js';
import type { Database } from '../../db/database.js';
import { createSend } from '../../delivery/engine/deliveries.service.js';
import { runDelivery } from '../../delivery/engine/sender.js';
import { emailKey } from '../../members/members.js';
import { createMailTransport } from '../../mail/transport.js';
import { DEFAULT_SETTINGS } from '../../settings/settings.js';
import { storeSettings } from '../../settings/settings.service.js';

// The desk's engagement pages over HTTP on SQLite and PGlite: a delivery's clicks (people and
// machines apart), a story's clicks across sends, a consenting contact's clicks (manage_people),
// the account page's consent, and the quarter's impact page, each figure against a count from
// its own table.

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0';
const count = async (query: Promise<{ n: unknown }>) => Number((await query).n);

describe.each(ENGINES)('engagement on the desk [%s]', (engine) => {
  let db: Database;
  let app: App;
  let at = Date.parse('2026-12-01T09:00:00Z') + 24 * 3600_000;
  const clock = { now: () => new Date(at) };
  let deliveryId: number;
  let links: Map<string, string[]>;
  let owner: DeskSession;
  let slug: string;

  const click = (url: string, ip: string, ua = BROWSER) => app.http.inject({ url: new URL(url).pathname, remoteAddress: ip, headers: { 'user-agent': ua } });

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    slug = await seedIssue(db, 2026, 'fall');
    await seedContacts(db, { members: 2, subscribers: 0, prefix: 'desk' });
    const consenting = await db.selectFrom('contacts').select('id').where('email_key', '=', emailKey('desk-member-0@members.test')).executeTakeFirstOrThrow();
    await recordConsent(db, clock, { contactId: consenting.id, purpose: 'engagement_tracking', action: 'confirmed', kind: 'desk', source: 'test' });
    await storeSettings(db, clock, {}, { ...DEFAULT_SETTINGS, tracking: true });
    const sink = await startSmtpSink({});
    const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: join(tmpdir(), 'unused'), concurrency: 2, dkim: undefined });
    try {
      const delivery = await createSend(deliveryEnv(db), { slug, edition: 'full', scheduledAt: null, actor: SYSTEM_ACTOR });
      await runDelivery(senderDeps(db, transport), delivery.id);
      deliveryId = delivery.id;
      links = new Map();
      for (const m of sink.messages) links.set(m.to[0]!, [...String((await simpleParser(m.raw)).html).matchAll(/href="(http:\/\/insights\.test\/r\/[^"]+)"/g)].map((x) => x[1]!));
    } finally {
      transport.close();
      await sink.close();
    }
    app = await createTestApp(db, { clock });
    // Two people click the story's title; a scanner fetches every link of one message.
    expect((await click(links.get('desk-member-0@members.test')![0]!, '10.0.0.1')).statusCode).toBe(302);
    at += 60_000;
    expect((await click(links.get('desk-member-1@members.test')![0]!, '10.0.0.2')).statusCode).toBe(302);
    for (const link of links.get('desk-member-1@members.test')!) await click(link, '10.9.9.9', 'Mozilla/5.0 (compatible; proofpoint)');
    owner = await signInDesk(app, db, 'owner@example.org', 'owner');
  }, 120_000);
  afterAll(async () => {
    await destroyTestApp(app);
    await destroyTestDatabase(db);
  });

  it('the delivery page shows human clicks per story and link, machines apart, over time as a chart and a table', async () => {
    const page = await owner.get(`/admin/deliveries/${deliveryId}`);
    expect(page.statusCode).toBe(200);
    const human = await count(db.selectFrom('link_clicks').select((eb) => eb.fn.countAll().as('n')).where('delivery_id', '=', deliveryId).where('human', '=', 1).executeTakeFirstOrThrow());
    const machine = await count(db.selectFrom('link_clicks').select((eb) => eb.fn.countAll().as('n')).where('delivery_id', '=', deliveryId).where('human', '=', 0).executeTakeFirstOrThrow());
    expect(human).toBe(2);
    expect(machine).toBe(links.get('desk-member-1@members.test')!.length);
    expect(page.body).toContain(`data-human-clicks="${human}"`);
    expect(page.body).toContain(`data-machine-clicks="${machine}"`);
    expect(page.body).toContain(`data-item="${slug}-story"`);
    expect(page.body).toContain('data-click-chart');
    expect(visibleText(page.body)).toContain('2 human clicks');
  });

  it('the story page shows its clicks across sends; the contact page what a consenting contact clicked, and nothing for one who did not consent', async () => {
    const story = await owner.get(`/admin/stories/${slug}-story/edit`);
    expect(story.statusCode).toBe(200);
    expect(story.body).toContain(`data-story-send="${deliveryId}" data-human="2"`);
    const ids = await db.selectFrom('contacts').select(['id', 'email']).where('email', 'like', 'desk-member-%').orderBy('email').execute();
    const consenting = await owner.get(`/admin/contacts/${ids[0]!.id}`);
    expect(consenting.body).toContain('data-contact-clicks');
    expect(visibleText(consenting.body)).toContain('2026 fall Issue');
    const other = await owner.get(`/admin/contacts/${ids[1]!.id}`);
    expect(visibleText(other.body)).toContain('has not agreed to engagement tracking');
    expect(await count(db.selectFrom('contact_clicks').select((eb) => eb.fn.countAll().as('n')).where('contact_id', '=', ids[1]!.id).executeTakeFirstOrThrow())).toBe(0);
  });

  it('a contact gives and withdraws engagement tracking on /account; withdrawing deletes their clicks', async () => {
    const cookie = await signInMember(app, 'desk-member-0@members.test');
    const account = await app.http.inject({ url: '/account', headers: { cookie } });
    expect(visibleText(account.body)).toContain('You agreed that we record which newsletter links you click');
    const withdraw = await app.http.inject({ method: 'POST', url: '/account/engagement', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrfTokenIn(account.body))}&choice=withdraw` });
    expect(withdraw.statusCode).toBe(303);
    expect(await db.selectFrom('contact_clicks').selectAll().execute()).toEqual([]);
    const after = await app.http.inject({ url: '/de/account', headers: { cookie } });
    expect(visibleText(after.body)).toContain('Meine Klicks erfassen');
    const give = await app.http.inject({ method: 'POST', url: '/de/account/engagement', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(csrfTokenIn(after.body))}&choice=give` });
    expect(give.statusCode).toBe(303);
    const rows = await db.selectFrom('consent_events').innerJoin('consent_wordings', 'consent_wordings.id', 'consent_events.wording_id').select(['action', 'consent_wordings.language', 'consent_wordings.text']).where('consent_events.purpose', '=', 'engagement_tracking').where('consent_events.source_kind', '=', 'form').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'confirmed', language: 'de' });
    expect(rows[0]!.text).toContain('Newslettern');
    const privacy = await app.http.inject({ url: '/zh/privacy' });
    expect(visibleText(privacy.body)).toContain('互动统计');
  });

  it('the quarter’s impact page: each figure equals a count from its own table; charts; a CSV safe from formulas', async () => {
    const q = { from: '2026-10-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' };
    await recordConsent(db, clock, { contactId: (await db.selectFrom('contacts').select('id').executeTakeFirstOrThrow()).id, purpose: 'newsletter', action: 'withdrawn', kind: 'desk', source: 'test' });
    const now = clock.now().toISOString();
    await db.insertInto('inquiries').values({ name: 'A', email: 'a@example.org', company: null, topic: 'general', message: 'Hi', status: 'answered', created_at: now, updated_at: now }).execute();
    const event = await db.selectFrom('events').select('id').executeTakeFirstOrThrow();
    const contact = await db.selectFrom('contacts').select('id').executeTakeFirstOrThrow();
    await db.insertInto('event_registrations').values({ event_id: event.id, contact_id: contact.id, status: 'confirmed', registered_at: now, confirmed_at: now, cancelled_at: null, checked_in_at: now, updated_at: now }).execute();
    await db.updateTable('stories').set({ title: '=HYPERLINK("http://evil.example")' }).where('slug', '=', `${slug}-story`).execute();

    const page = await owner.get('/admin/impact?quarter=2026-Q4');
    expect(page.statusCode).toBe(200);
    const figure = (key: string) => Number(new RegExp(`data-figure="${key}"><td>[^<]*</td><td>(\\d+)</td>`).exec(page.body)?.[1]);
    const c = (table: 'consent_events' | 'event_registrations' | 'inquiries' | 'innovator_introductions', where: (qb: any) => any) => count(where(db.selectFrom(table as any).select((eb: any) => eb.fn.countAll().as('n'))).executeTakeFirstOrThrow());
    expect(figure('humanClicks')).toBe(await count(db.selectFrom('link_clicks').select((eb) => eb.fn.countAll().as('n')).where('human', '=', 1).where('clicked_at', '>=', q.from).where('clicked_at', '<', q.to).executeTakeFirstOrThrow()));
    expect(figure('humanClicks')).toBe(2);
    expect(figure('subscribersGained')).toBe(await c('consent_events', (qb) => qb.where('purpose', '=', 'newsletter').where('action', '=', 'confirmed').where('occurred_at', '>=', q.from).where('occurred_at', '<', q.to)));
    expect(figure('subscribersLost')).toBe(await c('consent_events', (qb) => qb.where('purpose', '=', 'newsletter').where('action', '=', 'withdrawn').where('occurred_at', '>=', q.from).where('occurred_at', '<', q.to)));
    expect(figure('subscribersLost')).toBe(1);
    expect(figure('registrations')).toBe(await c('event_registrations', (qb) => qb.where('registered_at', '>=', q.from).where('registered_at', '<', q.to)));
    expect(figure('checkIns')).toBe(await c('event_registrations', (qb) => qb.where('checked_in_at', '>=', q.from).where('checked_in_at', '<', q.to)));
    expect(figure('checkIns')).toBe(1);
    expect(figure('inquiriesAnswered')).toBe(await c('inquiries', (qb) => qb.where('status', '=', 'answered').where('updated_at', '>=', q.from).where('updated_at', '<', q.to)));
    expect(figure('inquiriesAnswered')).toBe(1);
    expect(figure('introductionsRequested')).toBe(await c('innovator_introductions', (qb) => qb.where('sample', '=', 0).where('created_at', '>=', q.from).where('created_at', '<', q.to)));
    expect(figure('introductionsMade')).toBe(await c('innovator_introductions', (qb) => qb.where('sample', '=', 0).where('introduced_at', '>=', q.from).where('introduced_at', '<', q.to)));
    expect(figure('pairs')).toBe(await count(db.selectFrom('match_pairs').innerJoin('match_runs', 'match_runs.id', 'match_pairs.run_id').select((eb) => eb.fn.countAll().as('n')).where('match_runs.status', '=', 'published').where('match_runs.published_at', '>=', q.from).where('match_runs.published_at', '<', q.to).executeTakeFirstOrThrow()));
    const published = await db.selectFrom('issues').innerJoin('sections', 'sections.issue_id', 'issues.id').innerJoin('section_items', 'section_items.section_id', 'sections.id').select(sql<number>`count(distinct section_items.story_id)`.as('n')).where('issues.status', '=', 'published').where('issues.published_at', '>=', q.from).where('issues.published_at', '<', q.to).executeTakeFirstOrThrow();
    expect(figure('storiesPublished')).toBe(Number(published.n));
    expect(page.body).toContain(`data-story-clicks="${slug}-story"`);
    expect(page.body).toContain('<svg');

    const csv = await owner.get('/admin/impact.csv?quarter=2026-Q4');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain(`human_clicks_per_story,"'=HYPERLINK(""http://evil.example"")",2`);
    expect(csv.body).toContain('figure,humanClicks,2');
    expect((await owner.get('/admin/impact?quarter=last-year')).statusCode).toBe(400);
    const editor = await signInDesk(app, db, 'editor@example.org', 'editor');
    expect((await editor.get('/admin/impact')).statusCode).toBe(200);
    const contributor = await signInDesk(app, db, 'contributor@example.org', 'contributor');
    expect((await contributor.get('/admin/impact')).statusCode).toBe(403);
  });
});
