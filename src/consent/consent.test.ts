import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { cookiesFrom, createTestApp, csrfTokenIn, destroyTestApp, lastLinkInOutbox, TEST_ERASURE_KEY, TEST_SECRET_KEY, visibleText } from '../../test/support/app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { deliveryEnv, seedIssue } from '../../test/support/delivery.js';
import { importVocabulary } from '../../test/support/content.js';
import { createContact, signInMember, signInStaff } from '../../test/support/people.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { createSend } from '../delivery/engine/deliveries.service.js';
import { unsubscribeToken } from '../delivery/tokens.js';
import { unsubscribeWithToken } from '../delivery/unsubscribes/unsubscribe.service.js';
import { localToInstant } from '../lib/local-time.js';
import { fixedClock } from '../lib/clock.js';
import { findEventsByIds, insertEvent } from '../events/events.queries.js';
import { QUESTIONS_FIELD, questionsDigest } from '../events/registrations.js';
import { cancelOwnRegistration, registerForEvent } from '../events/registrations.service.js';
import { createItem } from '../issues/item-editing.service.js';
import { SYSTEM_RIGHTS } from '../issues/publicity.service.js';
import { findContactByEmail, getContact, updateContact } from '../members/contacts.service.js';
import { EMPTY_PROGRAM_DRAFT } from '../programs/program-draft.js';
import { PROGRAM_STORE } from '../programs/program-store.js';
import { registerForProgram, withdrawRegistration } from '../programs/registrations.service.js';
import { consentWording, newsletterAnswered, wordingId } from './consent.js';
import * as queries from './consent.queries.js';
import { consentEventsOf, consentNetwork } from './consent.service.js';

// The consent ledger on every engine: one row per path that changes a consent (subscribe and
// its link, an expired link, the account page, unsubscribe links, the desk, the registration
// forms and their newsletter box, the one-click prompt), the network fields only when the log
// is on, and the desk's proof page. The import's rows are in members/contacts-import.test.ts.

const clock = fixedClock('2026-11-28T12:00:00Z');
const NEWSLETTER_EN = consentWording('newsletter', 'en', 'Innovation Insights');

describe('the consent queries module', () => {
  it('offers inserts and reads only: the ledger is append-only', () => {
    const names = Object.keys(queries);
    expect(names.filter((name) => /update|delete|remove|set|erase|clear/i.test(name))).toEqual([]);
    expect(names.every((name) => /^(insert|find)/.test(name))).toBe(true);
  });

  it('asks for consent until a confirmation or a withdrawal is on record (a request alone is no answer)', () => {
    expect(newsletterAnswered([])).toBe(false);
    expect(newsletterAnswered([{ purpose: 'newsletter', action: 'requested' }, { purpose: 'event_registration', action: 'confirmed' }])).toBe(false);
    expect(newsletterAnswered([{ purpose: 'newsletter', action: 'withdrawn' }])).toBe(true);
    expect(newsletterAnswered([{ purpose: 'newsletter', action: 'confirmed' }, { purpose: 'newsletter', action: 'requested' }])).toBe(true);
  });

  it('keeps the network fields only when the log is on', () => {
    expect(consentNetwork(false, '10.0.0.1', 'Browser/1')).toBeNull();
    expect(consentNetwork(true, '10.0.0.1', `B${'x'.repeat(600)}`)).toEqual({ ip: '10.0.0.1', userAgent: `B${'x'.repeat(499)}` });
  });
});

forEachDialect('consent ledger', ({ db, engine }) => {
  let app: App;
  let logging: App;
  const outbox = mkdtempSync(join(tmpdir(), 'insights-consent-'));
  afterAll(() => rmSync(outbox, { recursive: true, force: true }));
  beforeAll(async () => {
    await importVocabulary(db(), clock);
    app = await createTestApp(db(), { clock });
    logging = await createTestApp(db(), { clock, config: { settingsSeed: { consentNetworkLog: true } } });
  });
  afterAll(async () => {
    await destroyTestApp(app);
    await destroyTestApp(logging);
  });

  const ledgerOf = async (email: string) => consentEventsOf(db(), (await findContactByEmail(db(), email))!.id);

  async function subscribe(on: App, email: string, path = '/subscribe') {
    const page = await on.http.inject({ url: path, remoteAddress: '10.9.0.1' });
    const cookie = cookiesFrom(page.headers['set-cookie']);
    const asked = await on.http.inject({
      method: 'POST', url: path, remoteAddress: '10.9.0.1', headers: { cookie, 'user-agent': 'ConsentTest/1.0' },
      payload: { _csrf: csrfTokenIn(page.body), email, name: 'Reader', website: '' },
    });
    expect(asked.statusCode).toBe(200);
    return { cookie, link: (await lastLinkInOutbox(on, email, '/subscribe/confirm/'))! };
  }

  async function confirm(on: App, link: string, cookie: string) {
    // An unusable link's page has no form: the browser's token from the subscribe page then.
    const shown = await on.http.inject({ url: link, headers: { cookie } });
    const page = shown.statusCode === 200 ? shown : await on.http.inject({ url: '/subscribe', headers: { cookie } });
    return on.http.inject({ method: 'POST', url: link, remoteAddress: '10.9.0.2', headers: { cookie, 'user-agent': 'ConsentTest/2.0' }, payload: { _csrf: csrfTokenIn(page.body) } });
  }

  it('double opt-in: "requested" at the form with the sentence shown, "confirmed" by the link with that wording; no network fields by default', async () => {
    const email = `opt-in-${engine}@example.com`;
    const { cookie, link } = await subscribe(app, email);
    const page = await app.http.inject({ url: '/subscribe' });
    expect(visibleText(page.body)).toContain(NEWSLETTER_EN.text);
    expect(await ledgerOf(email)).toMatchObject([{ purpose: 'newsletter', action: 'requested', sourceKind: 'form', source: '/subscribe', wording: { id: wordingId(NEWSLETTER_EN), text: NEWSLETTER_EN.text, language: 'en' }, ip: null, userAgent: null }]);
    expect((await confirm(app, link, cookie)).statusCode).toBe(200);
    const rows = await ledgerOf(email);
    expect(rows.map((row) => [row.action, row.sourceKind, row.source, row.wording?.id, row.ip, row.userAgent])).toEqual([
      ['requested', 'form', '/subscribe', wordingId(NEWSLETTER_EN), null, null],
      ['confirmed', 'link', '/subscribe/confirm', wordingId(NEWSLETTER_EN), null, null],
    ]);
    expect(rows[1]!.occurredAt).toBe('2026-11-28T12:00:00.000Z');
  });

  it('the German form stores the German sentence; with the network log on, IP and user agent are kept', async () => {
    const email = `netlog-${engine}@example.com`;
    const { cookie, link } = await subscribe(logging, email, '/de/subscribe');
    expect((await confirm(logging, link, cookie)).statusCode).toBe(200);
    const german = consentWording('newsletter', 'de', 'Innovation Insights');
    expect(await ledgerOf(email)).toMatchObject([
      { action: 'requested', source: '/de/subscribe', wording: { id: wordingId(german), language: 'de', text: german.text }, ip: '10.9.0.1', userAgent: 'ConsentTest/1.0' },
      { action: 'confirmed', source: '/subscribe/confirm', wording: { id: wordingId(german) }, ip: '10.9.0.2', userAgent: 'ConsentTest/2.0' },
    ]);
  });

  it('a link that expired keeps the request row and confirms nothing', async () => {
    const email = `expired-${engine}@example.com`;
    const { cookie, link } = await subscribe(app, email);
    const later = await createTestApp(db(), { clock: fixedClock('2026-12-06T12:00:01Z') });
    try {
      expect((await confirm(later, link, cookie)).statusCode).toBeGreaterThanOrEqual(400);
    } finally {
      await destroyTestApp(later);
    }
    expect((await findContactByEmail(db(), email))?.subscribed).toBe(false);
    expect((await ledgerOf(email)).map((row) => row.action)).toEqual(['requested']);
  });

  it('the account page: unticking records "withdrawn", ticking again "confirmed" with the sentence shown', async () => {
    const email = `account-${engine}@member.example`;
    await createContact(db(), email, { name: 'Consent GmbH', membership: 'active' });
    const cookie = await signInMember(app, email);
    const save = async (subscribed: boolean) => {
      const page = await app.http.inject({ url: '/account', headers: { cookie } });
      const response = await app.http.inject({
        method: 'POST', url: '/account', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(csrfTokenIn(page.body))}&language=en${subscribed ? '&subscribed=1' : ''}`,
      });
      expect(response.statusCode).toBe(303);
    };
    await save(false);
    await save(false); // no change, no row
    await save(true);
    expect((await ledgerOf(email)).map((row) => [row.action, row.sourceKind, row.source, row.wording?.text ?? null])).toEqual([
      ['withdrawn', 'form', '/account', NEWSLETTER_EN.text],
      ['confirmed', 'form', '/account', NEWSLETTER_EN.text],
    ]);
  });

  it('an unsubscribe link records "withdrawn" naming the delivery, once', async () => {
    const email = `unsub-${engine}@example.com`;
    const contactId = await createContact(db(), email, null);
    const slug = await seedIssue(db());
    const deliveryId = (await createSend(deliveryEnv(db()), { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR })).id;
    const token = unsubscribeToken(TEST_SECRET_KEY, deliveryId, contactId);
    await unsubscribeWithToken(db(), clock, TEST_SECRET_KEY, token, 'one-click');
    await unsubscribeWithToken(db(), clock, TEST_SECRET_KEY, token, 'one-click');
    expect((await ledgerOf(email)).map((row) => [row.action, row.sourceKind, row.source])).toEqual([['withdrawn', 'link', `unsubscribe one-click (delivery ${deliveryId})`]]);
  }, 60_000);

  it('a desk change records the staff member as the source', async () => {
    const email = `desk-${engine}@example.com`;
    const id = await createContact(db(), email, null);
    const staff = { type: 'staff' as const, id: 7, label: 'editor@example.org' };
    const form = { email, name: '', language: 'en', companyId: null, topics: [] };
    await updateContact(db(), clock, id, { ...form, subscribed: false }, staff, TEST_ERASURE_KEY);
    await updateContact(db(), clock, id, { ...form, subscribed: true }, staff, TEST_ERASURE_KEY);
    expect((await ledgerOf(email)).map((row) => [row.action, row.sourceKind, row.source, row.wording])).toEqual([
      ['withdrawn', 'desk', 'staff 7 editor@example.org', null],
      ['confirmed', 'desk', 'staff 7 editor@example.org', null],
    ]);
  });

  it('event and program registration record their consent; the ticked newsletter box subscribes and records "confirmed"', async () => {
    const email = `register-${engine}@member.example`;
    const contactId = await createContact(db(), email, { name: 'Consent GmbH', membership: 'active' });
    await updateContact(db(), clock, contactId, { email, name: '', language: 'en', companyId: (await getContact(db(), contactId)).company!.id, topics: [], subscribed: false }, SYSTEM_ACTOR, TEST_ERASURE_KEY);
    const eventId = await insertEvent(db(), {
      slug: `consent-dialogue-${engine}`, title: 'Consent Dialogue', body: 'Teaser.', startsAt: localToInstant('2027-03-03T14:00', 'Asia/Shanghai'), endsAt: localToInstant('2027-03-03T18:00', 'Asia/Shanghai'),
      timeZone: 'Asia/Shanghai', allDay: false, venue: 'Hub', address: null, city: 'Guangzhou', online: false, onlineUrl: null, organiser: 'own', organiserName: 'Chamber', url: null,
      capacity: 50, registrationOpensAt: null, registrationClosesAt: null, sectors: [],
    }, clock.now().toISOString());
    const event = (await findEventsByIds(db(), [eventId])).get(eventId)!;
    const site = { name: 'Innovation Insights', url: 'https://insights.test' };
    const form = (purpose: 'event_registration' | 'program_registration', path: string) => ({ kind: 'form' as const, source: path, wording: consentWording(purpose, 'de', site.name), network: null });
    const newsletter = { kind: 'form' as const, source: '/de/events/x/register', wording: consentWording('newsletter', 'de', site.name), network: null };
    await registerForEvent(db(), clock, site, event, await getContact(db(), contactId), {}, { form: form('event_registration', `/de/events/${event.slug}/register`), newsletter });
    expect((await getContact(db(), contactId)).subscribed).toBe(true);

    const programClock = fixedClock('2027-01-20T10:00:00Z');
    const program = await createItem(db(), programClock, SYSTEM_ACTOR, PROGRAM_STORE, { ...EMPTY_PROGRAM_DRAFT, slug: `consent-club-${engine}`, title: 'Club', body: 'Mentoring.', roles: ['mentor', 'mentee'], registration_deadline: '2027-01-31' }, SYSTEM_RIGHTS);
    const draft = { areas: ['ai'], sector: '', goals: 'Learn', languages: ['en'], city: '', time_zone: '', availability: ['weekend'], capacity: '', not_own_company: true };
    await registerForProgram({ db: db(), clock: programClock, site }, program, await getContact(db(), contactId), 'mentee', draft, { form: form('program_registration', `/programs/${program.slug}/register/mentee`), newsletter: null });
    await withdrawRegistration(db(), programClock, program, await getContact(db(), contactId));
    await cancelOwnRegistration(db(), clock, site, event, await getContact(db(), contactId));

    const rows = await ledgerOf(email);
    expect(rows.map((row) => [row.purpose, row.action, row.subjectRef, row.wording?.text])).toEqual([
      ['newsletter', 'withdrawn', null, undefined],
      ['event_registration', 'confirmed', `event:${event.slug}`, consentWording('event_registration', 'de', site.name).text],
      ['newsletter', 'confirmed', null, consentWording('newsletter', 'de', site.name).text],
      ['event_registration', 'withdrawn', `event:${event.slug}`, undefined],
      ['program_registration', 'confirmed', `program:${program.slug}`, consentWording('program_registration', 'de', site.name).text],
      ['program_registration', 'withdrawn', `program:${program.slug}`, undefined],
    ]);
    // The cancellation happened at the earlier clock: it sorts before the program rows. The
    // first withdrawal came from a command-line actor (updateContact outside the desk).
    expect(rows.filter((row) => row.action === 'withdrawn').map((row) => [row.purpose, row.sourceKind, row.source])).toEqual([
      ['newsletter', 'cli', `${SYSTEM_ACTOR.type} ${SYSTEM_ACTOR.id ?? '-'} ${SYSTEM_ACTOR.label}`],
      ['event_registration', 'form', `/events/${event.slug}/cancel`],
      ['program_registration', 'form', `/programs/${program.slug}/register/withdraw`],
    ]);
  });

  it('the event form offers the newsletter box to a contact not subscribed; ticked, the registration and the newsletter are recorded from the form', async () => {
    const email = `box-${engine}@member.example`;
    const contactId = await createContact(db(), email, { name: 'Consent GmbH', membership: 'active' });
    await updateContact(db(), clock, contactId, { email, name: '', language: 'en', companyId: (await getContact(db(), contactId)).company!.id, topics: [], subscribed: false }, SYSTEM_ACTOR, TEST_ERASURE_KEY);
    const slug = `box-dialogue-${engine}`;
    await insertEvent(db(), {
      slug, title: 'Box Dialogue', body: 'Teaser.', startsAt: localToInstant('2027-03-03T14:00', 'Asia/Shanghai'), endsAt: localToInstant('2027-03-03T18:00', 'Asia/Shanghai'),
      timeZone: 'Asia/Shanghai', allDay: false, venue: 'Hub', address: null, city: 'Guangzhou', online: false, onlineUrl: null, organiser: 'own', organiserName: 'Chamber', url: null,
      capacity: 50, registrationOpensAt: null, registrationClosesAt: null, sectors: [],
    }, clock.now().toISOString());
    const cookie = await signInMember(app, email);
    const form = await app.http.inject({ url: `/events/${slug}`, headers: { cookie } });
    const text = visibleText(form.body);
    expect(text).toContain('Newsletter (optional)');
    expect(text).toContain(NEWSLETTER_EN.text);
    expect(text).toContain(consentWording('event_registration', 'en', 'Innovation Insights').text);
    const csrf = csrfTokenIn(form.body.slice(form.body.indexOf('/register') - 200));
    const done = await app.http.inject({
      method: 'POST', url: `/events/${slug}/register`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, [QUESTIONS_FIELD]: questionsDigest([]), newsletterConsent: '1' }).toString(),
    });
    expect(done.statusCode).toBe(303);
    expect((await getContact(db(), contactId)).subscribed).toBe(true);
    expect((await ledgerOf(email)).slice(1).map((row) => [row.purpose, row.action, row.sourceKind, row.source, row.subjectRef])).toEqual([
      ['event_registration', 'confirmed', 'form', `/events/${slug}/register`, `event:${slug}`],
      ['newsletter', 'confirmed', 'form', `/events/${slug}/register`, null],
    ]);
    // Now subscribed: the next form (a program's, say) would not offer the box again.
    const after = await app.http.inject({ url: `/events/${slug}`, headers: { cookie } });
    expect(visibleText(after.body)).not.toContain('Newsletter (optional)');
  });

  it('the one-click prompt: sign-in leads a contact without consent to it, one POST records "confirmed", then it is gone; the desk proof page lists the row', async () => {
    const email = `prompt-${engine}@member.example`;
    await createContact(db(), email, { name: 'Consent GmbH', membership: 'active' });
    const page = await app.http.inject({ url: '/login' });
    const cookie0 = cookiesFrom(page.headers['set-cookie']);
    await app.http.inject({ method: 'POST', url: '/login', headers: { cookie: cookie0 }, payload: { _csrf: csrfTokenIn(page.body), email } });
    const link = (await lastLinkInOutbox(app, email, '/login/'))!;
    const shown = await app.http.inject({ url: link, headers: { cookie: cookie0 } });
    const signedIn = await app.http.inject({ method: 'POST', url: link, headers: { cookie: cookie0 }, payload: { _csrf: csrfTokenIn(shown.body) } });
    expect(signedIn.headers.location).toBe('/account#consent-prompt');
    const cookie = cookiesFrom(signedIn.headers['set-cookie'], cookie0);

    const account = await app.http.inject({ url: '/account', headers: { cookie } });
    expect(visibleText(account.body)).toContain('May we send you the newsletter?');
    const forged = await app.http.inject({ method: 'POST', url: '/account/consent', headers: { cookie }, payload: {} });
    expect(forged.statusCode).toBe(403);
    const clicked = await app.http.inject({ method: 'POST', url: '/account/consent', headers: { cookie }, payload: { _csrf: csrfTokenIn(account.body) } });
    expect(clicked.statusCode).toBe(303);
    expect(clicked.headers.location).toBe('/account?consented=1');
    expect(visibleText((await app.http.inject({ url: '/account?consented=1', headers: { cookie } })).body)).toContain('your consent is recorded');
    expect(visibleText((await app.http.inject({ url: '/account', headers: { cookie } })).body)).not.toContain('May we send you the newsletter?');
    const rows = await ledgerOf(email);
    expect(rows.map((row) => [row.purpose, row.action, row.sourceKind, row.source, row.wording?.text])).toEqual([['newsletter', 'confirmed', 'form', '/account/consent', NEWSLETTER_EN.text]]);

    // The next sign-in goes to the front page as before.
    const again = await app.http.inject({ url: '/login' });
    await app.http.inject({ method: 'POST', url: '/login', headers: { cookie: cookiesFrom(again.headers['set-cookie']) }, payload: { _csrf: csrfTokenIn(again.body), email } });

    const contactId = (await findContactByEmail(db(), email))!.id;
    const admin = await signInStaff(app, db(), `consent-admin-${engine}@example.org`, 'admin');
    const proof = await app.http.inject({ url: `/admin/contacts/${contactId}/consent`, headers: { cookie: admin } });
    expect(proof.statusCode).toBe(200);
    const text = visibleText(proof.body);
    expect(text).toContain(`Consent proof: ${email}`);
    expect(text).toContain('2026-11-28 12:00 UTC');
    expect(text).toContain('Newsletter');
    expect(text).toContain('Confirmed');
    expect(text).toContain('Form: /account/consent');
    expect(text).toContain(NEWSLETTER_EN.text);
    const contactPage = await app.http.inject({ url: `/admin/contacts/${contactId}`, headers: { cookie: admin } });
    expect(contactPage.body).toContain(`href="/admin/contacts/${contactId}/consent"`);
    const csv = await app.http.inject({ url: `/admin/contacts/${contactId}/consent.csv`, headers: { cookie: admin } });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain('\n2026-11-28T12:00:00.000Z,newsletter,confirmed,form,/account/consent,,');

    const editor = await signInStaff(app, db(), `consent-editor-${engine}@example.org`, 'editor');
    expect((await app.http.inject({ url: `/admin/contacts/${contactId}/consent`, headers: { cookie: editor } })).statusCode).toBe(403);
    expect((await app.http.inject({ url: `/admin/contacts/${contactId}/consent.csv`, headers: { cookie: editor } })).statusCode).toBe(403);
  });
});
