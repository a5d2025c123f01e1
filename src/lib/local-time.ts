import { DateTime } from 'luxon';

// Events are stored as UTC instants plus an IANA zone. These functions convert the content
// format's local dates and times to instants and back, and format ranges for readers.

/** Converts `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` in `zone` to an ISO UTC instant. */
export function localToInstant(local: string, zone: string): string {
  return toUtcIso(DateTime.fromISO(local, { zone }), local, zone);
}

/** The instant of local midnight after `date` (the exclusive end of an all-day range). */
export function dayAfterToInstant(date: string, zone: string): string {
  return toUtcIso(DateTime.fromISO(date, { zone }).plus({ days: 1 }).startOf('day'), date, zone);
}

/**
 * Does this local time exist in the zone? In the hour that clocks skip (e.g. 02:30 on the
 * last Sunday of March in Berlin) it does not, and would silently become another time.
 */
export function localTimeExists(local: string, zone: string): boolean {
  if (!local.includes('T')) return true;
  const time = DateTime.fromISO(local, { zone });
  return time.isValid && time.toFormat("yyyy-MM-dd'T'HH:mm") === local;
}

function toUtcIso(time: DateTime, input: string, zone: string): string {
  const iso = time.isValid ? time.toUTC().toISO() : null;
  if (!iso) throw new Error(`invalid local time "${input}" in ${zone}`);
  return iso;
}

/** An instant shown as a local `YYYY-MM-DDTHH:MM` in `zone` (the content format's form). */
export function instantToLocal(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** An instant shown as the local date `YYYY-MM-DD` in `zone`. */
export function instantToLocalDate(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).toFormat('yyyy-MM-dd');
}

/** The last local day of an all-day range that ends (exclusively) at `endsAt`. */
export function lastDayOf(endsAt: string, zone: string): string {
  return DateTime.fromISO(endsAt, { zone: 'utc' }).setZone(zone).minus({ days: 1 }).toFormat('yyyy-MM-dd');
}

// Intl gives "GMT+8" for China; readers expect the abbreviations in use there.
const ABBREVIATIONS: Record<string, (offsetMinutes: number) => string> = {
  'Asia/Shanghai': () => 'CST',
  'Asia/Chongqing': () => 'CST',
  'Asia/Taipei': () => 'CST',
  'Asia/Hong_Kong': () => 'HKT',
  'Asia/Macau': () => 'CST',
  'Europe/Berlin': (offset) => (offset === 120 ? 'CEST' : 'CET'),
  'Europe/Vienna': (offset) => (offset === 120 ? 'CEST' : 'CET'),
  'Europe/Zurich': (offset) => (offset === 120 ? 'CEST' : 'CET'),
  'Europe/London': (offset) => (offset === 60 ? 'BST' : 'GMT'),
  UTC: () => 'UTC',
};

/** The zone's short label at an instant: "CST" for China, "CET"/"CEST" for Germany. */
export function zoneLabel(instant: string, zone: string): string {
  const time = DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone);
  const known = ABBREVIATIONS[zone];
  if (known) return known(time.offset);
  return time.toFormat('ZZZZ');
}

/** An event's time span, as readers see it. */
export interface EventSpan {
  readonly startsAt: string;
  readonly endsAt: string;
  readonly timeZone: string;
  readonly allDay: boolean;
}

/**
 * "March 4–6, 2024" (all-day), "November 24, 2023, 09:30–17:00 CST" (same day),
 * "December 30, 2023, 20:00 CST – January 2, 2024, 02:00 CST" (spanning days).
 */
export function formatEventSpan(span: EventSpan): string {
  const start = DateTime.fromISO(span.startsAt, { zone: 'utc' }).setZone(span.timeZone);
  if (span.allDay) {
    const last = DateTime.fromISO(span.endsAt, { zone: 'utc' }).setZone(span.timeZone).minus({ days: 1 });
    return formatDateRange(start, last);
  }
  const end = DateTime.fromISO(span.endsAt, { zone: 'utc' }).setZone(span.timeZone);
  const startLabel = zoneLabel(span.startsAt, span.timeZone);
  const endLabel = zoneLabel(span.endsAt, span.timeZone);
  if (start.hasSame(end, 'day')) {
    // On the night clocks change, each end gets its own label ("01:00 CEST–04:00 CET").
    const from = startLabel === endLabel ? start.toFormat('HH:mm') : `${start.toFormat('HH:mm')} ${startLabel}`;
    return `${start.toFormat('MMMM d, yyyy')}, ${from}–${end.toFormat('HH:mm')} ${endLabel}`;
  }
  return `${start.toFormat('MMMM d, yyyy, HH:mm')} ${startLabel} – ${end.toFormat('MMMM d, yyyy, HH:mm')} ${endLabel}`;
}

/** "March 4–6, 2024", "November 28 – December 2, 2023", "December 30, 2023 – January 2, 2024". */
export function formatDateRange(first: DateTime, last: DateTime): string {
  if (first.hasSame(last, 'day')) return first.toFormat('MMMM d, yyyy');
  if (first.hasSame(last, 'month')) return `${first.toFormat('MMMM d')}–${last.toFormat('d, yyyy')}`;
  if (first.hasSame(last, 'year')) return `${first.toFormat('MMMM d')} – ${last.toFormat('MMMM d, yyyy')}`;
  return `${first.toFormat('MMMM d, yyyy')} – ${last.toFormat('MMMM d, yyyy')}`;
}

/** Formats a `YYYY-MM-DD` date for readers: "December 31, 2023". */
export function formatDate(date: string): string {
  return DateTime.fromISO(date, { zone: 'utc' }).toFormat('MMMM d, yyyy');
}

/** An instant as readers see it in `zone`: "November 7, 2023, 23:59 CST". */
export function formatInstant(instant: string, zone: string): string {
  const time = DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone);
  return `${time.toFormat('MMMM d, yyyy, HH:mm')} ${zoneLabel(instant, zone)}`;
}
