import { z } from 'zod';
import { describeIssueRefs, type IssueRef } from '../../issues/issues.js';
import { CSRF_FIELD } from '../../lib/request-security.js';
import { Conflict } from '../../lib/errors.js';
import { manyValues, type FormErrors } from '../forms.js';

// Pieces the desk pages for events, programs and reports share.

/** A form's text field: what was typed, or '' when it was missing or malformed. */
export const formText = z.string().catch('');
/** A checkbox (value "1") as a boolean. */
export const formCheckbox = z.unknown().transform((value) => value === '1');
/** A group of checkboxes as a list. */
export const formList = z.unknown().transform(manyValues);
/** `:id` in a desk URL. */
export const idParams = z.object({ id: z.coerce.number().int().positive() });
/** The delete form's confirmation box. */
export const deleteForm = z.object({ confirm: formCheckbox });

/** The status a failed form is shown with: 409 when it clashes with the current state, else 400. */
export function failedStatus(error: unknown): number {
  return error instanceof Conflict ? 409 : 400;
}

/** What a delete without the confirmation box ticked shows. */
export function unconfirmedDelete(what: string): FormErrors {
  return { message: `Tick “Yes, delete this ${what}” to confirm; nothing was deleted.`, fields: { confirm: ['tick the box to confirm'] } };
}

/** The issues that list a thing: "2024 Spring Issue (2024-spring), …", or "none". */
export function IssueNames({ issues }: { issues: readonly IssueRef[] }) {
  return <>{issues.length === 0 ? 'none' : describeIssueRefs(issues)}</>;
}

/**
 * The delete section of an edit page, for roles that may delete. A thing an issue lists cannot
 * be deleted; the page says which issues, and the service refuses too (a stale page, a race).
 */
export function DeleteSection({ action, csrf, what, issues, errors }: { action: string; csrf: string; what: string; issues: readonly IssueRef[]; errors?: FormErrors | undefined }) {
  const messages = errors?.fields.confirm ?? [];
  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete this {what}</h2>
      {issues.length > 0 ? (
        <p>
          It is listed in <IssueNames issues={issues} />. Remove it from {issues.length === 1 ? 'that issue' : 'those issues'} before deleting it.
        </p>
      ) : (
        <form method="post" action={action} class="form">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <div class={messages.length > 0 ? 'field field--error' : 'field'}>
            {messages.map((message, index) => (
              <p key={index} class="field__error">
                {message}
              </p>
            ))}
            <label class="check">
              <input type="checkbox" name="confirm" value="1" id="field-confirm" /> Yes, delete this {what}. This cannot be undone.
            </label>
          </div>
          <p>
            <button type="submit" class="button button--danger">
              Delete
            </button>
          </p>
        </form>
      )}
    </section>
  );
}

/**
 * The input type for a value typed into a date, datetime-local or number field: that type when
 * the value fits it, else `text`, so a refused value comes back visible (a date input cannot
 * show "2027-02-30") and the page stays valid HTML.
 */
export function inputTypeFor<T extends 'date' | 'datetime-local' | 'number'>(type: T, value: string): T | 'text' {
  if (value === '') return type;
  if (type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? type : 'text';
  const match = /^(\d{4}-\d{2}-\d{2})(T([01]\d|2[0-3]):[0-5]\d)?$/.exec(value);
  if (!match || (type === 'date') !== (match[2] === undefined)) return 'text';
  const day = match[1]!;
  return new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day ? type : 'text';
}

/** The props of a whole-number field: a number input with `min` while the value fits, else text. */
export function wholeNumberInput(value: string, min: number): { type: 'number'; min: string; step: string } | { type: 'text' } {
  return inputTypeFor('number', value) === 'number' ? { type: 'number', min: String(min), step: '1' } : { type: 'text' };
}
