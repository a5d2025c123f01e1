import type { ItemStore } from '../content/item-store.js';
import { resolveSectorIds } from '../content/taxonomy.service.js';
import type { Problem } from '../lib/errors.js';
import { checkEventDraft, type EventDraft } from './event-draft.js';
import type { Event, EventInput, Organiser } from './events.js';
import { deleteEventById, eventIdsBySlug, findEventsByIds, insertEvent, listEvents, updateEventById } from './events.queries.js';

/** Events for the desk's one editing service (`issues/item-editing.service.ts`). */
export const EVENT_STORE: ItemStore<EventDraft, EventInput, Event> = {
  kind: 'event',
  check: checkEventDraft,
  async checkReferences(db, input) {
    const sectors = await resolveSectorIds(db, input.sectors);
    return input.sectors.filter((slug) => !sectors.has(slug)).map((slug): Problem => ({ where: 'sectors', message: `there is no sector “${slug}”` }));
  },
  list: listEvents,
  findByIds: findEventsByIds,
  idsBySlug: eventIdsBySlug,
  insert: insertEvent,
  update: updateEventById,
  remove: deleteEventById,
};

/** Which events the desk's list shows. */
export interface EventFilter {
  readonly when: 'upcoming' | 'past' | 'all';
  readonly city?: string | undefined;
  readonly organiser?: Organiser | undefined;
}

/** Every city in use, for the desk's filter. */
export function citiesOf(events: readonly Event[]): string[] {
  return [...new Set(events.map((event) => event.city).filter((city): city is string => city !== null))].sort((a, b) => a.localeCompare(b, 'en'));
}

/**
 * The desk's event list at `now`: upcoming soonest first (running ones included), past most
 * recent first, all in date order.
 */
export function filterDeskEvents(events: readonly Event[], now: Date, filter: EventFilter): Event[] {
  const instant = now.toISOString();
  let kept = events.filter((event) => (!filter.city || event.city === filter.city) && (!filter.organiser || event.organiser === filter.organiser));
  if (filter.when === 'upcoming') kept = kept.filter((event) => event.endsAt > instant);
  if (filter.when === 'past') kept = kept.filter((event) => event.endsAt <= instant).reverse();
  return kept;
}
