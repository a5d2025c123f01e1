import { recordActivity } from '../activity/activity.service.js';
import { recordRegistrationConsent, recordRegistrationWithdrawal, type RegistrationConsent } from '../members/subscriptions.service.js';
import type { Actor } from '../activity/activity.js';
import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, Invalid, NotFound, type Problem } from '../lib/errors.js';
import type { ContactIdentity } from '../members/members.js';
import { enqueueRegistrationEmail, type EventMailSite } from './event-mail.js';
import type { Event } from './events.js';
import { findEventsByIds } from './events.queries.js';
import {
  countByStatus, countsForEvents, findRegistrationById, findRegistrationRow, findRegistrationsByIds, findSettings, firstWaitlisted, insertRegistration,
  listRegistrations, lockEvent, renewRegistration, setCancelled, setCheckedIn, setConfirmed,
} from './registrations.queries.js';
import { QUESTIONS_FIELD, questionsDigest, registrationClosedReason, type Answer, type EventSettings, type Registration, type RegistrationStatus } from './registrations.js';

// Registration for own events: answers to the event's questions, capacity and the waitlist,
// cancellation with automatic promotion, check-in. Each change and its emails (enqueued) are
// one transaction holding the event's row lock.

const MAX_ANSWER = 2000;

/**
 * Checks answers against the event's questions; fields are `q0`, `q1`, … in question order.
 * When the form carries `QUESTIONS_FIELD` and it is not the digest of the current questions
 * (the desk changed or reordered them since the form was shown), nothing is accepted: the form
 * comes back with the current questions. (A post without the field, i.e. not from our form, is
 * checked by position only.)
 */
export function checkAnswers(settings: EventSettings, raw: Readonly<Record<string, string | undefined>>): Answer[] {
  const version = raw[QUESTIONS_FIELD];
  if (version !== undefined && version !== questionsDigest(settings.questions)) {
    throw new Invalid('The questions changed, please check your answers.', [{ where: QUESTIONS_FIELD, message: 'the organisers changed the questions since this form was shown; check each answer and register again' }]);
  }
  const problems: Problem[] = [];
  const answers = settings.questions.map((question, index) => {
    const where = `q${index}`;
    const answer = (raw[where] ?? '').trim();
    if (answer.length > MAX_ANSWER) problems.push({ where, message: `“${question.label}”: at most ${MAX_ANSWER} characters` });
    else if (question.required && answer === '') problems.push({ where, message: `“${question.label}” needs an answer` });
    else if (answer !== '' && question.choices.length > 0 && !question.choices.includes(answer)) problems.push({ where, message: `“${question.label}”: choose one of the answers offered` });
    return { question: question.label, answer };
  });
  if (problems.length > 0) throw new Invalid('Please check your answers.', problems);
  return answers;
}

/** The contact's registration for an event (any status), or undefined. */
export async function getOwnRegistration(db: Database, eventId: number, contactId: number): Promise<Registration | undefined> {
  const row = await findRegistrationRow(db, eventId, contactId);
  return row ? findRegistrationById(db, row.id) : undefined;
}

/** Places taken and left, for the event page. */
export async function placesOf(db: Database, event: Event): Promise<{ confirmed: number; waitlisted: number; left: number | null }> {
  const counts = await countByStatus(db, event.id);
  return { confirmed: counts.confirmed, waitlisted: counts.waitlisted, left: event.capacity === null ? null : Math.max(0, event.capacity - counts.confirmed) };
}

/**
 * Registers a signed-in contact. Counting the places and writing the registration happen in
 * one transaction holding the event's row lock, so concurrent registrations never confirm more
 * people than the capacity. When full: the waitlist (if the event keeps one) or a refusal that
 * writes nothing. After the commit: a confirmation with the .ics, or a waitlist notice.
 */
export async function registerForEvent(
  db: Database,
  clock: Clock,
  site: EventMailSite,
  event: Event,
  contact: ContactIdentity,
  raw: Readonly<Record<string, string | undefined>>,
  /** The form's consent rows: the registration's (`event:<slug>`), and the newsletter box's when ticked. */
  consent?: RegistrationConsent,
): Promise<Registration> {
  const now = clock.now();
  const closed = registrationClosedReason(event, now);
  if (closed) throw new Conflict(closed);
  const settings = await findSettings(db, event.id);
  const answers = checkAnswers(settings, raw);
  const actor: Actor = { type: 'member', id: contact.id, label: contact.email };
  return db.transaction().execute(async (trx) => {
    await lockEvent(trx, event.id);
    const current = (await findEventsByIds(trx, [event.id])).get(event.id);
    if (!current) throw new NotFound('This event no longer exists.');
    const existing = await findRegistrationRow(trx, event.id, contact.id);
    if (existing && existing.status !== 'cancelled') {
      throw new Conflict(existing.status === 'confirmed' ? 'You are already registered for this event.' : 'You are already on the waitlist for this event.');
    }
    // Places freed by a raised capacity go to the waitlist first, so nobody jumps the queue.
    const promoted = await fillFreePlaces(trx, clock, current);
    const counts = await countByStatus(trx, event.id);
    const full = current.capacity !== null && counts.confirmed >= current.capacity;
    if (full && !settings.waitlist) throw new Conflict('This event is full. No registration was made.');
    const status: RegistrationStatus = full ? 'waitlisted' : 'confirmed';
    const stamp = now.toISOString();
    let id: number;
    if (existing) {
      await renewRegistration(trx, existing.id, status, answers, stamp);
      id = existing.id;
    } else {
      id = await insertRegistration(trx, { eventId: event.id, contactId: contact.id, status, answers, now: stamp });
    }
    await recordActivity(trx, clock, actor, status === 'confirmed' ? 'event.register' : 'event.waitlist', { type: 'event', id: event.id, label: event.title }, contact.email);
    if (consent) await recordRegistrationConsent(trx, clock, contact.id, 'event_registration', `event:${event.slug}`, consent);
    await mailPromoted(trx, clock, site, current, promoted);
    const registration = (await findRegistrationById(trx, id))!;
    await enqueueRegistrationEmail(trx, clock, site, current, registration, registration.status === 'confirmed' ? 'confirmed' : 'waitlisted');
    return registration;
  });
}

/** The registrant cancels; the first on the waitlist takes the freed place and is emailed. */
export async function cancelOwnRegistration(db: Database, clock: Clock, site: EventMailSite, event: Event, contact: ContactIdentity): Promise<{ promoted: Registration[] }> {
  const row = await findRegistrationRow(db, event.id, contact.id);
  if (!row || row.status === 'cancelled') throw new Conflict('You have no registration for this event to cancel.');
  if (clock.now().toISOString() >= event.endsAt) throw new Conflict('This event is over; its registrations can no longer be changed.');
  return cancelRegistration(db, clock, site, event, row.id, { type: 'member', id: contact.id, label: contact.email });
}

/** The desk cancels someone's registration (same promotion as when they cancel themselves). */
export async function deskCancelRegistration(db: Database, clock: Clock, site: EventMailSite, actor: Actor, event: Event, registrationId: number): Promise<{ promoted: Registration[] }> {
  const registration = await findRegistrationById(db, registrationId);
  if (!registration || registration.eventId !== event.id) throw new NotFound('No such registration.');
  if (registration.status === 'cancelled') throw new Conflict('This registration is already cancelled.');
  return cancelRegistration(db, clock, site, event, registrationId, actor);
}

async function cancelRegistration(db: Database, clock: Clock, site: EventMailSite, event: Event, registrationId: number, actor: Actor): Promise<{ promoted: Registration[] }> {
  return db.transaction().execute(async (trx) => {
    await lockEvent(trx, event.id);
    const registration = await findRegistrationById(trx, registrationId);
    if (!registration || registration.status === 'cancelled') throw new Conflict('This registration is already cancelled.');
    await setCancelled(trx, registrationId, clock.now().toISOString());
    await recordRegistrationWithdrawal(trx, clock, registration.contactId, 'event_registration', `event:${event.slug}`, actor, `/events/${event.slug}/cancel`);
    await recordActivity(trx, clock, actor, 'event.cancel_registration', { type: 'event', id: event.id, label: event.title }, registration.email);
    const current = (await findEventsByIds(trx, [event.id])).get(event.id) ?? event;
    return { promoted: await mailPromoted(trx, clock, site, current, await fillFreePlaces(trx, clock, current)) };
  });
}

/** Moves people from the waitlist into free places (after the desk raised the capacity). */
export async function promoteFromWaitlist(db: Database, clock: Clock, site: EventMailSite, actor: Actor, event: Event): Promise<Registration[]> {
  return db.transaction().execute(async (trx) => {
    await lockEvent(trx, event.id);
    const current = (await findEventsByIds(trx, [event.id])).get(event.id) ?? event;
    const ids = await fillFreePlaces(trx, clock, current);
    if (ids.length > 0) await recordActivity(trx, clock, actor, 'event.promote_waitlist', { type: 'event', id: event.id, label: event.title }, `${ids.length} promoted`);
    return mailPromoted(trx, clock, site, current, ids);
  });
}

/**
 * Inside a transaction holding the event lock: confirms waitlisted people while places are
 * free. Nobody is promoted once the event has started (a place freed mid-event stays free), and
 * people whose company is no longer an active member are passed over.
 */
async function fillFreePlaces(trx: Parameters<typeof countByStatus>[0], clock: Clock, event: Event): Promise<number[]> {
  if (clock.now().toISOString() >= event.startsAt) return [];
  const counts = await countByStatus(trx, event.id);
  const free = event.capacity === null ? counts.waitlisted : event.capacity - counts.confirmed;
  const ids = await firstWaitlisted(trx, event.id, free);
  await setConfirmed(trx, ids, clock.now().toISOString());
  return ids;
}

/** Enqueues the "a place is free" email of each promoted registration, in the promoting transaction. */
async function mailPromoted(trx: Executor, clock: Clock, site: EventMailSite, event: Event, ids: readonly number[]): Promise<Registration[]> {
  const promoted = await findRegistrationsByIds(trx, ids);
  for (const registration of promoted) await enqueueRegistrationEmail(trx, clock, site, event, registration, 'promoted');
  return promoted;
}

/** Check-in at the door (or undoing it). */
export async function setCheckIn(db: Database, clock: Clock, actor: Actor, event: Event, registrationId: number, checkedIn: boolean): Promise<Registration> {
  const registration = await findRegistrationById(db, registrationId);
  if (!registration || registration.eventId !== event.id) throw new NotFound('No such registration.');
  if (registration.status !== 'confirmed') throw new Conflict('Only confirmed registrations can be checked in.');
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await setCheckedIn(trx, registrationId, checkedIn ? now : null, now);
    await recordActivity(trx, clock, actor, checkedIn ? 'event.check_in' : 'event.undo_check_in', { type: 'event', id: event.id, label: event.title }, registration.email);
  });
  return (await findRegistrationById(db, registrationId))!;
}

export function getRegistrations(db: Database, eventId: number): Promise<Registration[]> {
  return listRegistrations(db, eventId);
}

/** Confirmed and waitlisted counts per event, for the desk's event list. */
export function getRegistrationCounts(db: Database, eventIds: readonly number[]): Promise<Map<number, { confirmed: number; waitlisted: number }>> {
  return countsForEvents(db, eventIds);
}
