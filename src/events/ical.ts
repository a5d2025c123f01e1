import ical, { ICalCalendarMethod } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';
import { markdownToText } from '../lib/markdown.js';
import type { Event } from './events.js';

// iCalendar (RFC 5545) for events. Times are luxon DateTimes in the event's own zone with a
// TZID and one VTIMEZONE per zone used (a plain Date plus a zone would write the server's
// local time under the zone's name). All-day ranges are DATE values with an exclusive end.
// The text is the public teaser only: members-only text never goes into a calendar file, and
// the online link only into the copy a registrant receives.

/** What a calendar file is built for. */
export interface CalendarOptions {
  /** Absolute site URL without a trailing slash (for UIDs and event links). */
  readonly siteUrl: string;
  readonly siteName: string;
  /** DTSTAMP: when this file was produced (UTC). */
  readonly now: Date;
  /** The calendar's name, for subscribed feeds. */
  readonly name?: string;
  /** Only for a registrant's own copy: include each event's online link. */
  readonly withOnlineLink?: boolean;
}

/** The UID of an event: its id and the site's host, never changing when the event is edited. */
export function eventUid(event: Pick<Event, 'id'>, siteUrl: string): string {
  return `event-${event.id}@${new URL(siteUrl).host}`;
}

/** One VCALENDAR holding `events`, folded and CRLF-terminated. */
export function renderCalendar(events: readonly Event[], options: CalendarOptions): string {
  const calendar = ical({
    prodId: { company: options.siteName, product: 'events', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ...(options.name ? { name: options.name } : {}),
    ttl: 60 * 60 * 6,
  });
  calendar.timezone({ name: null, generator: (zone) => getVtimezoneComponent(zone) ?? vtimezoneFromLuxon(zone, events) });
  const stamp = DateTime.fromJSDate(options.now, { zone: 'utc' });
  for (const event of events) {
    const start = DateTime.fromISO(event.startsAt, { zone: 'utc' }).setZone(event.timeZone);
    const end = DateTime.fromISO(event.endsAt, { zone: 'utc' }).setZone(event.timeZone);
    const url = `${options.siteUrl}/events/${event.slug}`;
    const teaser = markdownToText(event.body.teaser).trim();
    const online = options.withOnlineLink && event.onlineUrl ? `\n\nJoin online: ${event.onlineUrl}` : '';
    calendar.createEvent({
      id: eventUid(event, options.siteUrl),
      stamp,
      start,
      end,
      allDay: event.allDay,
      ...(event.allDay ? {} : { timezone: event.timeZone }),
      summary: event.title,
      description: `${teaser}${teaser ? '\n\n' : ''}${url}${online}`,
      location: place(event),
      url,
      lastModified: DateTime.fromISO(event.updatedAt, { zone: 'utc' }),
      categories: event.sectors.map((sector) => ({ name: sector.name })),
    });
  }
  return refold(calendar.toString());
}

function place(event: Event): string | null {
  const parts = [event.venue, event.address, event.city && !(event.address ?? '').includes(event.city) ? event.city : null].filter(Boolean);
  if (event.online) parts.push('Online');
  return parts.length === 0 ? null : parts.join(', ');
}

/**
 * Re-folds content lines at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character: the
 * generator's own folding is undone first, so the result does not depend on how it counts.
 */
export function refold(text: string): string {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/).filter((line) => line !== '');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

/**
 * A VTIMEZONE for a zone the bundled set does not know, from luxon's offsets: one STANDARD
 * (and DAYLIGHT) block per offset change in the years the events span.
 */
function vtimezoneFromLuxon(zone: string, events: readonly Event[]): string | null {
  const years = events.filter((event) => event.timeZone === zone).map((event) => Number(event.startsAt.slice(0, 4)));
  if (years.length === 0 || !DateTime.local().setZone(zone).isValid) return null;
  const from = DateTime.fromObject({ year: Math.min(...years) - 1 }, { zone });
  const until = DateTime.fromObject({ year: Math.max(...years) + 2 }, { zone });
  const blocks: string[] = [];
  const fmt = (minutes: number) => `${minutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
  let previous = from.offset;
  blocks.push(['BEGIN:STANDARD', `TZOFFSETFROM:${fmt(previous)}`, `TZOFFSETTO:${fmt(previous)}`, `DTSTART:${from.toFormat("yyyyMMdd'T'HHmmss")}`, 'END:STANDARD'].join('\r\n'));
  // Walk hour by hour looking for offset changes (a few years: cheap, and exact to the hour).
  for (let time = from; time < until; time = time.plus({ hours: 1 })) {
    if (time.offset === previous) continue;
    const kind = time.isInDST ? 'DAYLIGHT' : 'STANDARD';
    const local = time.toUTC().plus({ minutes: previous });
    blocks.push([`BEGIN:${kind}`, `TZOFFSETFROM:${fmt(previous)}`, `TZOFFSETTO:${fmt(time.offset)}`, `DTSTART:${local.toFormat("yyyyMMdd'T'HHmmss")}`, `END:${kind}`].join('\r\n'));
    previous = time.offset;
  }
  return ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...blocks, 'END:VTIMEZONE'].join('\r\n');
}
