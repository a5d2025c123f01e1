import type { Executor } from '../db/database.js';
import { NotFound } from '../lib/errors.js';
import type { Event } from './events.js';
import { findEventBySlug, findEventsByIds, listEvents } from './events.queries.js';

/** Loads events by id. */
export function getEventsByIds(db: Executor, ids: readonly number[]): Promise<Map<number, Event>> {
  return findEventsByIds(db, ids);
}

/** Every event, oldest first. */
export function getAllEvents(db: Executor): Promise<Event[]> {
  return listEvents(db);
}

/** Events split at `now`: upcoming soonest first (running ones included), past most recent first. */
export async function getEventCalendar(db: Executor, now: Date): Promise<{ upcoming: Event[]; past: Event[] }> {
  const events = await listEvents(db);
  const instant = now.toISOString();
  return {
    upcoming: events.filter((event) => event.endsAt > instant),
    past: events.filter((event) => event.endsAt <= instant).reverse(),
  };
}

/** One event by slug; NotFound otherwise. */
export async function getEvent(db: Executor, slug: string): Promise<Event> {
  const event = await findEventBySlug(db, slug);
  if (!event) throw new NotFound(`no event "${slug}"`);
  return event;
}
