import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { STORY_KINDS } from '../stories.js';
import { ORGANISERS } from '../../events/events.js';
import { CALL_KINDS } from '../../events/registrations.js';
import { PROGRAM_ROLES } from '../../programs/programs.js';
import { ISSUE_STATUSES, SEASONS, SECTION_KINDS } from '../../issues/issues.js';

// One zod schema per file kind of the content folder (docs/content-format.md). Key order here
// is the order the exporter writes.

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const slug = z.string().regex(SLUG, 'must be a slug: lowercase letters, digits and single hyphens');
/** Text on one line: titles, names, headings (a newline would break the file format). */
const text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((value) => !/[\r\n]/.test(value), 'must be on one line');

/** Is this a real calendar date/time (not 2024-02-30 or 25:00)? */
function isRealDateTime(value: string, format: string): boolean {
  const parsed = DateTime.fromISO(value, { zone: 'utc' });
  return parsed.isValid && parsed.toFormat(format) === value;
}

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => isRealDateTime(value, 'yyyy-MM-dd'), 'is not a real date');
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, 'must be YYYY-MM-DD or YYYY-MM-DDTHH:MM (local time)')
  .refine((value) => isRealDateTime(value, value.includes('T') ? "yyyy-MM-dd'T'HH:mm" : 'yyyy-MM-dd'), 'is not a real date or time');
const localTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local time YYYY-MM-DDTHH:MM')
  .refine((value) => isRealDateTime(value, "yyyy-MM-dd'T'HH:mm"), 'is not a real date or time');
const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'must be a UTC instant YYYY-MM-DDTHH:MM:SSZ')
  .refine((value) => isRealDateTime(value.replace(/\.\d+Z$/, 'Z'), "yyyy-MM-dd'T'HH:mm:ss'Z'"), 'is not a real time');
const webUrl = z
  .string()
  .url('must be a full URL')
  .regex(/^https?:\/\//i, 'must be an http or https URL');
const timeZone = z.string().refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone such as Asia/Shanghai');
const email = z.string().email('must be an email address');
const slugList = z.array(slug).refine((list) => new Set(list).size === list.length, 'lists a slug twice');

export const topicSchema = z
  .object({ name: text, position: z.number().int().min(1, 'must be 1 or more') })
  .strict();

export const sectorSchema = z.object({ name: text }).strict();

export const sourceSchema = z
  .object({
    author: text.optional(),
    title: text.optional(),
    outlet: text,
    published_on: date.optional(),
    url: webUrl.optional(),
  })
  .strict();

export const storySchema = z
  .object({
    title: text,
    kind: z.enum(STORY_KINDS),
    topics: slugList.optional(),
    sectors: slugList.optional(),
    organizations: z.array(text).optional(),
    sources: z.array(sourceSchema).optional(),
  })
  .strict();

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

export const programSchema = z
  .object({
    title: text,
    roles: z.array(z.enum(PROGRAM_ROLES)).min(1, 'must list at least one role'),
    registration_deadline: date.optional(),
    cohort_start: date.optional(),
    duration_months: z.number().int().min(1, 'must be 1 or more').optional(),
    time_zone: timeZone.optional(),
    contact_name: text.optional(),
    contact_email: email.optional(),
  })
  .strict();

export const segmentSchema = z
  .object({ key: slug, name: text, respondents: z.number().int().min(1, 'must be 1 or more') })
  .strict();

export const findingSchema = z
  .object({
    title: text,
    statement: text,
    segment: slug,
    count: z.number().int().min(0, 'must be 0 or more'),
    compare_segment: slug.optional(),
    compare_count: z.number().int().min(0, 'must be 0 or more').optional(),
  })
  .strict();

export const reportSchema = z
  .object({
    title: text,
    subtitle: text.optional(),
    publisher: text.optional(),
    partner: text.optional(),
    survey_start: date.optional(),
    survey_end: date.optional(),
    segments: z.array(segmentSchema).min(1, 'must list at least one segment'),
    findings: z.array(findingSchema).optional(),
  })
  .strict();

export const itemSchema = z
  .object({
    label: text.optional(),
    story: slug.optional(),
    event: slug.optional(),
    program: slug.optional(),
    report: slug.optional(),
  })
  .strict();

export const sectionSchema = z
  .object({ kind: z.enum(SECTION_KINDS), heading: text, items: z.array(itemSchema).default([]) })
  .strict();

export const issueSchema = z
  .object({
    title: text,
    season: z.enum(SEASONS),
    year: z.number().int().min(1900, 'must be a year').max(9999, 'must be a year'),
    status: z.enum(ISSUE_STATUSES),
    published_at: instant.optional(),
    sections: z.array(sectionSchema).optional(),
  })
  .strict();

export type TopicFront = z.infer<typeof topicSchema>;
export type SectorFront = z.infer<typeof sectorSchema>;
export type StoryFront = z.infer<typeof storySchema>;
export type EventFront = z.infer<typeof eventSchema>;
export type ProgramFront = z.infer<typeof programSchema>;
export type ReportFront = z.infer<typeof reportSchema>;
export type IssueFront = z.infer<typeof issueSchema>;
