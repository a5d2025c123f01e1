import { IntlMessageFormat } from 'intl-messageformat';
import { de } from './catalogs/de/index.js';
import { en, type MessageKey } from './catalogs/en/index.js';
import { zh } from './catalogs/zh/index.js';
import { intlLocale, type Language } from './languages.js';

// Every user-visible string goes through a catalog: one per language (catalogs/<language>/, a few
// files by area merged in index.ts), ICU MessageFormat text (plurals, selects, placeholders) read
// by FormatJS's intl-messageformat. English is the source: its keys type every other catalog, so a
// missing key fails the type check, and catalogs.test.ts fails on different placeholders or broken
// ICU syntax, naming the catalog file and line.

export type { MessageKey } from './catalogs/en/index.js';

/** A catalog: a text for every key of the English one. */
export type Catalog = Readonly<Record<MessageKey, string>>;

export const CATALOGS: Readonly<Record<Language, Catalog>> = { en, de, zh };

/** Values a message's placeholders take. */
export type MessageValues = Readonly<Record<string, string | number | Date>>;

/** Formats one message of one language. */
export type Translate = (key: MessageKey, values?: MessageValues) => string;

const compiled = new Map<string, IntlMessageFormat>();

function formatOf(language: Language, key: MessageKey): IntlMessageFormat {
  const id = `${language}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(CATALOGS[language][key], intlLocale(language), undefined, { ignoreTag: true });
    compiled.set(id, format);
  }
  return format;
}

const translators = new Map<Language, Translate>();

/** The translate function of a language (one per language, compiled messages kept). */
export function translator(language: Language): Translate {
  let translate = translators.get(language);
  if (!translate) {
    translate = (key, values) => {
      const text = CATALOGS[language][key];
      if (values === undefined && !text.includes('{') && !text.includes("'")) return text;
      return String(formatOf(language, key).format(values));
    };
    translators.set(language, translate);
  }
  return translate;
}
