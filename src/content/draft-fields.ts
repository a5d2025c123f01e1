import { z } from 'zod';
import { Invalid, type Problem } from '../lib/errors.js';
import { checkBody, joinBody, splitBody } from './body.js';
import { isUniqueViolation } from '../db/unique-violation.js';

// What the desk's drafts of stories, events, programs and reports share: form text → checked
// values, with problems keyed by form field.

/** The kinds of content the desk drafts, as its messages name them. */
export type DraftKind = 'story' | 'event' | 'program' | 'report';

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

/** Normalises line endings: browsers send CRLF from a textarea. */
export function normaliseLines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * The members-only line problems of a Markdown text, checked as the importer checks them (a
 * near-miss marker would publish everything below it), at the field `where`, lines from 1.
 */
export function markerLineProblems(text: string, where = 'body'): Problem[] {
  return checkBody(text, { membersOnlyAllowed: true }).map(({ line, message }) => ({ where, line: line + 1, message }));
}

/**
 * A body as the desk stores it: line endings normalised, the members-only line checked as the
 * importer checks it, then the importer's canonical form.
 */
export function checkDraftBody(body: string, problems: Problem[]): string {
  const text = normaliseLines(body);
  problems.push(...markerLineProblems(text));
  return joinBody(splitBody(text));
}

/** The error for a draft with problems: the summary a form shows above its fields. */
export function invalidDraft(problems: readonly Problem[]): Invalid {
  const what = problems.length === 1 ? 'the problem' : `the ${problems.length} problems`;
  return new Invalid(`Please correct ${what} below; nothing was saved.`, problems);
}

/** The problem of a slug another item of the same kind holds. */
export function slugTaken(kind: DraftKind, slug: string): Problem {
  return { where: 'slug', message: `another ${kind} already uses “${slug}”; choose another slug` };
}

/**
 * For `.catch` on a save: services check the slug first, so a unique violation means another
 * writer took it at the same moment; say so at the field instead of failing with a 500.
 * `invalid` builds the error from the problem (a form's own summary; `invalidDraft` by default).
 */
export function refuseSlugRace(kind: DraftKind, slug: string, invalid: (problems: readonly Problem[]) => Invalid = invalidDraft): (error: unknown) => never {
  return (error) => {
    if (isUniqueViolation(error)) throw invalid([slugTaken(kind, slug)]);
    throw error;
  };
}
