import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, Invalid, NotFound, type Problem } from '../lib/errors.js';
import { mailLanguageOf } from '../members/contacts.service.js';
import { hashToken, newToken } from '../lib/tokens.js';
import { enqueueEmail } from '../mail/email.js';
import { withFooter } from '../settings/settings.service.js';
import * as proposalDecisionEmail from './emails/proposal-decision.email.js';
import * as proposalReceivedEmail from './emails/proposal-received.email.js';
import { eventWhen, type EventMailSite } from './event-mail.js';
import type { Event } from './events.js';
import { findSettings, findSubmission, findSubmissionByWithdrawKey, insertSubmission, listSubmissions, updateSubmission } from './registrations.queries.js';
import { CALL_KINDS, callOpen, type CallKind, type EventSettings, type Submission, type SubmissionStatus } from './registrations.js';

// Calls for speakers and partners: anyone may submit a proposal to an open call (external
// speakers are rarely contacts), withdraw it through a private link, and the desk decides.

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

/** Checks a proposal without storing it: `Conflict` when the call is closed, `Invalid` for bad fields. */
export async function checkCallSubmission(db: Database, clock: Clock, event: Event, form: SubmissionForm): Promise<ReturnType<typeof checkSubmission>> {
  const settings = await findSettings(db, event.id);
  if (!callOpen(settings, event, clock.now())) throw new Conflict(settings.callKinds.length === 0 ? 'This event has no call for speakers or partners.' : 'The call for this event has closed. Nothing was submitted.');
  return checkSubmission(form, settings);
}

/** Stores a proposal and enqueues the acknowledgement with the private withdraw link, in one transaction. */
export async function submitToCall(db: Database, clock: Clock, site: EventMailSite, event: Event, form: SubmissionForm): Promise<Submission> {
  const checked = await checkCallSubmission(db, clock, event, form);
  const token = newToken();
  const now = clock.now().toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertSubmission(trx, { eventId: event.id, ...checked, withdrawKey: hashToken(token), now });
    await recordActivity(trx, clock, { type: 'system', id: null, label: checked.email }, 'event.submission', { type: 'event', id: event.id, label: event.title }, `${checked.kind}: ${checked.title}`);
    await enqueueEmail(trx, clock, proposalReceivedEmail, checked.email, {
      name: checked.name, kind: checked.kind, title: checked.title, eventTitle: event.title, withdrawUrl: `${site.url}/events/${event.slug}/call/withdraw/${token}`, siteName: site.name,
    }, await withFooter(trx, site, await mailLanguageOf(trx, checked.email)));
    return id;
  });
  return (await findSubmission(db, id))!;
}

/**
 * The submission behind a withdraw link (for the confirmation page). The link names its event:
 * a token of a proposal to another event is as unusable as an unknown one, so a link never
 * works under an address that is not its own.
 */
export async function getSubmissionByToken(db: Database, event: Pick<Event, 'id'>, token: string): Promise<Submission> {
  const submission = token.length <= 100 ? await findSubmissionByWithdrawKey(db, hashToken(token)) : undefined;
  if (!submission || submission.eventId !== event.id) throw new NotFound('This withdraw link is not valid.');
  return submission;
}

/** The submitter withdraws through their private link, under its own event. */
export async function withdrawSubmission(db: Database, clock: Clock, event: Pick<Event, 'id'>, token: string): Promise<Submission> {
  const submission = await getSubmissionByToken(db, event, token);
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
export async function reviewSubmission(db: Database, clock: Clock, site: EventMailSite, actor: Actor, event: Event, id: number, review: { status: SubmissionStatus; reviewNotes: string }): Promise<Submission> {
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
    if (decided) {
      await enqueueEmail(trx, clock, proposalDecisionEmail, submission.email, {
        accepted: review.status === 'accepted', name: submission.name, kind: submission.kind, title: submission.title, eventTitle: event.title, when: eventWhen(event), siteName: site.name,
      }, await withFooter(trx, site, await mailLanguageOf(trx, submission.email)));
    }
  });
  return getSubmission(db, id);
}
