import { createHash } from 'node:crypto';
import type { CallKind, RegistrationStatus, SubmissionStatus } from '../db/tables/events.js';
import type { Event } from './events.js';

// Registration for our own events: per-event questions, capacity, a waitlist with automatic
// promotion, and calls for speakers and partners.

// The fixed values of the registration and submission columns are declared once, with the table types.
export {
  CALL_KINDS, REGISTRATION_STATUSES, SUBMISSION_STATUSES, type CallKind, type RegistrationStatus, type SubmissionStatus,
} from '../db/tables/events.js';

/** A question asked at registration; a `choice` question offers fixed answers. */
export interface RegistrationQuestion {
  readonly label: string;
  readonly required: boolean;
  /** Empty: a free-text answer. */
  readonly choices: readonly string[];
}

/** The hidden form field carrying `questionsDigest` of the questions the form was rendered with. */
export const QUESTIONS_FIELD = 'questions_version';

/**
 * A short digest of the questions (labels, required, choices, order). The registration form
 * carries it; answers (`q0`, `q1`, … by position) are refused when the desk changed or
 * reordered the questions between rendering and submitting.
 */
export function questionsDigest(questions: readonly RegistrationQuestion[]): string {
  const canonical = questions.map((question) => [question.label, question.required, [...question.choices]]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16);
}

/** What the desk sets per event beyond the event itself. */
export interface EventSettings {
  readonly questions: readonly RegistrationQuestion[];
  /** When full: take people onto a waitlist (true) or refuse (false). */
  readonly waitlist: boolean;
  /** The call for speakers/partners: open for these kinds until `callClosesAt`. Empty: no call. */
  readonly callKinds: readonly CallKind[];
  /** ISO UTC; submissions are refused from then on. Null: the call closes when the event starts. */
  readonly callClosesAt: string | null;
  /** What the call asks for (Markdown, public). */
  readonly callIntro: string;
}

export const DEFAULT_SETTINGS: EventSettings = { questions: [], waitlist: true, callKinds: [], callClosesAt: null, callIntro: '' };

export interface Answer {
  readonly question: string;
  readonly answer: string;
}

/** One person's registration for one event. */
export interface Registration {
  readonly id: number;
  readonly eventId: number;
  readonly contactId: number;
  readonly email: string;
  readonly name: string;
  readonly company: string | null;
  readonly status: RegistrationStatus;
  readonly answers: readonly Answer[];
  readonly registeredAt: string;
  readonly confirmedAt: string | null;
  readonly cancelledAt: string | null;
  readonly checkedInAt: string | null;
}

/** A proposal sent to an event's call for speakers or partners. */
export interface Submission {
  readonly id: number;
  readonly eventId: number;
  readonly kind: CallKind;
  readonly name: string;
  readonly email: string;
  readonly organisation: string;
  readonly title: string;
  readonly summary: string;
  readonly status: SubmissionStatus;
  readonly reviewNotes: string;
  readonly decidedAt: string | null;
  readonly createdAt: string;
}

/** Registration is offered for our own events that have a capacity or a registration window. */
export function offersRegistration(event: Pick<Event, 'organiser' | 'capacity' | 'registrationOpensAt' | 'registrationClosesAt'>): boolean {
  return event.organiser === 'own' && (event.capacity !== null || event.registrationOpensAt !== null || event.registrationClosesAt !== null);
}

/** When registration closes: the set deadline, else the event's start. */
export function registrationDeadline(event: Pick<Event, 'registrationClosesAt' | 'startsAt'>): string {
  return event.registrationClosesAt ?? event.startsAt;
}

/** Why registration is not possible right now (pages say it in their language), or null when it is open. */
export type RegistrationClosed = 'notOffered' | 'notOpen' | 'closed';

/** Why registration is not possible right now, or null when it is open. */
export function registrationClosedAt(event: Event, now: Date): RegistrationClosed | null {
  if (!offersRegistration(event)) return 'notOffered';
  const instant = now.toISOString();
  if (event.registrationOpensAt && instant < event.registrationOpensAt) return 'notOpen';
  if (instant >= registrationDeadline(event)) return 'closed';
  return null;
}

const CLOSED_REASONS: Readonly<Record<RegistrationClosed, string>> = {
  notOffered: 'This event does not take registrations here.',
  notOpen: 'Registration has not opened yet.',
  closed: 'Registration for this event has closed.',
};

/** Why registration is not possible right now, as the service's error says it, or null when it is open. */
export function registrationClosedReason(event: Event, now: Date): string | null {
  const closed = registrationClosedAt(event, now);
  return closed ? CLOSED_REASONS[closed] : null;
}

/** When the call closes: its own deadline, else when the event starts. */
export function callDeadline(settings: EventSettings, event: Pick<Event, 'startsAt'>): string {
  return settings.callClosesAt ?? event.startsAt;
}

/** Is the call (for `kind`) open at `now`? */
export function callOpen(settings: EventSettings, event: Pick<Event, 'startsAt'>, now: Date, kind?: CallKind): boolean {
  if (settings.callKinds.length === 0) return false;
  if (kind && !settings.callKinds.includes(kind)) return false;
  return now.toISOString() < callDeadline(settings, event);
}

/**
 * Questions as the desk types them, one per line: `* ` in front makes one required, and
 * `[a | b | c]` at the end makes it a choice between those answers.
 */
export function parseQuestions(text: string): RegistrationQuestion[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const required = line.startsWith('*');
      let label = required ? line.slice(1).trim() : line;
      let choices: string[] = [];
      const match = /^(.*?)\s*\[([^\]]*)\]$/.exec(label);
      if (match) {
        label = match[1]!.trim();
        choices = match[2]!.split('|').map((choice) => choice.trim()).filter((choice) => choice !== '');
      }
      return { label, required, choices };
    });
}

/** The questions back in the desk's text form. */
export function formatQuestions(questions: readonly RegistrationQuestion[]): string {
  return questions.map((q) => `${q.required ? '* ' : ''}${q.label}${q.choices.length > 0 ? ` [${q.choices.join(' | ')}]` : ''}`).join('\n');
}
