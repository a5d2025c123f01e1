import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesFrom, createTestApp, destroyTestApp, outboxMessages, visibleText } from '../../../test/support/app.js';
import { createTestDatabase, destroyTestDatabase } from '../../../test/support/databases.js';
import { signInDesk, type DeskSession } from '../../../test/support/desk.js';
import { createContact } from '../../../test/support/people.js';
import { listActivity } from '../../activity/activity.service.js';
import type { App } from '../../app.js';
import { DEMO_DIR } from '../../content-folder/demo.js';
import { importContent } from '../../content-folder/import.service.js';
import type { Database } from '../../db/database.js';
import { localToInstant } from '../../lib/local-time.js';
import { findEventsByIds, insertEvent } from '../../events/events.queries.js';
import type { Event } from '../../events/events.js';
import { DEFAULT_SETTINGS } from '../../events/registrations.js';
import { getEventSettings, updateEventSettings } from '../../events/event-settings.service.js';
import { getRegistrations, registerForEvent } from '../../events/registrations.service.js';
import { getSubmissions, submitToCall } from '../../events/calls.service.js';
import { getEditableIssue } from '../../issues/issue-editing.service.js';
import { fixedClock } from '../../lib/clock.js';
import { getContact } from '../../members/contacts.service.js';

// The desk's side of events: registrations (check-in, cancel with promotion, CSV), questions
// and the call, proposals with decisions, and filling an issue's event sections in one step.

const clock = fixedClock('2026-11-28T12:00:00Z');
let db: Database;
let app: App;
let desk: DeskSession;
let event: Event;

beforeAll(async () => {
  db = await createTestDatabase('sqlite');
  await importContent(db, DEMO_DIR, { clock });
  const id = await insertEvent(db, {
    slug: 'x-days-2027', title: 'Xceleration Days 2027', body: 'Sino-German business event.', startsAt: localToInstant('2027-11-08', 'Asia/Shanghai'),
    endsAt: localToInstant('2027-11-12', 'Asia/Shanghai'), timeZone: 'Asia/Shanghai', allDay: true, venue: null, address: null, city: 'Shanghai', online: false,
    onlineUrl: null, organiser: 'own', organiserName: 'AHK Greater China', url: null, capacity: 2, registrationOpensAt: null, registrationClosesAt: null, sectors: [],
  }, clock.now().toISOString());
  event = (await findEventsByIds(db, [id])).get(id)!;
  await updateEventSettings(db, clock, { type: 'system', id: null, label: 'test' }, event, { ...DEFAULT_SETTINGS, questions: [{ label: 'Company role', required: false, choices: [] }] });
  app = await createTestApp(db, { clock });
  const mail = { name: 'Innovation Insights', url: 'http://insights.test' };
  for (const [email, answer] of [['a@example.com', '=HYPERLINK("http://evil.example")'], ['b@example.com', 'CTO, "R&D"'], ['c@example.com', '']] as const) {
    const contact = await getContact(db, await createContact(db, email, { name: 'Example GmbH', membership: 'active' }));
    await registerForEvent(db, clock, mail, event, contact, { q0: answer });
  }
  desk = await signInDesk(app, db, 'editor@example.org', 'editor');
});
/** Follows a desk redirect with the cookies it set (the one-time notice travels in a cookie). */
async function follow(response: Awaited<ReturnType<DeskSession['post']>>) {
  return app.http.inject({ url: response.headers.location!, headers: { cookie: cookiesFrom(response.headers['set-cookie'], desk.cookie) } });
}

afterAll(async () => {
  await destroyTestApp(app);
  await destroyTestDatabase(db);
});

describe('registrations', () => {
  it('lists confirmed and waiting people, checks in, and cancels with promotion and an email', async () => {
    const page = visibleText((await desk.get(`/admin/events/${event.id}/registrations`)).body);
    expect(page).toContain('2 confirmed of 2 places · 1 on the waitlist');
    const list = await desk.get('/admin/events?when=all');
    expect(list.body).toContain(`<a href="/admin/events/${event.id}/registrations">2 / 2 · 1 waiting</a>`);
    const [a, , c] = await getRegistrations(db, event.id);

    const checked = await desk.post(`/admin/events/${event.id}/registrations/${a!.id}/check-in`, { checked_in: '1' });
    expect(checked.statusCode).toBe(303);
    expect((await getRegistrations(db, event.id))[0]!.checkedInAt).toBe('2026-11-28T12:00:00.000Z');
    expect((await desk.post(`/admin/events/${event.id}/registrations/${c!.id}/check-in`, { checked_in: '1' })).statusCode).toBe(409);

    const cancelled = await desk.post(`/admin/events/${event.id}/registrations/${a!.id}/cancel`);
    expect(cancelled.statusCode).toBe(303);
    const after = await follow(cancelled);
    expect(visibleText(after.body)).toContain('c@example.com moved up from the waitlist and was emailed.');
    expect((await outboxMessages(app)).some((raw) => /^To: c@example\.com/m.test(raw) && raw.includes('A place is free'))).toBe(true);
    expect((await listActivity(db, { subjectType: 'event', limit: 100 })).some((entry) => entry.action === 'event.cancel_registration' && entry.actor.label === 'editor@example.org')).toBe(true);
  });

  it('exports CSV with a column per question and formula cells guarded', async () => {
    const response = await desk.get(`/admin/events/${event.id}/registrations/export.csv`);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="registrations-x-days-2027.csv"');
    const lines = response.body.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('status,queue,name,email,company,registered_at,confirmed_at,cancelled_at,checked_in_at,Company role');
    expect(response.body).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(response.body).toContain('"CTO, ""R&D"""');
    expect(response.body).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('is closed to contributors', async () => {
    const contributor = await signInDesk(app, db, 'contributor@example.org', 'contributor');
    expect((await contributor.get(`/admin/events/${event.id}/registrations/export.csv`)).statusCode).toBe(403);
  });
});

describe('questions and the call', () => {
  it('re-renders with errors, then saves questions, waitlist and a call with a local deadline', async () => {
    const bad = await desk.post(`/admin/events/${event.id}/settings`, { questions: '* Which day? [Nov 8 | Nov 9]', call_kinds: 'speaker', call_closes: 'next friday' });
    expect(bad.statusCode).toBe(400);
    expect(visibleText(bad.body)).toContain('a local date and time like 2027-01-31T18:00 that exists in Asia/Shanghai');
    expect(bad.body).toContain('* Which day? [Nov 8 | Nov 9]');

    const saved = await desk.post(`/admin/events/${event.id}/settings`, { questions: '* Which day? [Nov 8 | Nov 9]\nDietary needs', waitlist: '1', call_kinds: ['speaker', 'partner'], call_closes: '2027-09-30T18:00', call_intro: 'Share your founder story.' });
    expect(saved.statusCode).toBe(303);
    const settings = await getEventSettings(db, event.id);
    expect(settings).toEqual({
      questions: [{ label: 'Which day?', required: true, choices: ['Nov 8', 'Nov 9'] }, { label: 'Dietary needs', required: false, choices: [] }],
      waitlist: true,
      callKinds: ['speaker', 'partner'],
      callClosesAt: '2027-09-30T10:00:00.000Z',
      callIntro: 'Share your founder story.',
    });
    const form = await desk.get(`/admin/events/${event.id}/settings`);
    expect(form.body).toContain('value="2027-09-30T18:00"');
    expect(visibleText((await app.http.inject({ url: '/events/x-days-2027' })).body)).toContain('Call for speakers and partners');
  });

  it('reviews a proposal: notes stay internal, a decision is emailed once', async () => {
    const mail = { name: 'Innovation Insights', url: 'http://insights.test' };
    await submitToCall(db, clock, mail, event, { kind: 'speaker', name: 'Sam Speaker', email: 'sam@startup.example', organisation: '', title: 'Robots <b>in</b> factories', summary: 'A talk.' });
    const [submission] = await getSubmissions(db, event.id);
    const list = await desk.get(`/admin/events/${event.id}/submissions`);
    expect(list.body).toContain('Robots &lt;b>in&lt;/b> factories');
    expect(list.body).not.toContain('<b>in</b>');

    const notes = await desk.post(`/admin/events/${event.id}/submissions/${submission!.id}`, { status: 'submitted', review_notes: 'Strong, but long.' });
    expect(notes.statusCode).toBe(303);
    const before = (await outboxMessages(app)).filter((raw) => /^To: sam@startup\.example/m.test(raw)).length;
    const accepted = await desk.post(`/admin/events/${event.id}/submissions/${submission!.id}`, { status: 'accepted', review_notes: 'Strong, but long.' });
    expect(visibleText((await follow(accepted)).body)).toContain('the decision was emailed to sam@startup.example');
    const toSam = (await outboxMessages(app)).filter((raw) => /^To: sam@startup\.example/m.test(raw));
    expect(toSam).toHaveLength(before + 1);
    expect(toSam.at(-1)).toContain('has been accepted');
    expect(toSam.at(-1)).not.toContain('Strong, but long');
    expect((await getSubmissions(db, event.id))[0]).toMatchObject({ status: 'accepted', reviewNotes: 'Strong, but long.', decidedAt: '2026-11-28T12:00:00.000Z' });
    expect((await desk.post(`/admin/events/${event.id}/submissions/${submission!.id}`, { status: 'withdrawn', review_notes: '' })).statusCode).toBe(400);
  });
});

describe('filling an issue from its quarter', () => {
  it('fills the past and upcoming sections from the window, split at the chosen day', async () => {
    const page = await desk.get('/admin/issues/2023-winter/edit');
    expect(page.body).toContain('action="/admin/issues/2023-winter/fill-events"');
    expect(page.body).toContain('value="2023-10-01"');

    const bad = await desk.post('/admin/issues/2023-winter/fill-events', { from: '2024-03-31', until: '2024-01-01', as_of: 'soon' });
    expect(bad.statusCode).toBe(400);
    expect(visibleText(bad.body)).toContain('must not be before the first day');

    const filled = await desk.post('/admin/issues/2023-fall/fill-events', { from: '2023-10-01', until: '2023-12-31', as_of: '2023-12-01' });
    expect(filled.statusCode).toBe(303);
    expect(filled.headers.location).toBe('/admin/issues/2023-fall/edit');
    const issue = await getEditableIssue(db, '2023-fall');
    const slugs = (kind: string) => issue.sections.filter((section) => section.kind === kind).flatMap((section) => section.items.map((item) => item.slug));
    expect(slugs('past_events')).toEqual(['xceleration-days-2023', 'world-of-tech-2023-shenzhen', 'wise2023-beijing']);
    expect(slugs('upcoming_events')).toEqual(['google-devfest-2023-shanghai', 'global-automotive-electronics-summit-2023-shanghai', 'dtcn2023-shanghai']);
    // The other sections are untouched and the new section comes last.
    expect(issue.sections.at(-1)!.heading).toBe('Upcoming Innovation Events');
    expect(issue.sections.filter((section) => section.kind === 'news' || section.kind === 'spotlight' || section.kind === 'landscape').length).toBeGreaterThan(0);
  });
});
