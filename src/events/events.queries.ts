import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { EventsTable } from '../db/tables/events.js';
import { splitBody } from '../content/body.js';
import { resolveSectorIds } from '../content/taxonomy.service.js';
import { compareText } from '../lib/compare.js';
import { groupBy } from '../lib/group-by.js';
import type { Event, EventInput } from './events.js';

const eventColumns = [
  'id', 'slug', 'title', 'body', 'starts_at', 'ends_at', 'time_zone', 'all_day', 'venue', 'address', 'city',
  'online', 'online_url', 'organiser', 'organiser_name', 'url', 'capacity', 'registration_opens_at',
  'registration_closes_at', 'updated_at',
] as const;

function eventValues(input: EventInput, now: string) {
  return {
    slug: input.slug,
    title: input.title,
    body: input.body,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    time_zone: input.timeZone,
    all_day: input.allDay ? 1 : 0,
    venue: input.venue,
    address: input.address,
    city: input.city,
    online: input.online ? 1 : 0,
    online_url: input.onlineUrl,
    organiser: input.organiser,
    organiser_name: input.organiserName,
    url: input.url,
    capacity: input.capacity,
    registration_opens_at: input.registrationOpensAt,
    registration_closes_at: input.registrationClosesAt,
    updated_at: now,
  };
}

/** Inserts or updates an event by slug, replacing its sectors. */
export async function upsertEvent(db: Executor, input: EventInput, now: string): Promise<number> {
  const { slug, ...values } = eventValues(input, now);
  const { id } = await db
    .insertInto('events')
    .values({ ...values, slug, created_at: now })
    .onConflict((oc) => oc.column('slug').doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceEventSectors(db, id, input.sectors);
  return id;
}

/** Inserts a new event (the slug must be free), with its sectors. */
export async function insertEvent(db: Executor, input: EventInput, now: string): Promise<number> {
  const { id } = await db
    .insertInto('events')
    .values({ ...eventValues(input, now), created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceEventSectors(db, id, input.sectors);
  return id;
}

/** Overwrites an event by id (its slug included), replacing its sectors. */
export async function updateEventById(db: Executor, id: number, input: EventInput, now: string): Promise<void> {
  await db.updateTable('events').set(eventValues(input, now)).where('id', '=', id).execute();
  await replaceEventSectors(db, id, input.sectors);
}

/** Deletes an event by id (its sectors go with it; the database refuses while an issue uses it). */
export async function deleteEventById(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('events').where('id', '=', id).execute();
}

async function replaceEventSectors(db: Executor, id: number, sectors: readonly string[]): Promise<void> {
  await db.deleteFrom('event_sectors').where('event_id', '=', id).execute();
  if (sectors.length === 0) return;
  const sectorIds = await resolveSectorIds(db, sectors);
  await db
    .insertInto('event_sectors')
    .values(
      sectors.map((slug, index) => {
        const sectorId = sectorIds.get(slug);
        if (sectorId === undefined) throw new Error(`unknown sector "${slug}"`);
        return { event_id: id, sector_id: sectorId, position: index + 1 };
      }),
    )
    .execute();
}

/** Maps event slugs to ids; unknown slugs are absent. */
export async function eventIdsBySlug(db: Executor, slugs: readonly string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const rows = await db.selectFrom('events').select(['id', 'slug']).where('slug', 'in', [...slugs]).execute();
  return new Map(rows.map((row) => [row.slug, row.id]));
}

/** Loads events by id, with their sectors. */
export async function findEventsByIds(db: Executor, ids: readonly number[]): Promise<Map<number, Event>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('events').select(eventColumns).where('id', 'in', [...new Set(ids)]).execute();
  return withSectors(db, rows);
}

/** Every event, oldest first. */
export async function listEvents(db: Executor): Promise<Event[]> {
  const rows = (await db.selectFrom('events').select(eventColumns).execute()).sort(
    (a, b) => compareText(a.starts_at, b.starts_at) || compareText(a.slug, b.slug),
  );
  return [...(await withSectors(db, rows)).values()];
}

/** One event by slug, or undefined. */
export async function findEventBySlug(db: Executor, slug: string): Promise<Event | undefined> {
  const row = await db.selectFrom('events').select(eventColumns).where('slug', '=', slug).executeTakeFirst();
  if (!row) return undefined;
  return (await withSectors(db, [row])).get(row.id);
}

type EventRow = Omit<Selectable<EventsTable>, 'created_at'>;

async function withSectors(db: Executor, rows: readonly EventRow[]): Promise<Map<number, Event>> {
  const ids = rows.map((row) => row.id);
  const sectors =
    ids.length === 0
      ? []
      : await db
          .selectFrom('event_sectors')
          .innerJoin('sectors', 'sectors.id', 'event_sectors.sector_id')
          .select(['event_sectors.event_id', 'sectors.slug', 'sectors.name'])
          .where('event_sectors.event_id', 'in', ids)
          .orderBy('event_sectors.event_id')
          .orderBy('event_sectors.position')
          .execute();
  const sectorsOf = groupBy(sectors, (row) => row.event_id, (row) => ({ slug: row.slug, name: row.name }));
  return new Map(rows.map((row) => [row.id, toEvent(row, sectorsOf.get(row.id) ?? [])]));
}

function toEvent(row: EventRow, sectors: Event['sectors']): Event {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    body: splitBody(row.body),
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    timeZone: row.time_zone,
    allDay: Boolean(row.all_day),
    venue: row.venue,
    address: row.address,
    city: row.city,
    online: Boolean(row.online),
    onlineUrl: row.online_url,
    organiser: row.organiser,
    organiserName: row.organiser_name,
    url: row.url,
    capacity: row.capacity,
    registrationOpensAt: row.registration_opens_at,
    registrationClosesAt: row.registration_closes_at,
    sectors,
    updatedAt: row.updated_at,
  };
}
