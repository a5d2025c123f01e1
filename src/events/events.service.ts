import type { Executor } from '../db/database.js';
import { NotFound } from '../lib/errors.js';
import { compareText } from '../lib/compare.js';
import type { Event, Organiser } from './events.js';
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

/** The public calendar's filters (already validated). */
export interface CalendarFilter {
  readonly city?: string | undefined;
  readonly sector?: string | undefined;
  readonly organiser?: Organiser | undefined;
}

/** One page of the public calendar: every upcoming event on page 1, past events paged. */
export interface CalendarPage {
  readonly upcoming: Event[];
  readonly past: Event[];
  readonly page: number;
  readonly pages: number;
  readonly pastTotal: number;
  /** What the filters offer: the cities and sectors of all events. */
  readonly cities: string[];
  readonly sectors: { slug: string; name: string }[];
}

export const CALENDAR_PAGE_SIZE = 12;

/** Filters and pages the calendar (events are few, so this works on the loaded list). */
export async function getCalendarPage(db: Executor, now: Date, filter: CalendarFilter, page: number, pageSize = CALENDAR_PAGE_SIZE): Promise<CalendarPage> {
  const all = await listEvents(db);
  const cities = [...new Set(all.map((event) => event.city).filter((city): city is string => Boolean(city)))].sort(compareText);
  const sectorMap = new Map(all.flatMap((event) => event.sectors.map((sector) => [sector.slug, sector.name] as const)));
  const sectors = [...sectorMap].map(([slug, name]) => ({ slug, name })).sort((a, b) => compareText(a.name, b.name));
  const matching = all.filter(
    (event) =>
      (!filter.city || event.city === filter.city) &&
      (!filter.sector || event.sectors.some((sector) => sector.slug === filter.sector)) &&
      (!filter.organiser || event.organiser === filter.organiser),
  );
  const instant = now.toISOString();
  const past = matching.filter((event) => event.endsAt <= instant).reverse();
  const pages = Math.max(1, Math.ceil(past.length / pageSize));
  const current = Math.min(Math.max(1, page), pages);
  return {
    upcoming: current === 1 ? matching.filter((event) => event.endsAt > instant) : [],
    past: past.slice((current - 1) * pageSize, current * pageSize),
    page: current,
    pages,
    pastTotal: past.length,
    cities,
    sectors,
  };
}
