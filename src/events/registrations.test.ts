import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { createContact } from '../../test/support/people.js';
import { getContentVersion } from '../content/content-version.service.js';
import type { Database } from '../db/database.js';
import { fixedClock, type Clock } from '../lib/clock.js';
import { Conflict } from '../lib/errors.js';
import { sendQueuedMail } from '../../test/support/mail.js';
import { getContact } from '../members/contacts.service.js';
import type { Contact } from '../members/members.js';
import { localToInstant } from '../lib/local-time.js';
import type { Event, EventInput } from './events.js';
import { findEventsByIds, insertEvent } from './events.queries.js';
import { DEFAULT_SETTINGS, QUESTIONS_FIELD, questionsDigest } from './registrations.js';
import { cancelOwnRegistration, getRegistrations, registerForEvent } from './registrations.service.js';
import { getEventSettings, updateEventSettings } from './event-settings.service.js';
import type { EventMailSite } from './event-mail.js';

// The acceptance of registration: capacity and waitlist, promotion with an email, 50 at once
// for 10 places, and refusals (deadline, full without a waitlist) that write nothing.

const clock: Clock = fixedClock('2026-11-28T12:00:00Z');
const staff = { type: 'staff' as const, id: null, label: 'editor@example.com' };
let outbox: string;
const mail: EventMailSite = { name: 'Innovation Insights', url: 'https://insights.test' };

beforeAll(() => {
  outbox = mkdtempSync(join(tmpdir(), 'registrations-outbox-'));
});
afterAll(() => rmSync(outbox, { recursive: true, force: true }));

/** The messages to `address`, once the mail queued so far is sent (by the product's mail job, into the outbox). */
async function messagesTo(db: Database, address: string) {
  const raw = await sendQueuedMail(db, fixedClock('9999-12-31T23:59:59Z'), outbox);
  const parsed = await Promise.all(raw.map((message) => simpleParser(message)));
  return parsed.filter((message) => message.to && !Array.isArray(message.to) && message.to.value[0]?.address === address);
}

let counter = 0;
async function newEvent(db: Database, input: Partial<EventInput> = {}): Promise<Event> {
  counter += 1;
  const id = await insertEvent(db, {
    slug: `innovation-dialogue-${counter}`,
    title: `Innovation Dialogue ${counter}`,
    body: 'Public teaser.\n\n<!-- members-only -->\nMembers only.',
    startsAt: localToInstant('2027-03-03T14:00', 'Asia/Shanghai'),
    endsAt: localToInstant('2027-03-03T18:00', 'Asia/Shanghai'),
    timeZone: 'Asia/Shanghai',
    allDay: false,
    venue: 'AHK Innovation Hub',
    address: null,
    city: 'Guangzhou',
    online: true,
    onlineUrl: 'https://meet.example.org/dialogue',
    organiser: 'own',
    organiserName: 'German Chamber of Commerce in China',
    url: null,
    capacity: 2,
    registrationOpensAt: null,
    registrationClosesAt: null,
    sectors: [],
    ...input,
  }, clock.now().toISOString());
  return (await findEventsByIds(db, [id])).get(id)!;
}

async function contacts(db: Database, prefix: string, count: number): Promise<Contact[]> {
  const out: Contact[] = [];
  for (let index = 0; index < count; index++) out.push(await getContact(db, await createContact(db, `${prefix}-${index}@example.com`, { name: 'Example GmbH', membership: 'active' })));
  return out;
}

forEachDialect('event registration', ({ db, engine }) => {
  it('capacity 2, four registrants: 2 confirmed, 2 waitlisted; one cancels and the first waitlisted is promoted and emailed', async () => {
    const event = await newEvent(db());
    const people = await contacts(db(), `four-${engine}`, 4);
    const statuses = [];
    for (const person of people) statuses.push((await registerForEvent(db(), clock, mail, event, person, {})).status);
    expect(statuses).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);

    const { promoted } = await cancelOwnRegistration(db(), clock, mail, event, people[1]!);
    expect(promoted.map((registration) => registration.email)).toEqual([people[2]!.email]);
    const after = await getRegistrations(db(), event.id);
    expect(after.map((registration) => [registration.email, registration.status])).toEqual([
      [people[0]!.email, 'confirmed'],
      [people[2]!.email, 'confirmed'],
      [people[3]!.email, 'waitlisted'],
      [people[1]!.email, 'cancelled'],
    ]);

    const toPromoted = await messagesTo(db(), people[2]!.email);
    expect(toPromoted.map((message) => message.subject)).toEqual([
      `You are on the waitlist: ${event.title}`,
      `A place is free: you are registered for ${event.title}`,
    ]);
    const ics = toPromoted[1]!.attachments.find((attachment) => attachment.contentType === 'text/calendar');
    expect(ics?.filename).toBe(`${event.slug}.ics`);
    const vevent = new ICAL.Component(ICAL.parse(ics!.content.toString('utf8'))).getFirstSubcomponent('vevent')!;
    expect(String(vevent.getFirstPropertyValue('dtstart'))).toBe('2027-03-03T14:00:00');
    expect(String(vevent.getFirstPropertyValue('description'))).toContain('https://meet.example.org/dialogue');
    expect(String(vevent.getFirstPropertyValue('description'))).not.toContain('Members only');
    // The first confirmed person got the confirmation with the calendar attached; the fourth is still waiting.
    expect((await messagesTo(db(), people[0]!.email))[0]!.attachments).toHaveLength(1);
    expect((await messagesTo(db(), people[3]!.email)).map((message) => message.subject)).toEqual([`You are on the waitlist: ${event.title}`]);
  });

  it('promotes nobody once the event has started, and passes over people whose membership lapsed', async () => {
    const event = await newEvent(db(), { capacity: 1 });
    const [first, second] = await contacts(db(), `started-${engine}`, 2);
    await registerForEvent(db(), clock, mail, event, first!, {});
    await registerForEvent(db(), clock, mail, event, second!, {});
    // Cancelling is allowed until the end; an hour into the event the freed place stays free.
    const during = fixedClock(localToInstant('2027-03-03T15:00', 'Asia/Shanghai'));
    expect((await cancelOwnRegistration(db(), during, mail, event, first!)).promoted).toEqual([]);
    expect((await getRegistrations(db(), event.id)).find((one) => one.email === second!.email)?.status).toBe('waitlisted');
    expect((await messagesTo(db(), second!.email)).map((message) => message.subject)).toEqual([`You are on the waitlist: ${event.title}`]);

    const later = await newEvent(db(), { capacity: 1 });
    const lapsedCompany = await createContact(db(), `lapsing-${engine}@example.com`, { name: `Lapsing ${engine} GmbH`, membership: 'active' });
    const [holder, member] = await contacts(db(), `lapse-${engine}`, 2);
    const lapsing = await getContact(db(), lapsedCompany);
    await registerForEvent(db(), clock, mail, later, holder!, {});
    await registerForEvent(db(), clock, mail, later, lapsing, {});
    await registerForEvent(db(), clock, mail, later, member!, {});
    await db().updateTable('companies').set({ membership: 'lapsed' }).where('name', '=', `Lapsing ${engine} GmbH`).execute();
    const { promoted } = await cancelOwnRegistration(db(), clock, mail, later, holder!);
    expect(promoted.map((one) => one.email)).toEqual([member!.email]);
    expect((await getRegistrations(db(), later.id)).find((one) => one.email === lapsing.email)?.status).toBe('waitlisted');
    expect((await messagesTo(db(), lapsing.email)).map((message) => message.subject)).toEqual([`You are on the waitlist: ${later.title}`]);
  });

  it('50 concurrent registrations for 10 places confirm exactly 10; the rest wait', async () => {
    const event = await newEvent(db(), { capacity: 10 });
    const people = await contacts(db(), `fifty-${engine}`, 50);
    const results = await Promise.all(people.map((person) => registerForEvent(db(), clock, mail, event, person, {})));
    expect(results.filter((registration) => registration.status === 'confirmed')).toHaveLength(10);
    const stored = await getRegistrations(db(), event.id);
    expect(stored.filter((registration) => registration.status === 'confirmed')).toHaveLength(10);
    expect(stored.filter((registration) => registration.status === 'waitlisted')).toHaveLength(40);
  }, 60_000);

  it('without a waitlist, 50 concurrent registrations for 10 places: 10 confirmed, 40 refused, nothing else written', async () => {
    const event = await newEvent(db(), { capacity: 10 });
    await updateEventSettings(db(), clock, staff, event, { ...DEFAULT_SETTINGS, waitlist: false });
    const people = await contacts(db(), `nowait-${engine}`, 50);
    const results = await Promise.allSettled(people.map((person) => registerForEvent(db(), clock, mail, event, person, {})));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(10);
    const refused = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(refused).toHaveLength(40);
    for (const result of refused) {
      expect(result.reason).toBeInstanceOf(Conflict);
      expect((result.reason as Error).message).toBe('This event is full. No registration was made.');
    }
    expect(await getRegistrations(db(), event.id)).toHaveLength(10);
  }, 60_000);

  it('after the deadline: a clear message, and nothing is written or sent', async () => {
    const event = await newEvent(db(), { registrationClosesAt: '2026-11-28T11:59:59.000Z' });
    const [person] = await contacts(db(), `late-${engine}`, 1);
    await expect(registerForEvent(db(), clock, mail, event, person!, {})).rejects.toThrow(new Conflict('Registration for this event has closed.'));
    expect(await getRegistrations(db(), event.id)).toEqual([]);
    expect(await messagesTo(db(), person!.email)).toEqual([]);
  });

  it('answers are checked against the event’s questions before anything is written', async () => {
    const event = await newEvent(db());
    await updateEventSettings(db(), clock, staff, event, {
      ...DEFAULT_SETTINGS,
      questions: [{ label: 'Which session?', required: true, choices: ['Morning', 'Afternoon'] }, { label: 'Dietary needs', required: false, choices: [] }],
    });
    const [person] = await contacts(db(), `answers-${engine}`, 1);
    await expect(registerForEvent(db(), clock, mail, event, person!, { q0: 'Evening' })).rejects.toMatchObject({ problems: [{ where: 'q0' }] });
    expect(await getRegistrations(db(), event.id)).toEqual([]);
    const registration = await registerForEvent(db(), clock, mail, event, person!, { q0: 'Morning', q1: ' vegetarian ' });
    expect(registration.answers).toEqual([{ question: 'Which session?', answer: 'Morning' }, { question: 'Dietary needs', answer: 'vegetarian' }]);
    await expect(registerForEvent(db(), clock, mail, event, person!, { q0: 'Morning' })).rejects.toThrow('You are already registered for this event.');
  });

  it('answers given to questions the desk reordered since the form was shown are refused, not filed under the wrong question', async () => {
    const event = await newEvent(db());
    const shown = [{ label: 'Which session?', required: true, choices: ['Morning', 'Afternoon'] }, { label: 'Dietary needs', required: false, choices: [] }];
    await updateEventSettings(db(), clock, staff, event, { ...DEFAULT_SETTINGS, questions: shown });
    const form = { [QUESTIONS_FIELD]: questionsDigest(shown), q0: 'Morning', q1: 'Afternoon tea please' };
    // The desk swaps the two questions before the member presses "Register".
    await updateEventSettings(db(), clock, staff, event, { ...DEFAULT_SETTINGS, questions: [shown[1]!, { ...shown[0]!, choices: ['Morning', 'Afternoon tea please'] }] });
    const [person] = await contacts(db(), `reordered-${engine}`, 1);
    await expect(registerForEvent(db(), clock, mail, event, person!, form)).rejects.toThrow('The questions changed, please check your answers.');
    expect(await getRegistrations(db(), event.id)).toEqual([]);
    expect(await messagesTo(db(), person!.email)).toEqual([]);
    // With the form as it is now, the same person registers.
    const now = (await getEventSettings(db(), event.id)).questions;
    const registration = await registerForEvent(db(), clock, mail, event, person!, { [QUESTIONS_FIELD]: questionsDigest(now), q0: '', q1: 'Morning' });
    expect(registration.answers).toEqual([{ question: 'Dietary needs', answer: '' }, { question: 'Which session?', answer: 'Morning' }]);
  });

  it('saving the questions and call bumps the content version, so every process refreshes the public event page', async () => {
    const event = await newEvent(db());
    const before = await getContentVersion(db());
    await updateEventSettings(db(), clock, staff, event, { ...DEFAULT_SETTINGS, callKinds: ['speaker'], callClosesAt: '2027-02-01T00:00:00.000Z', callIntro: 'Speak!' });
    const after = await getContentVersion(db());
    expect(after).not.toBe(before);
    expect(after.startsWith(clock.now().toISOString())).toBe(true);
  });

  it('external events take no registrations', async () => {
    const event = await newEvent(db(), { organiser: 'external' });
    const [person] = await contacts(db(), `external-${engine}`, 1);
    await expect(registerForEvent(db(), clock, mail, event, person!, {})).rejects.toThrow('This event does not take registrations here.');
  });
});
