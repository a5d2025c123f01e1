import { z } from 'zod';
import { joinBody } from '../content/body.js';
import { checkDraftBody, invalidDraft, normaliseLines, optionalText, problemsOf, wholeNumber } from '../content/draft-fields.js';
import { date as dateField, FIELD_LIMITS, slug as slugField, tooLong } from '../content/fields.js';
import { eventSchema } from './event.schema.js';
import type { Problem } from '../lib/errors.js';
import { dayAfterToInstant, instantToLocal, instantToLocalDate, lastDayOf, localTimeExists, localToInstant } from '../lib/local-time.js';
import { ORGANISERS, type Event, type EventInput } from './events.js';

// An event as the desk's form holds it: text as typed, local dates and times in the event's
// own zone. `checkEventDraft` turns it into an `EventInput` (UTC instants) or throws `Invalid`
// naming every bad field. Field rules come from the content folder schemas, so the desk and the
// importer accept the same values; the desk adds cross-field checks the file format leaves to
// the reader (and one more: the registration window must not lie after the event).

/** What an editor types for an event; keys are the form's field names. */
export interface EventDraft {
  readonly slug: string;
  readonly title: string;
  readonly body: string;
  readonly all_day: boolean;
  /** `YYYY-MM-DD`, the local first day. */
  readonly starts_on: string;
  /** `HH:MM`, local; ignored for all-day events. */
  readonly starts_time: string;
  /** `YYYY-MM-DD`, the local last day (inclusive for all-day events). */
  readonly ends_on: string;
  readonly ends_time: string;
  readonly time_zone: string;
  readonly venue: string;
  readonly address: string;
  readonly city: string;
  readonly online: boolean;
  readonly online_url: string;
  readonly organiser: string;
  readonly organiser_name: string;
  readonly url: string;
  readonly capacity: string;
  /** `YYYY-MM-DDTHH:MM` local (a datetime-local input), or empty. */
  readonly registration_opens: string;
  readonly registration_closes: string;
  readonly sectors: readonly string[];
}

/** A blank form for a new event: Shanghai time, the chamber's own event. */
export const EMPTY_EVENT_DRAFT: EventDraft = {
  slug: '', title: '', body: '', all_day: false, starts_on: '', starts_time: '', ends_on: '', ends_time: '',
  time_zone: 'Asia/Shanghai', venue: '', address: '', city: '', online: false, online_url: '', organiser: 'own',
  organiser_name: '', url: '', capacity: '', registration_opens: '', registration_closes: '', sectors: [],
};

/** `HH:MM` (a time input may add `:00` seconds), or empty. */
const clockTime = z
  .string()
  .trim()
  .transform((value) => value.replace(/^(\d{2}:\d{2}):00$/, '$1'))
  .refine((value) => value === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(value), 'must be a time HH:MM (24-hour)');

/** A datetime-local value (which may carry `:00` seconds), or undefined when empty. */
function localDateTime(schema: z.ZodType<string | undefined>) {
  return z
    .string()
    .trim()
    .transform((value) => value.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}):00(\.0+)?$/, '$1'))
    .transform((value) => (value === '' ? undefined : value))
    .pipe(schema);
}

const date = dateField;

const fields = z.object({
  slug: z.string().trim().pipe(slugField),
  title: z.string().pipe(eventSchema.shape.title),
  all_day: z.boolean(),
  starts_on: z.string().trim().pipe(date),
  starts_time: clockTime,
  ends_on: z.string().trim().pipe(date),
  ends_time: clockTime,
  time_zone: z.string().trim().pipe(eventSchema.shape.time_zone),
  venue: optionalText(eventSchema.shape.venue.unwrap()),
  address: optionalText(eventSchema.shape.address.unwrap()),
  city: optionalText(eventSchema.shape.city.unwrap()),
  online: z.boolean(),
  online_url: optionalText(eventSchema.shape.online_url.unwrap()),
  organiser: z.enum(ORGANISERS, { errorMap: () => ({ message: `must be one of ${ORGANISERS.join(', ')}` }) }),
  organiser_name: optionalText(eventSchema.shape.organiser_name.unwrap()),
  url: optionalText(eventSchema.shape.url.unwrap()),
  capacity: wholeNumber.pipe(eventSchema.shape.capacity),
  registration_opens: localDateTime(eventSchema.shape.registration_opens),
  registration_closes: localDateTime(eventSchema.shape.registration_closes),
  sectors: z.array(z.string()).pipe(eventSchema.shape.sectors.unwrap()),
});

/** Validates a draft and converts its local times to UTC; throws `Invalid` naming every bad field. */
export function checkEventDraft(draft: EventDraft): EventInput {
  const problems: Problem[] = [];
  const body = checkDraftBody(draft.body, problems);
  if (normaliseLines(draft.body).length > FIELD_LIMITS.body) problems.push({ where: 'body', message: tooLong(FIELD_LIMITS.body) });
  // An all-day event ignores whatever is left in the time fields.
  const parsed = fields.safeParse(draft.all_day ? { ...draft, starts_time: '', ends_time: '' } : draft);
  if (!parsed.success) throw invalidDraft([...problems, ...problemsOf(parsed.error)]);
  const data = parsed.data;
  const zone = data.time_zone;
  const fail = (where: keyof EventDraft, message: string) => problems.push({ where, message });

  if (!data.all_day) {
    if (data.starts_time === '') fail('starts_time', 'enter the start time, or tick "All-day event"');
    if (data.ends_time === '') fail('ends_time', 'enter the end time, or tick "All-day event"');
  }
  const starts = data.all_day ? data.starts_on : `${data.starts_on}T${data.starts_time}`;
  const ends = data.all_day ? data.ends_on : `${data.ends_on}T${data.ends_time}`;
  const skipped = (local: string) => `${local.replace('T', ' ')} does not exist in ${zone}: the clocks skip that hour`;
  if (!data.all_day && data.starts_time !== '' && !localTimeExists(starts, zone)) fail('starts_time', skipped(starts));
  if (!data.all_day && data.ends_time !== '' && !localTimeExists(ends, zone)) fail('ends_time', skipped(ends));
  if (data.registration_opens && !localTimeExists(data.registration_opens, zone)) fail('registration_opens', skipped(data.registration_opens));
  if (data.registration_closes && !localTimeExists(data.registration_closes, zone)) fail('registration_closes', skipped(data.registration_closes));
  if (problems.length > 0) throw invalidDraft(problems);

  const startsAt = localToInstant(starts, zone);
  const endsAt = data.all_day ? dayAfterToInstant(ends, zone) : localToInstant(ends, zone);
  if (data.all_day ? data.ends_on < data.starts_on : endsAt <= startsAt) {
    fail(data.all_day ? 'ends_on' : 'ends_time', data.all_day ? 'the last day must not be before the first day' : 'the end must be after the start');
  }
  const opens = data.registration_opens ? localToInstant(data.registration_opens, zone) : null;
  const closes = data.registration_closes ? localToInstant(data.registration_closes, zone) : null;
  if (opens && closes && closes <= opens) fail('registration_closes', 'registration must close after it opens');
  if (opens && opens >= endsAt) fail('registration_opens', 'registration must open before the event ends');
  if (closes && closes > endsAt) fail('registration_closes', 'registration must close by the time the event ends');
  if (data.online_url && !data.online) fail('online_url', 'tick "Online event" or leave the online link empty');
  if (problems.length > 0) throw invalidDraft(problems);

  return {
    slug: data.slug,
    title: data.title,
    body,
    startsAt,
    endsAt,
    timeZone: zone,
    allDay: data.all_day,
    venue: data.venue ?? null,
    address: data.address ?? null,
    city: data.city ?? null,
    online: data.online,
    onlineUrl: data.online_url ?? null,
    organiser: data.organiser,
    organiserName: data.organiser_name ?? null,
    url: data.url ?? null,
    capacity: data.capacity ?? null,
    registrationOpensAt: opens,
    registrationClosesAt: closes,
    sectors: data.sectors,
  };
}

/** A stored event as the form shows it: instants back in the event's local time. */
export function draftOfEvent(event: Event): EventDraft {
  const zone = event.timeZone;
  const [startsOn = '', startsTime = ''] = instantToLocal(event.startsAt, zone).split('T');
  const [endsOn = '', endsTime = ''] = instantToLocal(event.endsAt, zone).split('T');
  return {
    slug: event.slug,
    title: event.title,
    body: joinBody(event.body),
    all_day: event.allDay,
    starts_on: event.allDay ? instantToLocalDate(event.startsAt, zone) : startsOn,
    starts_time: event.allDay ? '' : startsTime,
    ends_on: event.allDay ? lastDayOf(event.endsAt, zone) : endsOn,
    ends_time: event.allDay ? '' : endsTime,
    time_zone: zone,
    venue: event.venue ?? '',
    address: event.address ?? '',
    city: event.city ?? '',
    online: event.online,
    online_url: event.onlineUrl ?? '',
    organiser: event.organiser,
    organiser_name: event.organiserName ?? '',
    url: event.url ?? '',
    capacity: event.capacity === null ? '' : String(event.capacity),
    registration_opens: event.registrationOpensAt ? instantToLocal(event.registrationOpensAt, zone) : '',
    registration_closes: event.registrationClosesAt ? instantToLocal(event.registrationClosesAt, zone) : '',
    sectors: event.sectors.map((sector) => sector.slug),
  };
}
