import type { FormErrors } from '../../lib/form-errors.js';
import type { ComponentChildren } from 'preact';
import { useLocale } from '../locale.js';

// Form fields for the public forms of programs and /contact: labelled, keeping what was typed,
// with each field's errors next to it and a summary at the top that links to them.

/** Messages per form field, and a summary (the desk's FormErrors). */
export type FieldErrors = FormErrors;

/** The summary at the top of a form that failed. */
export function FormErrorSummary({ errors, labels }: { errors: FieldErrors | undefined; labels: Readonly<Record<string, string>> }) {
  const { t } = useLocale();
  if (!errors) return null;
  const items = Object.entries(errors.fields).flatMap(([field, messages]) => messages.map((message) => ({ field, message })));
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{errors.message}</h2>
      {items.length > 0 ? (
        <ul>
          {items.map(({ field, message }, index) => (
            <li key={index}>{field ? <a href={`#field-${field}`}>{t('forms.summary.item', { field: labels[field] ?? field, message })}</a> : message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Messages({ name, errors }: { name: string; errors: FieldErrors | undefined }) {
  return (
    <>
      {(errors?.fields[name] ?? []).map((message, index) => (
        <p key={index} class="field__error" id={index === 0 ? `error-${name}` : undefined}>
          {message}
        </p>
      ))}
    </>
  );
}

function described(name: string, hint: string | undefined, errors: FieldErrors | undefined): string | undefined {
  const ids = [hint ? `hint-${name}` : '', (errors?.fields[name]?.length ?? 0) > 0 ? `error-${name}` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

interface FieldProps {
  readonly name: string;
  readonly label: string;
  readonly errors: FieldErrors | undefined;
  readonly hint?: string;
  readonly required?: boolean;
}

function Shell({ name, label, hint, errors, children }: FieldProps & { children: ComponentChildren }) {
  const bad = (errors?.fields[name]?.length ?? 0) > 0;
  return (
    <div class={bad ? 'field field--error' : 'field'}>
      <label for={`field-${name}`}>{label}</label>
      {hint ? (
        <p class="field__hint" id={`hint-${name}`}>
          {hint}
        </p>
      ) : null}
      <Messages name={name} errors={errors} />
      {children}
    </div>
  );
}

/** A single-line input. */
export function InputField(props: FieldProps & { value: string; type?: 'text' | 'email'; autocomplete?: string; maxLength?: number }) {
  const bad = (props.errors?.fields[props.name]?.length ?? 0) > 0;
  return (
    <Shell {...props}>
      <input
        id={`field-${props.name}`}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        autoComplete={props.autocomplete}
        maxLength={props.maxLength}
        aria-invalid={bad ? 'true' : undefined}
        aria-describedby={described(props.name, props.hint, props.errors)}
      />
    </Shell>
  );
}

/** A multi-line input. */
export function TextAreaField(props: FieldProps & { value: string; rows?: number; maxLength?: number }) {
  const bad = (props.errors?.fields[props.name]?.length ?? 0) > 0;
  return (
    <Shell {...props}>
      <textarea
        id={`field-${props.name}`}
        name={props.name}
        rows={props.rows ?? 6}
        required={props.required}
        maxLength={props.maxLength}
        aria-invalid={bad ? 'true' : undefined}
        aria-describedby={described(props.name, props.hint, props.errors)}
      >
        {props.value}
      </textarea>
    </Shell>
  );
}

/** A select among options; `value` is the one chosen. */
export function SelectField(props: FieldProps & { value: string; options: readonly { value: string; label: string }[] }) {
  return (
    <Shell {...props}>
      <select id={`field-${props.name}`} name={props.name} required={props.required} aria-describedby={described(props.name, props.hint, props.errors)}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

/** Checkboxes sharing one name. */
export function CheckGroup({ name, legend, hint, options, checked, errors }: { name: string; legend: string; hint?: string; options: readonly { value: string; label: string }[]; checked: readonly string[]; errors: FieldErrors | undefined }) {
  const bad = (errors?.fields[name]?.length ?? 0) > 0;
  return (
    <fieldset class={bad ? 'field field--error' : 'field'} id={`field-${name}`}>
      <legend>{legend}</legend>
      {hint ? <p class="field__hint">{hint}</p> : null}
      <Messages name={name} errors={errors} />
      {options.map((option) => (
        <label key={option.value} class="check">
          <input type="checkbox" name={name} value={option.value} checked={checked.includes(option.value)} /> {option.label}
        </label>
      ))}
    </fieldset>
  );
}

/** A field people leave empty and bots fill in; hidden from sight and from assistive technology. */
export function Honeypot() {
  return (
    <div class="honeypot" aria-hidden="true">
      <label for="field-website">{useLocale().t('forms.honeypot')}</label>
      <input id="field-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
    </div>
  );
}
