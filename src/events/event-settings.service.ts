import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { bumpContentVersion } from '../content/content-version.service.js';
import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Invalid, type Problem } from '../lib/errors.js';
import { instantToLocal, localTimeExists, localToInstant } from '../lib/local-time.js';
import type { Event } from './events.js';
import { SETTINGS_LIMITS } from './event.schema.js';
import { findSettings, findSettingsOf, saveSettings } from './registrations.queries.js';
import { CALL_KINDS, formatQuestions, parseQuestions, type CallKind, type EventSettings } from './registrations.js';

// An event's registration settings: its questions, the waitlist choice and its call for
// speakers and partners; and the desk's form for them.

/** An event's questions, waitlist choice and call. */
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

/** The settings form as typed: questions in their text form, the call's closing local time. */
export interface SettingsDraft {
  readonly questions: string;
  readonly waitlist: boolean;
  readonly call_kinds: readonly string[];
  readonly call_closes: string;
  readonly call_intro: string;
}

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
