import { z } from 'zod';
import { checkBody, joinBody, splitBody } from '../content/body.js';
import { isUniqueViolation } from '../content/unique-violation.js';
import { Invalid, type Problem } from '../lib/errors.js';

// What the desk's drafts of events, programs and reports share: form text → checked values,
// with problems keyed by form field. (It sits here because the desk's content drafts started
// with events; it would sit as well beside `content/body.ts`.)

/** Empty text means "not given"; anything else must pass `schema`. */
export function optionalText<T>(schema: z.ZodType<T>) {
  return z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(schema.optional());
}

/** A whole number typed into a field, or undefined when the field is empty. */
export const wholeNumber = z
  .string()
  .trim()
  .refine((value) => value === '' || /^-?\d{1,9}$/.test(value), 'must be a whole number')
  .transform((value) => (value === '' ? undefined : Number(value)));

/** Zod issues as form problems, keyed by the top-level field. */
export function problemsOf(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ where: String(issue.path[0] ?? ''), message: issue.message }));
}

/**
 * A body as the desk stores it: line endings normalised (browsers send CRLF), the members-only
 * line checked as the importer checks it, then the importer's canonical form.
 */
export function checkDraftBody(body: string, problems: Problem[]): string {
  const text = body.replace(/\r\n?/g, '\n');
  for (const { line, message } of checkBody(text, { membersOnlyAllowed: true })) problems.push({ where: 'body', line: line + 1, message });
  return joinBody(splitBody(text));
}

/** The error for a draft with problems: the summary a form shows above its fields. */
export function invalidDraft(problems: readonly Problem[]): Invalid {
  const what = problems.length === 1 ? 'the problem' : `the ${problems.length} problems`;
  return new Invalid(`Please correct ${what} below; nothing was saved.`, problems);
}

/** The problem of a slug another item of the same kind holds. */
export function slugTaken(what: 'event' | 'program' | 'report', slug: string): Problem {
  return { where: 'slug', message: `another ${what} already uses “${slug}”; choose another slug` };
}

/**
 * For `.catch` on a save: services check the slug first, so a unique violation means another
 * writer took it at the same moment; say so at the field instead of failing with a 500.
 */
export function refuseSlugRace(what: 'event' | 'program' | 'report', slug: string): (error: unknown) => never {
  return (error) => {
    if (isUniqueViolation(error)) throw invalidDraft([slugTaken(what, slug)]);
    throw error;
  };
}
