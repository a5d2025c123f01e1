import type { ComponentChildren } from 'preact';
import { DomainError, Invalid } from '../lib/errors.js';
import { CSRF_FIELD } from '../lib/request-security.js';

/** What a form shows after a failed submit: a summary and messages per field. */
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

/** A POST form carrying the CSRF token. */
export function Form({ action, csrf, children, class: className, multipart, id }: { action: string; csrf: string; children: ComponentChildren; class?: string; multipart?: boolean; id?: string }) {
  return (
    <form method="post" action={action} class={className ?? 'form'} id={id} encType={multipart ? 'multipart/form-data' : undefined}>
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      {children}
    </form>
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
}

function FieldShell({ name, label, errors, hint, children }: FieldProps & { children: ComponentChildren }) {
  const messages = errors?.fields[name] ?? [];
  return (
    <div class={messages.length > 0 ? 'field field--error' : 'field'}>
      <label for={`field-${name}`}>{label}</label>
      {hint ? (
        <p class="field__hint" id={`hint-${name}`}>
          {hint}
        </p>
      ) : null}
      {messages.map((message, index) => (
        <p key={index} class="field__error" id={index === 0 ? `error-${name}` : undefined}>
          {message}
        </p>
      ))}
      {children}
    </div>
  );
}

function describedBy(name: string, props: FieldProps): string | undefined {
  const ids = [props.hint ? `hint-${name}` : '', (props.errors?.fields[name]?.length ?? 0) > 0 ? `error-${name}` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A labelled single-line input that keeps the submitted value and shows its errors. */
export function TextField(props: FieldProps & { value?: string | null; type?: 'text' | 'email' | 'password' | 'date' | 'datetime-local' | 'number' | 'url' | 'search'; autocomplete?: string; min?: string; max?: string; step?: string }) {
  const invalid = (props.errors?.fields[props.name]?.length ?? 0) > 0;
  return (
    <FieldShell {...props}>
      <input
        id={`field-${props.name}`}
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
        id={`field-${props.name}`}
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
      <select id={`field-${props.name}`} name={props.name} required={props.required} aria-describedby={describedBy(props.name, props)}>
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
export function Checkbox({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <div class="field">
      <label class="check">
        <input type="checkbox" name={name} value="1" checked={checked} id={`field-${name}`} /> {label}
      </label>
    </div>
  );
}

/** Reads a form field that may be repeated (checkbox groups) as a list of strings. */
export function manyValues(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string' && item !== '');
}
