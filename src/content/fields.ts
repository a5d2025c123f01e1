import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { SLUG } from '../lib/slug.js';

// The field rules every content kind's schema is built from (front matter and desk drafts alike).

/**
 * The longest values the desk and the content folder accept, by kind of field: one definition,
 * so a file the importer takes can always be saved again on the desk and the other way round.
 */
export const FIELD_LIMITS = { slug: 120, title: 300, name: 200, url: 2000, body: 200_000 } as const;

/** The message for a value longer than `max` characters, as the desk and the importer say it. */
export function tooLong(max: number): string {
  return `must be at most ${max} characters`;
}

export const slug = z
  .string()
  .max(FIELD_LIMITS.slug, tooLong(FIELD_LIMITS.slug))
  .regex(SLUG, 'must be a slug: lowercase letters, digits and single hyphens');
/** Text on one line: titles, names, headings (a newline would break the file format). */
export const text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((value) => !/[\r\n]/.test(value), 'must be on one line');

/** One-line text of at most `max` characters. */
export function textUpTo(max: number) {
  return text.refine((value) => value.length <= max, tooLong(max));
}

/** A headline or title: one line, at most FIELD_LIMITS.title characters. */
export const title = textUpTo(FIELD_LIMITS.title);
/** A name, place or other short line: at most FIELD_LIMITS.name characters. */
export const name = textUpTo(FIELD_LIMITS.name);

/** Is this a real calendar date/time (not 2024-02-30 or 25:00)? */
export function isRealDateTime(value: string, format: string): boolean {
  const parsed = DateTime.fromISO(value, { zone: 'utc' });
  return parsed.isValid && parsed.toFormat(format) === value;
}

export const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((value) => isRealDateTime(value, 'yyyy-MM-dd'), 'is not a real date');
export const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, 'must be YYYY-MM-DD or YYYY-MM-DDTHH:MM (local time)')
  .refine((value) => isRealDateTime(value, value.includes('T') ? "yyyy-MM-dd'T'HH:mm" : 'yyyy-MM-dd'), 'is not a real date or time');
export const localTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local time YYYY-MM-DDTHH:MM')
  .refine((value) => isRealDateTime(value, "yyyy-MM-dd'T'HH:mm"), 'is not a real date or time');
export const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, 'must be a UTC instant YYYY-MM-DDTHH:MM:SSZ')
  .refine((value) => isRealDateTime(value.replace(/\.\d+Z$/, 'Z'), "yyyy-MM-dd'T'HH:mm:ss'Z'"), 'is not a real time');
export const webUrl = z
  .string()
  .max(FIELD_LIMITS.url, tooLong(FIELD_LIMITS.url))
  .url('must be a full URL')
  .regex(/^https?:\/\//i, 'must be an http or https URL');
export const timeZone = z.string().refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone such as Asia/Shanghai');
export const email = z.string().max(254, tooLong(254)).email('must be an email address');
export const slugList = z.array(slug).refine((list) => new Set(list).size === list.length, 'lists a slug twice');
