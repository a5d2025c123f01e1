import { z } from 'zod';
import { localDateTime, localTime, slugList, text, timeZone, webUrl } from '../content/fields.js';
import { ORGANISERS } from './events.js';
import { CALL_KINDS } from './registrations.js';

// An event's front matter (docs/content-format.md); key order is the order the exporter writes.

export const eventSchema = z
  .object({
    title: text,
    starts: localDateTime,
    ends: localDateTime,
    time_zone: timeZone,
    venue: text.optional(),
    address: text.optional(),
    city: text.optional(),
    online: z.boolean().optional(),
    online_url: z.string().url('must be a full URL').regex(/^https:\/\//i, 'must be an https URL').optional(),
    organiser: z.enum(ORGANISERS),
    organiser_name: text.optional(),
    url: webUrl.optional(),
    capacity: z.number().int().min(1, 'must be 1 or more').optional(),
    registration_opens: localTime.optional(),
    registration_closes: localTime.optional(),
    sectors: slugList.optional(),
    // Registration and the call for speakers/partners (issue 5); see docs/content-format.md.
    registration_questions: z.array(text).max(20, 'at most 20 questions').optional(),
    waitlist: z.boolean().optional(),
    call_for: z.array(z.enum(CALL_KINDS)).min(1, 'name speaker, partner or both').optional(),
    call_closes: localTime.optional(),
    call_intro: text.optional(),
  })
  .strict();
