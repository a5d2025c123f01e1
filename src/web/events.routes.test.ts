import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfTokenIn, destroyTestApp, outboxMessages, visibleText, cookiesFrom } from '../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase } from '../../test/support/databases.js';
import { createContact, signInMember } from '../../test/support/people.js';
import type { App } from '../app.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { importContent } from '../content-folder/import.service.js';
import type { Database } from '../db/database.js';
import { localToInstant } from '../lib/local-time.js';
import { findEventsByIds, insertEvent } from '../events/events.queries.js';
import type { EventInput } from '../events/events.js';
import { DEFAULT_SETTINGS, questionsDigest } from '../events/registrations.js';
import { getRegistrations } from '../events/registrations.service.js';
import { getSubmissions } from '../events/calls.service.js';
import { updateEventSettings } from '../events/event-settings.service.js';
import { fixedClock } from '../lib/clock.js';
import { CALL_FORM_LIMIT } from './event-calls.routes.js';

// The public calendar over HTTP: filters and paging, the iCalendar feeds, registration with
// its waitlist for signed-in members, and the public call for speakers.

const clock = fixedClock('2026-11-28T12:00:00Z');
const staff = { type: 'staff' as const, id: null, label: 'editor@example.com' };
let db: Database;
let app: App;
let dialogueId: number;
const get = (url: string, cookie?: string) => app.http.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const post = (url: string, cookie: string, payload: Record<string, string>) =>
  app.http.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(payload).toString() });

const dialogue: EventInput = {
  slug: 'innovation-dialogue-2027-guangzhou',
  title: 'Innovation Dialogue 2027 in Guangzhou',
  body: 'The next Innovation Dialogue.\n\n<!-- members-only -->\nMEMBERS-ONLY agenda notes.',
  startsAt: localToInstant('2027-03-03T14:00', 'Asia/Shanghai'),
  endsAt: localToInstant('2027-03-03T18:00', 'Asia/Shanghai'),
  timeZone: 'Asia/Shanghai',
  allDay: false,
  venue: 'AHK Innovation Hub',
  address: null,
  city: 'Guangzhou',
  online: true,
  onlineUrl: 'https://meet.example.org/dialogue-2027',
  organiser: 'own',
  organiserName: 'German Chamber of Commerce in China',
  url: null,
  capacity: 1,
  registrationOpensAt: null,
  registrationClosesAt: null,
  sectors: ['mobility'],
};

beforeAll(async () => {
  db = await createTestDatabase('sqlite');
  await importContent(db, DEMO_DIR, { clock });
  dialogueId = await insertEvent(db, dialogue, clock.now().toISOString());
  await insertEvent(db, { ...dialogue, slug: 'closed-dialogue', title: 'Closed Dialogue', registrationClosesAt: '2026-11-01T00:00:00.000Z' }, clock.now().toISOString());
  const xdays = await db.selectFrom('events').select('id').where('slug', '=', 'xceleration-days-2023').executeTakeFirstOrThrow();
  const event = (await findEventsByIds(db, [dialogueId])).get(dialogueId)!;
  await updateEventSettings(db, clock, staff, event, { ...DEFAULT_SETTINGS, questions: [{ label: 'Which session?', required: true, choices: ['Panel', 'Workshop'] }], callKinds: ['speaker', 'partner'], callClosesAt: '2027-01-31T16:00:00.000Z', callIntro: 'Tell us your **founder story**.' });
  void xdays;
  for (const email of ['anna@example.com', 'ben@example.com']) await createContact(db, email, { name: 'Example Maschinenbau GmbH', membership: 'active' });
  await createContact(db, 'reader-only@example.com', null);
  app = await createTestApp(db, { clock });
});
afterAll(async () => {
  await destroyTestApp(app);
  await destroyTestDatabase(db);
});

describe('/events', () => {
  it('filters by city, sector and organiser, ignores values it does not offer, and keeps filtered pages out of the cache', async () => {
    const all = visibleText((await get('/events')).body);
    expect(all).toContain('Xceleration Days 2023');
    expect(all).toContain('Innovation Dialogue 2027 in Guangzhou');

    const shenzhen = visibleText((await get('/events?city=Shenzhen')).body);
    expect(shenzhen).toContain('World of Tech 2023 Shenzhen');
    expect(shenzhen).toContain('Re-Opening AHK Innovation Hub');
    expect(shenzhen).not.toContain('Xceleration Days 2023');

    const automotive = visibleText((await get('/events?sector=automotive')).body);
    expect(automotive).toContain('CIMP AutoEcosystems Expo 2024');
    expect(automotive).not.toContain('Asiamold');

    const own = visibleText((await get('/events?organiser=own')).body);
    expect(own).toContain('Xceleration Days 2023');
    expect(own).not.toContain('Asiamold');

    const bogus = await get('/events?city=%3Cscript%3Ealert(1)%3C%2Fscript%3E&organiser=nobody&page=abc');
    expect(bogus.statusCode).toBe(200);
    expect(bogus.body).not.toContain('<script>alert');
    expect(visibleText(bogus.body)).toContain('Asiamold');

    const before = app.pageCache.size;
    for (let index = 0; index < 30; index++) expect((await get(`/events?city=Shenzhen&page=${index + 1}&x=${index}`)).statusCode).toBe(200);
    expect(app.pageCache.size).toBe(before);
  });

  it('pages past events, 12 a page', async () => {
    const first = visibleText((await get('/events')).body);
    expect(first).toContain('Upcoming events');
    // 10 demo events are past: one page only; the second page clamps to the first.
    expect(first).not.toContain('Page 2');
    const oneCity = visibleText((await get('/events?city=Shanghai&page=2')).body);
    expect(oneCity).toContain('Xceleration Days 2023');
  });
});

describe('iCalendar', () => {
  it('/events.ics holds every event with public text only', async () => {
    const response = await get('/events.ics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(response.body));
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(12);
    expect(response.body).not.toContain('MEMBERS-ONLY');
    expect(response.body.replace(/\r\n /g, '')).not.toContain('meet.example.org');
  });

  it('/events/<slug>/calendar.ics is the one event at its local time', async () => {
    const response = await get('/events/innovation-dialogue-2027-guangzhou/calendar.ics');
    const vevent = new ICAL.Component(ICAL.parse(response.body)).getFirstSubcomponent('vevent')!;
    expect(String(vevent.getFirstPropertyValue('dtstart'))).toBe('2027-03-03T14:00:00');
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Asia/Shanghai');
    expect((await get('/events/nope/calendar.ics')).statusCode).toBe(404);
  });

  it('event pages link to the .ics and Google Calendar and load the reader’s-time script from the site', async () => {
    const page = (await get('/events/innovation-dialogue-2027-guangzhou')).body;
    expect(page).toContain('href="/events/innovation-dialogue-2027-guangzhou/calendar.ics"');
    expect(page).toContain('https://calendar.google.com/calendar/render?action=TEMPLATE');
    expect(page).toContain('<script src="/assets/event-times.js" defer>');
    expect((await get('/assets/event-times.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
  });
});

describe('registration', () => {
  it('members register, wait, cancel and get promoted; the online link is only for the registrant', async () => {
    const publicPage = await get('/events/innovation-dialogue-2027-guangzhou');
    expect(visibleText(publicPage.body)).toContain('Sign in to register');
    expect(publicPage.body).not.toContain('meet.example.org');

    const anna = await signInMember(app, 'anna@example.com');
    const form = await get('/events/innovation-dialogue-2027-guangzhou', anna);
    expect(form.headers['cache-control']).toBe('private, no-store');
    expect(visibleText(form.body)).toContain('1 place left');
    const csrf = csrfTokenIn(form.body.slice(form.body.indexOf('/register')- 200));

    const missing = await post('/events/innovation-dialogue-2027-guangzhou/register', anna, { _csrf: csrf });
    expect(missing.statusCode).toBe(400);
    expect(visibleText(missing.body)).toContain('“Which session?” needs an answer');
    expect(await getRegistrations(db, dialogueId)).toEqual([]);

    const done = await post('/events/innovation-dialogue-2027-guangzhou/register', anna, { _csrf: csrf, q0: 'Panel' });
    expect(done.statusCode).toBe(303);
    const registered = await get(done.headers.location!, anna);
    expect(visibleText(registered.body)).toContain('You are registered.');
    expect(registered.body).toContain('https://meet.example.org/dialogue-2027');
    expect(registered.body).toContain('MEMBERS-ONLY agenda notes');
    const own = await get('/events/innovation-dialogue-2027-guangzhou/my-calendar.ics', anna);
    expect(own.headers['cache-control']).toBe('private, no-store');
    expect(own.headers['content-disposition']).toBe('attachment; filename="innovation-dialogue-2027-guangzhou.ics"');
    expect(own.body.replace(/\r\n /g, '')).toContain('https://meet.example.org/dialogue-2027');
    expect((await get('/events/innovation-dialogue-2027-guangzhou/my-calendar.ics')).statusCode).toBe(404);
    // The shared page stays public.
    const again = await get('/events/innovation-dialogue-2027-guangzhou');
    expect(again.body).not.toContain('meet.example.org');
    expect(again.body).not.toContain('You are registered');

    const ben = await signInMember(app, 'ben@example.com');
    const benForm = await get('/events/innovation-dialogue-2027-guangzhou', ben);
    expect(visibleText(benForm.body)).toContain('The event is full: you can join the waitlist');
    const benCsrf = csrfTokenIn(benForm.body.slice(benForm.body.indexOf('/register') - 200));
    const waiting = await post('/events/innovation-dialogue-2027-guangzhou/register', ben, { _csrf: benCsrf, q0: 'Workshop' });
    expect(waiting.headers.location).toBe('/events/innovation-dialogue-2027-guangzhou?done=waitlisted');
    const benPage = visibleText((await get('/events/innovation-dialogue-2027-guangzhou', ben)).body);
    expect(benPage).toContain('You are on the waitlist (number 1)');
    expect((await get('/events/innovation-dialogue-2027-guangzhou', ben)).body).not.toContain('meet.example.org');
    expect((await get('/events/innovation-dialogue-2027-guangzhou/my-calendar.ics', ben)).statusCode).toBe(404);

    const cancelled = await post('/events/innovation-dialogue-2027-guangzhou/cancel', anna, { _csrf: csrf });
    expect(cancelled.headers.location).toBe('/events/innovation-dialogue-2027-guangzhou?done=cancelled');
    expect((await getRegistrations(db, dialogueId)).map((r) => [r.email, r.status])).toEqual([['ben@example.com', 'confirmed'], ['anna@example.com', 'cancelled']]);
    const toBen = (await outboxMessages(app)).filter((raw) => /^To: ben@example\.com/m.test(raw));
    expect(toBen.some((raw) => raw.includes('A place is free') && raw.includes('text/calendar'))).toBe(true);
  });

  it('after the deadline: a clear message and nothing written; contacts without membership cannot register', async () => {
    const anna = await signInMember(app, 'anna@example.com');
    const page = await get('/events/closed-dialogue', anna);
    expect(visibleText(page.body)).toContain('Registration for this event has closed.');
    const csrf = csrfTokenIn((await get('/events/innovation-dialogue-2027-guangzhou', anna)).body);
    const late = await post('/events/closed-dialogue/register', anna, { _csrf: csrf, q0: 'Panel' });
    expect(late.statusCode).toBe(409);
    expect(visibleText(late.body)).toContain('Registration for this event has closed.');
    const closedId = (await db.selectFrom('events').select('id').where('slug', '=', 'closed-dialogue').executeTakeFirstOrThrow()).id;
    expect(await getRegistrations(db, closedId)).toEqual([]);

    const reader = await signInMember(app, 'reader-only@example.com');
    const readerPage = await get('/events/innovation-dialogue-2027-guangzhou', reader);
    expect(visibleText(readerPage.body)).toContain('Registration is open to contacts of our member companies.');
    const refused = await post('/events/innovation-dialogue-2027-guangzhou/register', reader, { _csrf: csrfTokenIn(readerPage.body), q0: 'Panel' });
    expect(refused.statusCode).toBe(403);
    expect((await getRegistrations(db, dialogueId)).some((r) => r.email === 'reader-only@example.com')).toBe(false);

    const signedOut = await post('/events/innovation-dialogue-2027-guangzhou/register', '', { q0: 'Panel' });
    expect([303, 403]).toContain(signedOut.statusCode);
  });

  it('the form carries a digest of its questions; when the desk reorders them meanwhile, the form comes back and nothing is stored', async () => {
    const id = await insertEvent(db, { ...dialogue, slug: 'question-dialogue', title: 'Question Dialogue', capacity: 5 }, clock.now().toISOString());
    const event = (await findEventsByIds(db, [id])).get(id)!;
    const shown = [{ label: 'Which session?', required: true, choices: ['Panel', 'Workshop'] }, { label: 'Dietary needs', required: false, choices: [] }];
    await updateEventSettings(db, clock, staff, event, { ...DEFAULT_SETTINGS, questions: shown });
    const anna = await signInMember(app, 'anna@example.com');
    const form = await get('/events/question-dialogue', anna);
    const version = /name="questions_version" value="([0-9a-f]+)"/.exec(form.body)?.[1];
    expect(version).toBe(questionsDigest(shown));
    const csrf = csrfTokenIn(form.body.slice(form.body.indexOf('/register') - 200));
    const reordered = [shown[1]!, shown[0]!];
    await updateEventSettings(db, clock, staff, event, { ...DEFAULT_SETTINGS, questions: reordered });
    const stale = await post('/events/question-dialogue/register', anna, { _csrf: csrf, questions_version: version!, q0: 'Panel', q1: 'none' });
    expect(stale.statusCode).toBe(400);
    expect(visibleText(stale.body)).toContain('The questions changed, please check your answers.');
    expect(stale.body).toContain(`name="questions_version" value="${questionsDigest(reordered)}"`);
    expect(await getRegistrations(db, id)).toEqual([]);
    const done = await post('/events/question-dialogue/register', anna, { _csrf: csrf, questions_version: questionsDigest(reordered), q0: 'none', q1: 'Panel' });
    expect(done.statusCode).toBe(303);
    expect((await getRegistrations(db, id))[0]!.answers).toEqual([{ question: 'Dietary needs', answer: 'none' }, { question: 'Which session?', answer: 'Panel' }]);
  });
});

describe('call for speakers and partners', () => {
  it('takes a public proposal with CSRF, ignores the honeypot, and emails a withdraw link that works', async () => {
    const form = await get('/events/innovation-dialogue-2027-guangzhou/call');
    expect(form.statusCode).toBe(200);
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.body).toContain('<strong>founder story</strong>');
    const cookie = cookiesFrom(form.headers['set-cookie']);
    const csrf = csrfTokenIn(form.body);
    const fields = { _csrf: csrf, kind: 'speaker', name: 'Dana Speaker', email: 'dana@startup.example', organisation: 'Startup', title: 'Parking robots', summary: 'How we built it.' };

    const bad = await post('/events/innovation-dialogue-2027-guangzhou/call', cookie, { ...fields, email: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(visibleText(bad.body)).toContain('Please check the form.');
    const injected = await post('/events/innovation-dialogue-2027-guangzhou/call', cookie, { ...fields, title: 'Talk\r\nBcc: victim@example.org' });
    expect(injected.statusCode).toBe(400);
    expect(visibleText(injected.body)).toContain('must be on one line');

    const bot = await post('/events/innovation-dialogue-2027-guangzhou/call', cookie, { ...fields, website: 'spam.example' });
    expect(bot.statusCode).toBe(200);
    expect(await getSubmissions(db, dialogueId)).toEqual([]);

    const sent = await post('/events/innovation-dialogue-2027-guangzhou/call', cookie, fields);
    expect(visibleText(sent.body)).toContain('Thank you for your proposal');
    const [submission] = await getSubmissions(db, dialogueId);
    expect(submission).toMatchObject({ kind: 'speaker', name: 'Dana Speaker', status: 'submitted' });

    const mail = (await outboxMessages(app)).find((raw) => /^To: dana@startup\.example/m.test(raw))!.replace(/=\r?\n/g, '');
    const link = new URL(/https?:\/\/\S*\/call\/withdraw\/[A-Za-z0-9_-]+/.exec(mail)![0]).pathname;
    const confirm = await get(link);
    expect(visibleText(confirm.body)).toContain('Withdraw your proposal');
    const browser = cookiesFrom(confirm.headers['set-cookie'], cookie);
    // The link works only under its own event: another event's address (or none) is an unusable link, and withdraws nothing.
    for (const elsewhere of [link.replace('/innovation-dialogue-2027-guangzhou/', '/closed-dialogue/'), link.replace('/innovation-dialogue-2027-guangzhou/', '/no-such-event/')]) {
      const shown = await get(elsewhere, browser);
      expect(shown.statusCode, elsewhere).toBe(404);
      expect(visibleText(shown.body), elsewhere).not.toContain('Withdraw your proposal');
      const posted = await post(elsewhere, browser, { _csrf: csrfTokenIn(confirm.body) });
      expect(posted.statusCode, elsewhere).toBe(404);
      expect(visibleText(posted.body), elsewhere).not.toContain('Proposal withdrawn');
    }
    expect(visibleText((await get(link.replace('/innovation-dialogue-2027-guangzhou/', '/closed-dialogue/'))).body)).toContain('This withdraw link is not valid.');
    expect((await getSubmissions(db, dialogueId))[0]!.status).toBe('submitted');
    await post(link, browser, { _csrf: csrfTokenIn(confirm.body) });
    expect((await getSubmissions(db, dialogueId))[0]!.status).toBe('withdrawn');

    expect((await post('/events/innovation-dialogue-2027-guangzhou/call', '', fields)).statusCode).toBe(403);
    expect((await get('/events/asiamold-2024/call')).statusCode).toBe(404);
  });

  it('counts proposals, not attempts: mistakes never lock a sender out; the sixth proposal in an hour is refused', async () => {
    const form = await get('/events/innovation-dialogue-2027-guangzhou/call');
    const cookie = cookiesFrom(form.headers['set-cookie']);
    const fields = { _csrf: csrfTokenIn(form.body), kind: 'speaker', name: 'Kim Speaker', email: 'kim@startup.example', organisation: '', title: 'A talk', summary: 'About it.' };
    // The test above stored one proposal and hit the honeypot once: two counted.
    for (let attempt = 1; attempt <= CALL_FORM_LIMIT.max + 1; attempt++) {
      const typo = await post('/events/innovation-dialogue-2027-guangzhou/call', cookie, { ...fields, email: `kim at ${attempt}` });
      expect(typo.statusCode, `attempt ${attempt}`).toBe(400);
    }
    for (let proposal = 3; proposal <= CALL_FORM_LIMIT.max; proposal++) {
      const sent = await post('/events/innovation-dialogue-2027-guangzhou/call', cookie, { ...fields, title: `Talk ${proposal}` });
      expect(sent.statusCode, `proposal ${proposal}`).toBe(200);
    }
    const limited = await post('/events/innovation-dialogue-2027-guangzhou/call', cookie, { ...fields, title: 'One too many' });
    expect(limited.statusCode).toBe(429);
    expect((await getSubmissions(db, dialogueId)).map((one) => one.title)).not.toContain('One too many');
  });
});
