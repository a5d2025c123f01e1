import ical, { ICalCalendarMethod } from 'ical-generator';
import { DateTime } from 'luxon';
import { teaserText } from '../content/audience.js';
import type { Event } from './events.js';

// iCalendar (RFC 5545) for events. Times are luxon DateTimes in the event's own zone with a
// TZID and one VTIMEZONE per zone used (a plain Date plus a zone would write the server's
// local time under the zone's name). Every VTIMEZONE is computed from luxon, i.e. the runtime's
// current tz database: a bundled VTIMEZONE set goes stale when a country changes its rules
// (Brazil dropped DST in 2019, Mexico in 2022), and a reader trusting it would shift the event
// by an hour. All-day ranges are DATE values with an exclusive end.
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
  calendar.timezone({ name: null, generator: (zone) => vtimezoneFromLuxon(zone, events) });
  const stamp = DateTime.fromJSDate(options.now, { zone: 'utc' });
  for (const event of events) {
    const start = DateTime.fromISO(event.startsAt, { zone: 'utc' }).setZone(event.timeZone);
    const end = DateTime.fromISO(event.endsAt, { zone: 'utc' }).setZone(event.timeZone);
    const url = `${options.siteUrl}/events/${event.slug}`;
    const teaser = teaserText(event.body);
    const online = options.withOnlineLink && event.online && event.onlineUrl ? `\n\nJoin online: ${event.onlineUrl}` : '';
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
 * The VTIMEZONE of `zone` from luxon's offsets (the runtime's tz database): one STANDARD or
 * DAYLIGHT block per offset change from the year before the zone's first event to two years
 * after its last, each change found to the minute.
 */
export function vtimezoneFromLuxon(zone: string, events: readonly Event[]): string | null {
  const years = events.filter((event) => event.timeZone === zone).map((event) => Number(event.startsAt.slice(0, 4)));
  if (years.length === 0 || !DateTime.local().setZone(zone).isValid) return null;
  const from = DateTime.fromObject({ year: Math.min(...years) - 1 }, { zone });
  const until = DateTime.fromObject({ year: Math.max(...years) + 2 }, { zone });
  const blocks: string[] = [];
  const fmt = (minutes: number) => `${minutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
  const offsetAt = (millis: number) => DateTime.fromMillis(millis, { zone }).offset;
  let previous = from.offset;
  blocks.push(['BEGIN:STANDARD', `TZOFFSETFROM:${fmt(previous)}`, `TZOFFSETTO:${fmt(previous)}`, `DTSTART:${from.toFormat("yyyyMMdd'T'HHmmss")}`, 'END:STANDARD'].join('\r\n'));
  // Day by day (offset changes are months apart); a change is then narrowed to the minute.
  const DAY = 86_400_000;
  const MINUTE = 60_000;
  for (let day = from.toMillis(); day < until.toMillis(); day += DAY) {
    if (offsetAt(day + DAY) === previous) continue;
    let low = day;
    let high = day + DAY;
    while (high - low > MINUTE) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
      if (offsetAt(middle) === previous) low = middle;
      else high = middle;
    }
    const change = DateTime.fromMillis(high, { zone });
    const kind = change.isInDST ? 'DAYLIGHT' : 'STANDARD';
    // DTSTART of an onset is the local time before the change (RFC 5545 §3.6.5).
    const local = DateTime.fromMillis(high, { zone: 'utc' }).plus({ minutes: previous });
    blocks.push([`BEGIN:${kind}`, `TZOFFSETFROM:${fmt(previous)}`, `TZOFFSETTO:${fmt(change.offset)}`, `DTSTART:${local.toFormat("yyyyMMdd'T'HHmmss")}`, `END:${kind}`].join('\r\n'));
    previous = change.offset;
  }
  return ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...blocks, 'END:VTIMEZONE'].join('\r\n');
}
