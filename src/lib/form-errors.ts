import { DomainError, Invalid } from './errors.js';

/** What a form shows after a failed submit: a summary and messages per field (desk and public forms alike). */
export interface FormErrors {
  readonly message: string;
  readonly fields: Readonly<Record<string, readonly string[]>>;
}

/** Turns a domain error into form errors; anything else is rethrown for the error handler. */
export function formErrorsOf(error: unknown): FormErrors {
  if (error instanceof Invalid) {
    const fields: Record<string, string[]> = {};
    for (const problem of error.problems) {
      const key = problem.where ?? '';
      const text = problem.line === undefined ? problem.message : `line ${problem.line}: ${problem.message}`;
      fields[key] = [...(fields[key] ?? []), text];
    }
    return { message: error.message, fields };
  }
  if (error instanceof DomainError) return { message: error.message, fields: {} };
  throw error;
}
