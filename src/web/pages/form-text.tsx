import { en } from '../../i18n/catalogs/en/index.js';
import { formatInteger } from '../../i18n/format.js';
import type { MessageKey, MessageValues } from '../../i18n/messages.js';
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

interface KnownMessage {
  readonly key: MessageKey;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

const PLACEHOLDER = /\{(\w+)\}/g;

function knownMessage(key: MessageKey, text: string): KnownMessage {
  const names = [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!);
  const source = text
    .split(PLACEHOLDER)
    .map((part, index) => (index % 2 === 1 ? '(.+?)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return { key, pattern: new RegExp(`^${source}$`, 's'), names };
}

const KNOWN: readonly KnownMessage[] = (Object.keys(en) as MessageKey[]).filter((key) => key.startsWith('forms.error.')).map((key) => knownMessage(key, en[key]));

/** A service's English message in the reader's language, when it is one our forms know; else as given. */
export function localizeMessage(locale: Locale, message: string): string {
  if (locale.language === 'en') return message;
  for (const known of KNOWN) {
    const match = known.pattern.exec(message);
    if (!match) continue;
    const values: Record<string, string> = {};
    known.names.forEach((name, index) => {
      const value = match[index + 1]!;
      values[name] = /^\d+$/.test(value) ? formatInteger(locale.language, Number(value)) : value;
    });
    return locale.t(known.key, values as MessageValues);
  }
  return message;
}

/** A failed form's summary and field messages in the reader's language (what our forms know of them). */
export function localizeErrors(locale: Locale, errors: FormErrors): FormErrors;
export function localizeErrors(locale: Locale, errors: FormErrors | undefined): FormErrors | undefined;
export function localizeErrors(locale: Locale, errors: FormErrors | undefined): FormErrors | undefined {
  if (!errors || locale.language === 'en') return errors;
  const fields = Object.fromEntries(Object.entries(errors.fields).map(([field, messages]) => [field, messages.map((message) => localizeMessage(locale, message))]));
  return { message: localizeMessage(locale, errors.message), fields };
}

