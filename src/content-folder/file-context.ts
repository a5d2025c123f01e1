import type { ZodError, ZodType } from 'zod';
import type { Problem } from '../lib/errors.js';
import { checkBody, joinBody, splitBody } from '../content/body.js';
import { tooLong } from '../content/fields.js';
import type { Reference } from './content-bundle.js';
import type { FrontMatterFile } from './front-matter.js';

// What the per-kind readers share while reading one file: where problems are collected, how a
// front matter path becomes a line number, and how bodies are checked.

/** One file being read: its name, its parsed front matter, and where findings go. */
export type Context = { where: string; file: FrontMatterFile; problems: Problem[]; references: Reference[] };

/**
 * The file's front matter checked against a schema, or undefined with the problems recorded.
 * `unknownKey` may say more than "unknown key" about a key the schema does not hold.
 */
export function validate<T>(c: Context, schema: ZodType<T>, unknownKey?: (path: readonly (string | number)[]) => string | undefined): T | undefined {
  const result = schema.safeParse(c.file.data);
  if (result.success) return result.data;
  reportZodError(c, result.error, unknownKey);
  return undefined;
}

function reportZodError(c: Context, error: ZodError, unknownKey?: (path: readonly (string | number)[]) => string | undefined): void {
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        problem(c, path, `${pathName(path)}: ${unknownKey?.(path) ?? 'unknown key'}`);
      }
      continue;
    }
    const name = issue.path.length > 0 ? `${pathName(issue.path)}: ` : '';
    const message = issue.code === 'invalid_type' && issue.received === 'undefined' ? 'is required' : issue.message;
    problem(c, issue.path, `${name}${message}`);
  }
}

/** Records a problem at the line of a front matter path; returns false for `ok = problem(…)`. */
export function problem(c: Context, path: readonly (string | number)[], message: string): false {
  c.problems.push({ where: c.where, line: c.file.lineOf(path), message });
  return false;
}

/** `sections[0].items[2].story`, the way a person finds a value in the file. */
export function pathName(path: readonly (string | number | symbol)[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}

/** Records a reference to other content (at a front matter path), checked once the whole folder is read. */
export function refer(c: Context, kind: Reference['kind'], slug: string, path: readonly (string | number)[]): void {
  c.references.push({ kind, slug, where: c.where, line: c.file.lineOf(path) });
}

/** Records every slug of a list (`topics:`, `sectors:`) as a reference, each at its own line. */
export function referAll(c: Context, kind: Reference['kind'], slugs: readonly string[] | undefined, key: string): void {
  (slugs ?? []).forEach((slug, index) => refer(c, kind, slug, [key, index]));
}

/**
 * The body of a file that may carry members-only text, in canonical form; undefined if it has
 * problems. `max` is the desk's limit, measured on the canonical form the desk would show.
 */
export function memberBody(c: Context, max: number): string | undefined {
  if (!reportBodyProblems(c, true)) return undefined;
  const body = joinBody(splitBody(c.file.body));
  return withinLength(c, body, max) ? body : undefined;
}

/** The body of a file that is always public: a members-only line is an error there. */
export function publicBody(c: Context, max: number): string {
  reportBodyProblems(c, false);
  const body = c.file.body.trim();
  withinLength(c, body, max);
  return body;
}

function withinLength(c: Context, body: string, max: number): boolean {
  if (body.length <= max) return true;
  c.problems.push({ where: c.where, line: c.file.bodyLine, message: `the body ${tooLong(max)} (it has ${body.length}); shorten it or split it in two` });
  return false;
}

function reportBodyProblems(c: Context, membersOnlyAllowed: boolean): boolean {
  const problems = checkBody(c.file.body, { membersOnlyAllowed });
  for (const { line, message } of problems) c.problems.push({ where: c.where, line: c.file.bodyLine + line, message });
  return problems.length === 0;
}
