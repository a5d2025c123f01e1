import { teaserSummary, viewBody, type Audience, type BodyView } from '../content/audience.js';
import { formatEventSpan, instantToLocalDate } from '../lib/local-time.js';
import { safeHref } from '../lib/markdown.js';
import type { Event } from './events.js';

// An event as an audience may see it (pages, emails, calendar links): never its online link,
// members-only text only for members.

export interface EventView {
  readonly slug: string;
  readonly title: string;
  readonly when: string;
  /** For `<time datetime>`: the local first day of an all-day event, else the UTC instant. */
  readonly datetime: string;
  /** Venue, address and city (and "online"), as one line. */
  readonly place: string | null;
  readonly own: boolean;
  readonly organiserName: string | null;
  readonly url: string | null;
  readonly body: BodyView;
  readonly label: string | null;
  /** ISO UTC instants and the IANA zone (for calendar links and the reader's-time script). */
  readonly startsAt: string;
  readonly endsAt: string;
  readonly timeZone: string;
  readonly allDay: boolean;
  readonly city: string | null;
  readonly sectors: readonly { readonly slug: string; readonly name: string }[];
  /** Plain text of the public teaser (never members-only), for calendar links. */
  readonly summary: string;
}

/** An event as pages show it to `audience`: its span formatted in the event's own zone. */
export function viewEvent(event: Event, audience: Audience, label: string | null = null): EventView {
  const place = [event.venue, event.address, event.city && !(event.address ?? '').includes(event.city) ? event.city : null]
    .filter((part): part is string => Boolean(part))
    .join(', ');
  return {
    slug: event.slug,
    title: event.title,
    when: formatEventSpan(event),
    datetime: event.allDay ? instantToLocalDate(event.startsAt, event.timeZone) : event.startsAt,
    place: place === '' ? (event.online ? 'Online' : null) : event.online ? `${place} and online` : place,
    own: event.organiser === 'own',
    organiserName: event.organiserName,
    url: safeHref(event.url),
    body: viewBody(event.body, audience),
    label,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timeZone: event.timeZone,
    allDay: event.allDay,
    city: event.city,
    sectors: event.sectors.map((sector) => ({ slug: sector.slug, name: sector.name })),
    summary: teaserSummary(event.body, 500),
  };
}

/** Compact UTC (`20240304T013000Z`) or, for all-day events, local dates (`20240304`). */
function calendarStamp(instant: string, event: Pick<EventView, 'allDay' | 'timeZone'>): string {
  if (event.allDay) return instantToLocalDate(instant, event.timeZone).replace(/-/g, '');
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** An "add to Google Calendar" link with the public facts only (no members-only text, no online link). */
export function googleCalendarUrl(event: EventView, siteUrl: string): string {
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: event.title,
    dates: `${calendarStamp(event.startsAt, event)}/${calendarStamp(event.endsAt, event)}`,
    ctz: event.timeZone,
    details: `${event.summary}\n\n${siteUrl}/events/${event.slug}`.trim(),
    ...(event.place ? { location: event.place } : {}),
  });
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}
