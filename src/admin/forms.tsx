import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import { Invalid } from '../lib/errors.js';
import { statusOf } from '../lib/http.js';
import { CSRF_FIELD } from '../lib/request-security.js';
import { useLocale } from '../web/locale.js';

export { formErrorsOf, type FormErrors } from '../lib/form-errors.js';
import type { FormErrors } from '../lib/form-errors.js';

/** The status a failed form is shown with: the one error-to-status rule of lib/http.ts (409 a clash, 403 a role that may not, 404 gone, 429 too often, 400 bad input). */
export function failedStatus(error: unknown): number {
  return statusOf(error);
}

/** A form's text field: what was typed, or '' when it was missing or malformed. */
export const formText = z.string().catch('');
/** A checkbox (value "1") as a boolean. */
export const formCheckbox = z.unknown().transform((value) => value === '1');
/** A group of checkboxes as a list. */
export const formList = z.unknown().transform(manyValues);
/** `:id` in a desk URL. */
export const idParams = z.object({ id: z.coerce.number().int().positive() });

/** A POST form carrying the CSRF token. */
export function Form({ action, csrf, children, class: className, multipart, id }: { action: string; csrf: string; children: ComponentChildren; class?: string; multipart?: boolean; id?: string }) {
  return (
    <form method="post" action={action} class={className ?? 'form'} id={id} encType={multipart ? 'multipart/form-data' : undefined}>
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      {children}
    </form>
  );
}

/** A CSV upload that is checked first: a file field, "check" (a dry run) and "import" buttons sending `mode`. */
export function CsvUploadForm({ action, csrf, labels }: { action: string; csrf: string; labels: { file: string; check: string; import: string } }) {
  return (
    <Form action={action} csrf={csrf} multipart>
      <div class="field">
        <label for="field-file">{labels.file}</label>
        <input id="field-file" name="file" type="file" accept=".csv,text/csv" required />
      </div>
      <p class="actions">
        <button type="submit" class="button button--quiet" name="mode" value="dry-run">
          {labels.check}
        </button>
        <button type="submit" class="button" name="mode" value="import">
          {labels.import}
        </button>
      </p>
    </Form>
  );
}

/** A one-button form, e.g. "Publish" or "Sign out". */
export function ActionButton({ action, csrf, label, tone, fields }: { action: string; csrf: string; label: string; tone?: 'danger' | 'quiet'; fields?: Record<string, string> }) {
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      {Object.entries(fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={tone ? `button button--${tone}` : 'button'}>
        {label}
      </button>
    </form>
  );
}

/** The summary at the top of a form that failed, linking to the fields. */
export function ErrorSummary({ errors }: { errors: FormErrors | undefined }) {
  if (!errors) return null;
  const items = Object.entries(errors.fields).flatMap(([field, messages]) => messages.map((message) => ({ field, message })));
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{errors.message}</h2>
      {items.length > 0 ? (
        <ul>
          {items.map(({ field, message }, index) => (
            <li key={index}>{field ? <a href={`#field-${field}`}>{`${field}: ${message}`}</a> : message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

interface FieldProps {
  readonly name: string;
  readonly label: string;
  readonly errors?: FormErrors | undefined;
  readonly hint?: string;
  readonly required?: boolean;
  /** What the element ids are made from when two forms on one page share a field name (default: the name). */
  readonly idKey?: string;
}

function FieldShell({ name, label, errors, hint, idKey, children }: FieldProps & { children: ComponentChildren }) {
  const messages = errors?.fields[name] ?? [];
  const key = idKey ?? name;
  return (
    <div class={messages.length > 0 ? 'field field--error' : 'field'}>
      <label for={`field-${key}`}>{label}</label>
      {hint ? (
        <p class="field__hint" id={`hint-${key}`}>
          {hint}
        </p>
      ) : null}
      {messages.map((message, index) => (
        <p key={index} class="field__error" id={index === 0 ? `error-${key}` : undefined}>
          {message}
        </p>
      ))}
      {children}
    </div>
  );
}

function describedBy(name: string, props: FieldProps): string | undefined {
  const key = props.idKey ?? name;
  const ids = [props.hint ? `hint-${key}` : '', (props.errors?.fields[name]?.length ?? 0) > 0 ? `error-${key}` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A labelled single-line input that keeps the submitted value and shows its errors. */
export function TextField(props: FieldProps & { value?: string | null; type?: 'text' | 'email' | 'password' | 'date' | 'time' | 'datetime-local' | 'number' | 'url' | 'search'; autocomplete?: string; min?: string; max?: string; step?: string }) {
  const invalid = (props.errors?.fields[props.name]?.length ?? 0) > 0;
  return (
    <FieldShell {...props}>
      <input
        id={`field-${props.idKey ?? props.name}`}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        autoComplete={props.autocomplete}
        min={props.min}
        max={props.max}
        step={props.step}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props)}
      />
    </FieldShell>
  );
}

/** A labelled multi-line input. */
export function TextArea(props: FieldProps & { value?: string | null; rows?: number; class?: string }) {
  const invalid = (props.errors?.fields[props.name]?.length ?? 0) > 0;
  return (
    <FieldShell {...props}>
      <textarea
        id={`field-${props.idKey ?? props.name}`}
        name={props.name}
        rows={props.rows ?? 6}
        required={props.required}
        class={props.class}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldShell>
  );
}

/** A labelled select. */
export function SelectField(props: FieldProps & { value?: string | null; options: readonly { value: string; label: string }[] }) {
  return (
    <FieldShell {...props}>
      <select id={`field-${props.idKey ?? props.name}`} name={props.name} required={props.required} aria-describedby={describedBy(props.name, props)}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === (props.value ?? '')}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A group of checkboxes sharing one name (topics, sectors). */
export function CheckboxGroup({ name, legend, options, checked, errors }: { name: string; legend: string; options: readonly { value: string; label: string }[]; checked: readonly string[]; errors?: FormErrors | undefined }) {
  const messages = errors?.fields[name] ?? [];
  return (
    <fieldset class={messages.length > 0 ? 'field field--error' : 'field'} id={`field-${name}`}>
      <legend>{legend}</legend>
      {messages.map((message, index) => (
        <p key={index} class="field__error">
          {message}
        </p>
      ))}
      {options.map((option) => (
        <label key={option.value} class="check">
          <input type="checkbox" name={name} value={option.value} checked={checked.includes(option.value)} /> {option.label}
        </label>
      ))}
    </fieldset>
  );
}

/** One checkbox with a label. */
export function Checkbox({ name, label, checked, hint }: { name: string; label: string; checked: boolean; hint?: string }) {
  return (
    <div class="field">
      <label class="check">
        <input type="checkbox" name={name} value="1" checked={checked} id={`field-${name}`} {...(hint ? { 'aria-describedby': `hint-${name}` } : {})} /> {label}
      </label>
      {hint ? (
        <p class="field__hint" id={`hint-${name}`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Reads a form field that may be repeated (checkbox groups) as a list of strings. */
export function manyValues(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string' && item !== '');
}

/**
 * The input type for a value typed into a date, time, datetime-local or number field: that type
 * when the value fits it, else `text`, so a refused value comes back visible (a date input cannot
 * show "2027-02-30", a time input "24:00") and the page stays valid HTML.
 */
export function inputTypeFor<T extends 'date' | 'time' | 'datetime-local' | 'number'>(type: T, value: string): T | 'text' {
  if (value === '') return type;
  if (type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? type : 'text';
  if (type === 'time') return /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(value) ? type : 'text';
  const match = /^(\d{4}-\d{2}-\d{2})(T([01]\d|2[0-3]):[0-5]\d)?$/.exec(value);
  if (!match || (type === 'date') !== (match[2] === undefined)) return 'text';
  const day = match[1]!;
  // An impossible day (2027-13-01) is an Invalid Date, whose toISOString() would throw.
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day ? type : 'text';
}

/** The props of a whole-number field: a number input with `min` while the value fits, else text. */
export function wholeNumberInput(value: string, min: number): { type: 'number'; min: string; step: string } | { type: 'text' } {
  return inputTypeFor('number', value) === 'number' ? { type: 'number', min: String(min), step: '1' } : { type: 'text' };
}

/**
 * A button that rearranges a form of rows (add, move, remove) without saving: the handler reads
 * `op` and re-renders the form. `formNoValidate`, so a half-filled form can still be rearranged.
 */
export function RowButton({ op, label }: { op: string; label: string }) {
  return (
    <button type="submit" name="op" value={op} class="button button--quiet" formNoValidate>
      {label}
    </button>
  );
}

/** Save, and a preview that re-renders the form without saving. */
export function SaveBar({ previewLabel }: { previewLabel?: string }) {
  const { t } = useLocale();
  return (
    <div class="actions">
      <button type="submit" name="op" value="save" class="button">
        {t('desk.forms.save')}
      </button>
      <button type="submit" name="op" value="preview" class="button button--quiet" formNoValidate>
        {previewLabel ?? t('desk.forms.preview')}
      </button>
    </div>
  );
}
