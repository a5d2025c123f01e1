import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { bumpContentVersion } from '../content/content-version.service.js';
import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, Invalid, NotFound, type Problem } from '../lib/errors.js';
import { hashToken, newToken } from '../lib/tokens.js';
import type { Mailer, OutgoingMail } from '../mail/mailer.js';
import { renderSimpleEmail } from '../mail/simple-email.js';
import type { Contact } from '../members/members.js';
import { formatEventSpan, instantToLocal, localTimeExists, localToInstant } from '../lib/local-time.js';
import type { Event } from './events.js';
import { findEventsByIds } from './events.queries.js';
import { renderCalendar } from './ical.js';
import {
  countByStatus, countsForEvents, findRegistrationById, findRegistrationRow, findRegistrationsByIds, findSettings, findSettingsOf, findSubmission, findSubmissionByWithdrawKey,
  firstWaitlisted, insertRegistration, insertSubmission, listRegistrations, listSubmissions, lockEvent, renewRegistration, saveSettings,
  setCancelled, setCheckedIn, setConfirmed, updateSubmission,
} from './registrations.queries.js';
import {
  CALL_KINDS, callOpen, formatQuestions, parseQuestions, QUESTIONS_FIELD, questionsDigest, registrationClosedReason, type Answer, type CallKind, type EventSettings, type Registration, type RegistrationStatus,
  type Submission, type SubmissionStatus,
} from './registrations.js';

/** What registration mail needs: the mailer and the site's name and address. */
export interface EventMail {
  readonly mailer: Mailer;
  readonly site: { readonly name: string; readonly url: string };
}

const MAX_ANSWER = 2000;

export function getEventSettings(db: Executor, eventId: number): Promise<EventSettings> {
  return findSettings(db, eventId);
}

/** The settings of several events, by event id (the content folder's export). */
export function getSettingsOfEvents(db: Executor, eventIds: readonly number[]): Promise<Map<number, EventSettings>> {
  return findSettingsOf(db, eventIds);
}

/** Saves an event's questions, waitlist choice and call for speakers (desk). */
export async function updateEventSettings(db: Database, clock: Clock, actor: Actor, event: Event, settings: EventSettings): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = clock.now().toISOString();
    await saveSettings(trx, event.id, settings, now);
    // The public event page shows the call (and its deadline): every process's page cache must
    // learn of the change, not only this one's.
    await bumpContentVersion(trx, now);
    await recordActivity(trx, clock, actor, 'event.settings', { type: 'event', id: event.id, label: event.title });
  });
}

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
export async function registerForEvent(db: Database, clock: Clock, mail: EventMail, event: Event, contact: Contact, raw: Readonly<Record<string, string | undefined>>): Promise<Registration> {
  const now = clock.now();
  const closed = registrationClosedReason(event, now);
  if (closed) throw new Conflict(closed);
  const settings = await findSettings(db, event.id);
  const answers = checkAnswers(settings, raw);
  const actor: Actor = { type: 'member', id: contact.id, label: contact.email };
  const { id, promoted } = await db.transaction().execute(async (trx) => {
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
    return { id, promoted };
  });
  const registration = (await findRegistrationById(db, id))!;
  await mailPromoted(db, clock, mail, event, promoted);
  await sendQuietly(mail, registration.status === 'confirmed' ? confirmationMail(mail, event, registration, clock.now()) : waitlistMail(mail, event, registration));
  return registration;
}

/** The registrant cancels; the first on the waitlist takes the freed place and is emailed. */
export async function cancelOwnRegistration(db: Database, clock: Clock, mail: EventMail, event: Event, contact: Contact): Promise<{ promoted: Registration[] }> {
  const row = await findRegistrationRow(db, event.id, contact.id);
  if (!row || row.status === 'cancelled') throw new Conflict('You have no registration for this event to cancel.');
  if (clock.now().toISOString() >= event.endsAt) throw new Conflict('This event is over; its registrations can no longer be changed.');
  return cancelRegistration(db, clock, mail, event, row.id, { type: 'member', id: contact.id, label: contact.email });
}

/** The desk cancels someone's registration (same promotion as when they cancel themselves). */
export async function deskCancelRegistration(db: Database, clock: Clock, mail: EventMail, actor: Actor, event: Event, registrationId: number): Promise<{ promoted: Registration[] }> {
  const registration = await findRegistrationById(db, registrationId);
  if (!registration || registration.eventId !== event.id) throw new NotFound('No such registration.');
  if (registration.status === 'cancelled') throw new Conflict('This registration is already cancelled.');
  return cancelRegistration(db, clock, mail, event, registrationId, actor);
}

async function cancelRegistration(db: Database, clock: Clock, mail: EventMail, event: Event, registrationId: number, actor: Actor): Promise<{ promoted: Registration[] }> {
  const promotedIds = await db.transaction().execute(async (trx) => {
    await lockEvent(trx, event.id);
    const registration = await findRegistrationById(trx, registrationId);
    if (!registration || registration.status === 'cancelled') throw new Conflict('This registration is already cancelled.');
    await setCancelled(trx, registrationId, clock.now().toISOString());
    await recordActivity(trx, clock, actor, 'event.cancel_registration', { type: 'event', id: event.id, label: event.title }, registration.email);
    const current = (await findEventsByIds(trx, [event.id])).get(event.id) ?? event;
    return fillFreePlaces(trx, clock, current);
  });
  const promoted = await mailPromoted(db, clock, mail, event, promotedIds);
  return { promoted };
}

/** Moves people from the waitlist into free places (after the desk raised the capacity). */
export async function promoteFromWaitlist(db: Database, clock: Clock, mail: EventMail, actor: Actor, event: Event): Promise<Registration[]> {
  const ids = await db.transaction().execute(async (trx) => {
    await lockEvent(trx, event.id);
    const current = (await findEventsByIds(trx, [event.id])).get(event.id) ?? event;
    const ids = await fillFreePlaces(trx, clock, current);
    if (ids.length > 0) await recordActivity(trx, clock, actor, 'event.promote_waitlist', { type: 'event', id: event.id, label: event.title }, `${ids.length} promoted`);
    return ids;
  });
  return mailPromoted(db, clock, mail, event, ids);
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

async function mailPromoted(db: Database, clock: Clock, mail: EventMail, event: Event, ids: readonly number[]): Promise<Registration[]> {
  const promoted = await findRegistrationsByIds(db, ids);
  for (const registration of promoted) await sendQuietly(mail, promotedMail(mail, event, registration, clock.now()));
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

// ---- mail ----

async function sendQuietly(mail: EventMail, message: OutgoingMail): Promise<void> {
  // The registration is already stored; a mail failure must not make the person register twice.
  try {
    await mail.mailer.send(message);
  } catch (error) {
    process.emitWarning(`event mail to ${message.to} failed: ${(error as Error).message}`);
  }
}

function calendarAttachment(mail: EventMail, event: Event, now: Date) {
  return {
    filename: `${event.slug}.ics`,
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    content: renderCalendar([event], { siteUrl: mail.site.url, siteName: mail.site.name, now, withOnlineLink: true }),
  };
}

function facts(event: Event): string[] {
  const where = [event.venue, event.address, event.city].filter(Boolean).join(', ');
  return [`When: ${formatEventSpan(event)}`, ...(where ? [`Where: ${where}`] : []), ...(event.online && event.onlineUrl ? [`Online: ${event.onlineUrl}`] : [])];
}

function greeting(registration: { name: string }) {
  return registration.name ? `Hello ${registration.name},` : 'Hello,';
}

function confirmationMail(mail: EventMail, event: Event, registration: Registration, now: Date): OutgoingMail {
  const url = `${mail.site.url}/events/${event.slug}`;
  return {
    ...renderSimpleEmail(registration.email, {
      subject: `You are registered: ${event.title}`,
      greeting: greeting(registration),
      paragraphs: [`Your place at ${event.title} is confirmed.`, ...facts(event), 'The attached calendar file adds the event to your calendar.', 'If you cannot come, please cancel on the event page, so someone on the waitlist gets your place.'],
      action: { label: 'Open the event page', url },
      closing: 'See you there.',
      siteName: mail.site.name,
    }),
    attachments: [calendarAttachment(mail, event, now)],
  };
}

function waitlistMail(mail: EventMail, event: Event, registration: Registration): OutgoingMail {
  return renderSimpleEmail(registration.email, {
    subject: `You are on the waitlist: ${event.title}`,
    greeting: greeting(registration),
    paragraphs: [`${event.title} is full, so you are on the waitlist.`, 'When a place frees up, the first person on the waitlist gets it automatically and we email you at once.', ...facts(event).filter((line) => !line.startsWith('Online'))],
    action: { label: 'Open the event page', url: `${mail.site.url}/events/${event.slug}` },
    closing: 'Thank you for your patience.',
    siteName: mail.site.name,
  });
}

function promotedMail(mail: EventMail, event: Event, registration: Registration, now: Date): OutgoingMail {
  return {
    ...renderSimpleEmail(registration.email, {
      subject: `A place is free: you are registered for ${event.title}`,
      greeting: greeting(registration),
      paragraphs: [`A place at ${event.title} became free, and as you were next on the waitlist, it is now yours: your registration is confirmed.`, ...facts(event), 'The attached calendar file adds the event to your calendar. If you cannot come, please cancel on the event page.'],
      action: { label: 'Open the event page', url: `${mail.site.url}/events/${event.slug}` },
      closing: 'See you there.',
      siteName: mail.site.name,
    }),
    attachments: [calendarAttachment(mail, event, now)],
  };
}

// ---- calls for speakers and partners ----

export interface SubmissionForm {
  readonly kind: string;
  readonly name: string;
  readonly email: string;
  readonly organisation: string;
  readonly title: string;
  readonly summary: string;
}

const LIMITS_OF: Record<keyof SubmissionForm, number> = { kind: 20, name: 200, email: 254, organisation: 200, title: 300, summary: 5000 };

function checkSubmission(form: SubmissionForm, settings: EventSettings): { kind: CallKind } & SubmissionForm {
  const problems: Problem[] = [];
  const trimmed = Object.fromEntries(Object.entries(form).map(([key, value]) => [key, String(value ?? '').trim()])) as unknown as SubmissionForm;
  for (const [key, max] of Object.entries(LIMITS_OF) as [keyof SubmissionForm, number][]) {
    if (trimmed[key].length > max) problems.push({ where: key, message: `at most ${max} characters` });
  }
  if (!(CALL_KINDS as readonly string[]).includes(trimmed.kind) || !settings.callKinds.includes(trimmed.kind as CallKind)) problems.push({ where: 'kind', message: 'choose what you apply as' });
  for (const key of ['name', 'email', 'organisation', 'title'] as const) {
    if (/[\r\n]/.test(trimmed[key])) problems.push({ where: key, message: 'must be on one line' });
  }
  if (trimmed.name === '') problems.push({ where: 'name', message: 'enter your name' });
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed.email)) problems.push({ where: 'email', message: 'enter a valid email address' });
  if (trimmed.title === '') problems.push({ where: 'title', message: 'give your proposal a title' });
  if (trimmed.summary === '') problems.push({ where: 'summary', message: 'describe your talk or partnership' });
  if (problems.length > 0) throw new Invalid('Please check the form.', problems);
  return { ...trimmed, kind: trimmed.kind as CallKind };
}

/**
 * Stores a proposal to an event's open call (anyone may submit: external speakers are rarely
 * contacts) and emails the submitter an acknowledgement with a private link to withdraw.
 */
/** Checks a proposal without storing it: `Conflict` when the call is closed, `Invalid` for bad fields. */
export async function checkCallSubmission(db: Database, clock: Clock, event: Event, form: SubmissionForm): Promise<ReturnType<typeof checkSubmission>> {
  const settings = await findSettings(db, event.id);
  if (!callOpen(settings, event, clock.now())) throw new Conflict(settings.callKinds.length === 0 ? 'This event has no call for speakers or partners.' : 'The call for this event has closed. Nothing was submitted.');
  return checkSubmission(form, settings);
}

export async function submitToCall(db: Database, clock: Clock, mail: EventMail, event: Event, form: SubmissionForm): Promise<Submission> {
  const checked = await checkCallSubmission(db, clock, event, form);
  const token = newToken();
  const now = clock.now().toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertSubmission(trx, { eventId: event.id, ...checked, withdrawKey: hashToken(token), now });
    await recordActivity(trx, clock, { type: 'system', id: null, label: checked.email }, 'event.submission', { type: 'event', id: event.id, label: event.title }, `${checked.kind}: ${checked.title}`);
    return id;
  });
  await sendQuietly(mail, renderSimpleEmail(checked.email, {
    subject: `We received your ${checked.kind} proposal for ${event.title}`,
    greeting: `Hello ${checked.name},`,
    paragraphs: [`Thank you for your proposal “${checked.title}”. The events team will review it and email you the decision.`, 'If your plans change, you can withdraw the proposal with the link below.'],
    action: { label: 'Withdraw my proposal', url: `${mail.site.url}/events/${event.slug}/call/withdraw/${token}` },
    closing: 'Best regards, the events team.',
    siteName: mail.site.name,
  }));
  return (await findSubmission(db, id))!;
}

/** The submission behind a withdraw link (for the confirmation page). */
export async function getSubmissionByToken(db: Database, token: string): Promise<Submission> {
  const submission = token.length <= 100 ? await findSubmissionByWithdrawKey(db, hashToken(token)) : undefined;
  if (!submission) throw new NotFound('This withdraw link is not valid.');
  return submission;
}

/** The submitter withdraws through their private link. */
export async function withdrawSubmission(db: Database, clock: Clock, token: string): Promise<Submission> {
  const submission = await getSubmissionByToken(db, token);
  if (submission.status === 'withdrawn') return submission;
  if (submission.status === 'rejected') throw new Conflict('This proposal was already declined; there is nothing to withdraw.');
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await updateSubmission(trx, submission.id, { status: 'withdrawn', decidedAt: now }, now);
    await recordActivity(trx, clock, { type: 'system', id: null, label: submission.email }, 'event.submission_withdraw', { type: 'event', id: submission.eventId, label: submission.title });
  });
  return (await findSubmission(db, submission.id))!;
}

export function getSubmissions(db: Database, eventId: number): Promise<Submission[]> {
  return listSubmissions(db, eventId);
}

export async function getSubmission(db: Database, id: number): Promise<Submission> {
  const submission = await findSubmission(db, id);
  if (!submission) throw new NotFound('No such submission.');
  return submission;
}

/**
 * The desk reviews a submission: saves the notes (never shown to the submitter) and, when the
 * status changes to accepted or rejected, emails the decision.
 */
export async function reviewSubmission(db: Database, clock: Clock, mail: EventMail, actor: Actor, event: Event, id: number, review: { status: SubmissionStatus; reviewNotes: string }): Promise<Submission> {
  const submission = await getSubmission(db, id);
  if (submission.eventId !== event.id) throw new NotFound('No such submission.');
  if (review.reviewNotes.length > 5000) throw new Invalid('Please check the form.', [{ where: 'review_notes', message: 'at most 5000 characters' }]);
  if (review.status === 'withdrawn' && submission.status !== 'withdrawn') throw new Invalid('Please check the form.', [{ where: 'status', message: 'only the submitter can withdraw' }]);
  if (submission.status === 'withdrawn' && review.status !== 'withdrawn') throw new Conflict('The submitter withdrew this proposal; it cannot be decided any more.');
  const decided = review.status !== submission.status && (review.status === 'accepted' || review.status === 'rejected');
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await updateSubmission(trx, id, { status: review.status, reviewNotes: review.reviewNotes, ...(decided ? { decidedAt: now } : {}) }, now);
    await recordActivity(trx, clock, actor, decided ? `event.submission_${review.status}` : 'event.submission_notes', { type: 'event', id: event.id, label: event.title }, submission.title);
  });
  if (decided) {
    const accepted = review.status === 'accepted';
    await sendQuietly(mail, renderSimpleEmail(submission.email, {
      subject: `${accepted ? 'Accepted' : 'Your proposal'}: ${submission.title} at ${event.title}`,
      greeting: `Hello ${submission.name},`,
      paragraphs: accepted
        ? [`We are glad to tell you that your ${submission.kind} proposal “${submission.title}” for ${event.title} has been accepted.`, `When: ${formatEventSpan(event)}`, 'The events team will contact you with the details.']
        : [`Thank you for your ${submission.kind} proposal “${submission.title}” for ${event.title}. We received many strong proposals and cannot include yours this time.`],
      closing: 'Best regards, the events team.',
      siteName: mail.site.name,
    }));
  }
  return getSubmission(db, id);
}

// ---- the desk's settings form ----

/** The settings form as typed: questions in their text form, the call's closing local time. */
export interface SettingsDraft {
  readonly questions: string;
  readonly waitlist: boolean;
  readonly call_kinds: readonly string[];
  readonly call_closes: string;
  readonly call_intro: string;
}

export const SETTINGS_LIMITS = { questions: 20, label: 300, choices: 20, intro: 20_000 } as const;

/** The stored settings as the form shows them. */
export function draftOfSettings(settings: EventSettings, event: Pick<Event, 'timeZone'>): SettingsDraft {
  return {
    questions: formatQuestions(settings.questions),
    waitlist: settings.waitlist,
    call_kinds: settings.callKinds,
    call_closes: settings.callClosesAt ? instantToLocal(settings.callClosesAt, event.timeZone) : '',
    call_intro: settings.callIntro,
  };
}

/** Checks the settings form; every problem at its field. Local times are in the event's zone. */
export function settingsFromDraft(draft: SettingsDraft, event: Pick<Event, 'timeZone'>): EventSettings {
  const problems: Problem[] = [];
  const questions = parseQuestions(draft.questions);
  if (questions.length > SETTINGS_LIMITS.questions) problems.push({ where: 'questions', message: `at most ${SETTINGS_LIMITS.questions} questions` });
  questions.forEach((question, index) => {
    if (question.label === '') problems.push({ where: 'questions', message: `line ${index + 1}: the question has no text` });
    if (question.label.length > SETTINGS_LIMITS.label) problems.push({ where: 'questions', message: `line ${index + 1}: at most ${SETTINGS_LIMITS.label} characters` });
    if (question.choices.length > SETTINGS_LIMITS.choices) problems.push({ where: 'questions', message: `line ${index + 1}: at most ${SETTINGS_LIMITS.choices} answers to choose from` });
  });
  const labels = questions.map((question) => question.label);
  if (new Set(labels).size !== labels.length) problems.push({ where: 'questions', message: 'two questions have the same text' });
  const kinds = draft.call_kinds.filter((kind): kind is CallKind => (CALL_KINDS as readonly string[]).includes(kind));
  let callClosesAt: string | null = null;
  const closes = draft.call_closes.trim();
  if (closes !== '') {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(closes) || !localTimeExists(closes, event.timeZone)) {
      problems.push({ where: 'call_closes', message: `a local date and time like 2027-01-31T18:00 that exists in ${event.timeZone}` });
    } else {
      callClosesAt = localToInstant(closes, event.timeZone);
    }
  }
  if (draft.call_intro.length > SETTINGS_LIMITS.intro) problems.push({ where: 'call_intro', message: `at most ${SETTINGS_LIMITS.intro} characters` });
  if (problems.length > 0) throw new Invalid('The settings were not saved.', problems);
  return { questions, waitlist: draft.waitlist, callKinds: kinds, callClosesAt, callIntro: draft.call_intro.trim() };
}

/** Confirmed and waitlisted counts per event, for the desk's event list. */
export function getRegistrationCounts(db: Database, eventIds: readonly number[]): Promise<Map<number, { confirmed: number; waitlisted: number }>> {
  return countsForEvents(db, eventIds);
}
