/**
 * Typed domain errors with stable codes. Services throw these; one error handler maps them to
 * HTTP statuses and pages, and the CLI maps them to exit codes. Never branch on message text.
 */

/** One thing that is wrong with some input, located as precisely as we can. */
export interface Problem {
  /** File (content import), CSV row or form field the problem is in. */
  readonly where?: string;
  /** 1-based line number inside `where`, when known. */
  readonly line?: number;
  readonly message: string;
}

export type ErrorCode = 'not_found' | 'conflict' | 'invalid' | 'forbidden' | 'rate_limited';

/** Base class: every domain error carries a stable machine-readable code. */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
}

/** The thing asked for does not exist (or is not visible to the caller). */
export class NotFound extends DomainError {
  readonly code = 'not_found' as const;
}

/** The request clashes with the current state (duplicate slug, wrong status). */
export class Conflict extends DomainError {
  readonly code = 'conflict' as const;
}

/** The caller may not do this. */
export class Forbidden extends DomainError {
  readonly code = 'forbidden' as const;
}

/** Input is invalid; `problems` lists every problem found, not just the first. */
export class Invalid extends DomainError {
  readonly code = 'invalid' as const;
  constructor(
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
  }
}

/** Too many requests from one client (or for one address); the answer says when to try again. */
export class RateLimited extends DomainError {
  readonly code = 'rate_limited' as const;
  constructor(
    readonly retryAfterSeconds: number,
    message = `Too many requests. Wait ${Math.ceil(retryAfterSeconds / 60)} minutes and try again.`,
  ) {
    super(message);
  }
}

/**
 * Not an error but an answer a page can give instead of rendering: the thing lives at another
 * address now (an organisation in the innovators directory). The error handler answers 301 with
 * `location` (a same-site path); being thrown, it never enters the page cache.
 */
export class MovedPermanently extends Error {
  constructor(readonly location: string) {
    super(`moved to ${location}`);
  }
}

/** Formats a problem as `file:line: message` (or the parts that are known). */
export function formatProblem(problem: Problem): string {
  const location = [problem.where, problem.line].filter((part) => part !== undefined).join(':');
  return location ? `${location}: ${problem.message}` : problem.message;
}
