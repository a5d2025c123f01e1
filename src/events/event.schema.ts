import { z } from 'zod';
import { FIELD_LIMITS, localDateTime, localTime, name, slugList, text, textUpTo, timeZone, title, tooLong, webUrl } from '../content/fields.js';
import { ORGANISERS } from './events.js';
import { CALL_KINDS } from './registrations.js';

// An event's front matter (docs/content-format.md); key order is the order the exporter writes.
// Its lengths are the desk's: FIELD_LIMITS for the event, SETTINGS_LIMITS for its questions and call.

/** The most registration questions, and the longest question and call intro, the desk and the content folder accept. */
export const SETTINGS_LIMITS = { questions: 20, label: 300, choices: 20, intro: 20_000 } as const;

export const eventSchema = z
  .object({
    title,
    starts: localDateTime,
    ends: localDateTime,
    time_zone: timeZone,
    venue: name.optional(),
    address: name.optional(),
    city: name.optional(),
    online: z.boolean().optional(),
    online_url: z.string().max(FIELD_LIMITS.url, tooLong(FIELD_LIMITS.url)).url('must be a full URL').regex(/^https:\/\//i, 'must be an https URL').optional(),
    organiser: z.enum(ORGANISERS),
    organiser_name: name.optional(),
    url: webUrl.optional(),
    capacity: z.number().int().min(1, 'must be 1 or more').optional(),
    registration_opens: localTime.optional(),
    registration_closes: localTime.optional(),
    sectors: slugList.optional(),
    // Registration and the call for speakers/partners (issue 5); see docs/content-format.md.
    registration_questions: z.array(text).max(SETTINGS_LIMITS.questions, `at most ${SETTINGS_LIMITS.questions} questions`).optional(),
    waitlist: z.boolean().optional(),
    call_for: z.array(z.enum(CALL_KINDS)).min(1, 'name speaker, partner or both').optional(),
    call_closes: localTime.optional(),
    call_intro: textUpTo(SETTINGS_LIMITS.intro).optional(),
  })
  .strict();
