import { teaserSummary, viewBody, type Audience, type BodyView } from '../content/audience.js';
import { formatDate, formatEventWhen, formatTime, zoneLabel } from '../i18n/format.js';
import type { Language } from '../i18n/languages.js';
import { translator } from '../i18n/messages.js';
import { instantToLocalDate } from '../lib/local-time.js';
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

/** An event as pages show it to `audience` in `language`: its span formatted in the event's own zone. */
export function viewEvent(event: Event, audience: Audience, language: Language, label: string | null = null): EventView {
  const t = translator(language);
  const place = [event.venue, event.address, event.city && !(event.address ?? '').includes(event.city) ? event.city : null]
    .filter((part): part is string => Boolean(part))
    .join(', ');
  return {
    slug: event.slug,
    title: event.title,
    when: formatEventWhen(language, { starts: event.startsAt, ends: event.endsAt, timeZone: event.timeZone, allDay: event.allDay }),
    datetime: event.allDay ? instantToLocalDate(event.startsAt, event.timeZone) : event.startsAt,
    place: place === '' ? (event.online ? t('reading.event.online') : null) : event.online ? t('reading.event.placeAndOnline', { place }) : place,
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

/** A deadline of an event (registration, its call for proposals), formatted per language by `formatDeadline`. */
export interface DeadlineView {
  readonly instant: string;
  readonly timeZone: string;
  readonly allDay: boolean;
  /** The deadline is simply the event's start, and the text says so. */
  readonly atStart: boolean;
}

/** The deadline `instant` of `event`. */
export function deadlineOf(instant: string, event: Pick<Event, 'startsAt' | 'timeZone' | 'allDay'>): DeadlineView {
  return { instant, timeZone: event.timeZone, allDay: event.allDay, atStart: instant === event.startsAt };
}

/** "7 November 2023, 23:59 China time (UTC+8)"; the event's start says so ("4 March 2024, when the event starts"). */
export function formatDeadline(language: Language, deadline: DeadlineView): string {
  const t = translator(language);
  const { instant, timeZone: zone } = deadline;
  const date = formatDate(language, { instant, zone });
  if (deadline.atStart && deadline.allDay) return t('reading.event.whenItStarts', { date });
  const text = t('reading.event.instant', { date, time: formatTime(language, instant, zone), zone: zoneLabel(language, zone, instant) });
  return deadline.atStart ? t('reading.event.whenItStarts', { date: text }) : text;
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
