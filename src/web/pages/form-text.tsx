import { en } from '../../i18n/catalogs/en/index.js';
import { formatInteger } from '../../i18n/format.js';
import type { MessageKey, MessageValues, Translate } from '../../i18n/messages.js';
import type { FormErrors } from '../../lib/form-errors.js';
import type { Locale } from '../locale.js';

// What the public forms say beyond their own labels: the problems their services report, in the
// reader's language (sentences with a link inside: sentence.tsx).
//
// The services report problems as English text only (lib/errors.ts `Problem` has no code yet). A
// problem whose text is one of the `forms.error.*` messages of the English catalog, placeholders
// matching anything, is shown as that message in the reader's language; any other text stays in
// English. This reads message text, which the house style avoids: it is the stopgap until
// problems carry a stable code, and form-text.test.ts keeps the English catalog equal to the
// services' texts.

const PLACEHOLDER = /\{(\w+)\}/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Finds, for a service's English text, the catalog message under `prefix` that says it (its
 * placeholders matching anything, those named in `fixed` matching only their value) and gives it
 * through `t` with the values read back (`value` may reformat each, e.g. numbers); else undefined.
 */
export function catalogMatcher(
  prefix: string,
  fixed: Readonly<Record<string, string>> = {},
): (t: Translate, message: string, value?: (text: string) => string) => string | undefined {
  const known = (Object.keys(en) as MessageKey[])
    .filter((key) => key.startsWith(prefix))
    .map((key) => {
      const text = en[key];
      const names = [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!);
      const source = text
        .split(PLACEHOLDER)
        .map((part, index) => (index % 2 === 1 ? (part in fixed ? escapeRegExp(fixed[part]!) : '(.+?)') : escapeRegExp(part)))
        .join('');
      return { key, names, pattern: new RegExp(`^${source}$`, 's') };
    });
  return (t, message, value = (text) => text) => {
    for (const one of known) {
      const match = one.pattern.exec(message);
      if (!match) continue;
      const values: Record<string, string> = {};
      let at = 1;
      for (const name of one.names) values[name] = name in fixed ? fixed[name]! : value(match[at++]!);
      return t(one.key, values as MessageValues);
    }
    return undefined;
  };
}

const formsMatcher = catalogMatcher('forms.error.');

/** A service's English message in the reader's language, when it is one our forms know; else as given. */
export function localizeMessage(locale: Locale, message: string): string {
  if (locale.language === 'en') return message;
  return formsMatcher(locale.t, message, (text) => (/^\d+$/.test(text) ? formatInteger(locale.language, Number(text)) : text)) ?? message;
}

/** A failed form's summary and field messages in the reader's language (what our forms know of them). */
export function localizeErrors(locale: Locale, errors: FormErrors): FormErrors;
export function localizeErrors(locale: Locale, errors: FormErrors | undefined): FormErrors | undefined;
export function localizeErrors(locale: Locale, errors: FormErrors | undefined): FormErrors | undefined {
  if (!errors || locale.language === 'en') return errors;
  const fields = Object.fromEntries(Object.entries(errors.fields).map(([field, messages]) => [field, messages.map((message) => localizeMessage(locale, message))]));
  return { message: localizeMessage(locale, errors.message), fields };
}

