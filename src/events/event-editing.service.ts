import type { Database, Executor } from '../db/database.js';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { bumpContentVersion } from '../content/content-version.queries.js';
import { invalidDraft, refuseSlugRace, slugTaken } from '../content/draft-fields.js';
import { resolveSectorIds } from '../content/taxonomy.service.js';
import { getIssuesListing } from '../issues/issues.service.js';
import { describeIssueRefs, type IssueRef } from '../issues/issues.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, NotFound, type Problem } from '../lib/errors.js';
import { checkEventDraft, type EventDraft } from './event-draft.js';
import type { Event, EventInput, Organiser } from './events.js';
import {
  deleteEventById, eventIdsBySlug, findEventsByIds, insertEvent, listEvents, updateEventById,
} from './events.queries.js';

// The desk's event services: list with filters, create, edit and delete. Every write checks the
// draft first, then runs in one transaction that also bumps the content version (so cached
// public pages change at once) and records who did it.

/** An event with the issues that list it (an event in an issue cannot be deleted). */
export interface DeskEvent {
  readonly event: Event;
  readonly issues: readonly IssueRef[];
}

/** Which events the desk's list shows. */
export interface EventFilter {
  readonly when: 'upcoming' | 'past' | 'all';
  readonly city?: string | undefined;
  readonly organiser?: Organiser | undefined;
}

/**
 * Events for the desk: upcoming soonest first (running ones included), past most recent first,
 * all in date order; plus every city in use, for the filter.
 */
export async function listDeskEvents(db: Executor, now: Date, filter: EventFilter): Promise<{ events: DeskEvent[]; cities: string[] }> {
  const all = await listEvents(db);
  const instant = now.toISOString();
  const cities = [...new Set(all.map((event) => event.city).filter((city): city is string => city !== null))].sort((a, b) => a.localeCompare(b, 'en'));
  let events = all.filter(
    (event) => (!filter.city || event.city === filter.city) && (!filter.organiser || event.organiser === filter.organiser),
  );
  if (filter.when === 'upcoming') events = events.filter((event) => event.endsAt > instant);
  if (filter.when === 'past') events = events.filter((event) => event.endsAt <= instant).reverse();
  const issues = await getIssuesListing(db, 'event', events.map((event) => event.id));
  return { events: events.map((event) => ({ event, issues: issues.get(event.id) ?? [] })), cities };
}

/** One event by id with the issues that list it; NotFound otherwise. */
export async function getDeskEvent(db: Executor, id: number): Promise<DeskEvent> {
  const event = (await findEventsByIds(db, [id])).get(id);
  if (!event) throw new NotFound('There is no such event; it may have been deleted.');
  const issues = await getIssuesListing(db, 'event', [id]);
  return { event, issues: issues.get(id) ?? [] };
}

/** Creates an event from a draft; throws `Invalid` naming every bad field. */
export async function createEvent(db: Database, clock: Clock, actor: Actor, draft: EventDraft): Promise<Event> {
  const input = checkEventDraft(draft);
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    await checkReferences(trx, input, undefined);
    const id = await insertEvent(trx, input, now);
    await bumpContentVersion(trx, now);
    await recordActivity(trx, clock, actor, 'event.create', { type: 'event', id, label: input.title }, input.slug);
    return (await getDeskEvent(trx, id)).event;
  }).catch(refuseSlugRace('event', input.slug));
}

/** Overwrites an event from a draft (its slug may change); throws `Invalid` or `NotFound`. */
export async function updateEvent(db: Database, clock: Clock, actor: Actor, id: number, draft: EventDraft): Promise<Event> {
  const input = checkEventDraft(draft);
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const before = (await getDeskEvent(trx, id)).event;
    await checkReferences(trx, input, id);
    await updateEventById(trx, id, input, now);
    await bumpContentVersion(trx, now);
    const detail = before.slug === input.slug ? input.slug : `${before.slug} → ${input.slug}`;
    await recordActivity(trx, clock, actor, 'event.update', { type: 'event', id, label: input.title }, detail);
    return (await getDeskEvent(trx, id)).event;
  }).catch(refuseSlugRace('event', input.slug));
}

/** Deletes an event no issue lists; `Conflict` names the issues otherwise. */
export async function deleteEvent(db: Database, clock: Clock, actor: Actor, id: number): Promise<Event> {
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const { event, issues } = await getDeskEvent(trx, id);
    if (issues.length > 0) {
      throw new Conflict(`“${event.title}” is listed in ${describeIssueRefs(issues)}. Remove it from those issues first; nothing was deleted.`);
    }
    await deleteEventById(trx, id);
    await bumpContentVersion(trx, now);
    await recordActivity(trx, clock, actor, 'event.delete', { type: 'event', id, label: event.title }, event.slug);
    return event;
  });
}

/** The slug must be free (or this event's own) and every sector must exist. */
async function checkReferences(db: Executor, input: EventInput, id: number | undefined): Promise<void> {
  const problems: Problem[] = [];
  const holder = (await eventIdsBySlug(db, [input.slug])).get(input.slug);
  if (holder !== undefined && holder !== id) problems.push(slugTaken('event', input.slug));
  const sectors = await resolveSectorIds(db, input.sectors);
  for (const slug of input.sectors) if (!sectors.has(slug)) problems.push({ where: 'sectors', message: `there is no sector “${slug}”` });
  if (problems.length > 0) throw invalidDraft(problems);
}
