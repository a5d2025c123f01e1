import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

// The checks every catalog passes (src/i18n/catalogs.test.ts runs them on the catalogs; the
// translators' import, scripts/catalogs.ts, runs them before it writes anything): every language
// has every key of the English catalog and no other, each message parses as ICU MessageFormat,
// and uses the same placeholders (names and kinds) as the English one. A problem names the
// catalog file and line of the message.

export const CATALOG_DIR = fileURLToPath(new URL('./catalogs/', import.meta.url));

/** Where a key is written: `catalogs/<language>/<file>.ts:<line>`. */
export function whereIs(language: string, key: string): string {
  for (const file of readdirSync(join(CATALOG_DIR, language))) {
    const lines = readFileSync(join(CATALOG_DIR, language, file), 'utf8').split('\n');
    const index = lines.findIndex((line) => line.includes(`'${key}':`));
    if (index !== -1) return `src/i18n/catalogs/${language}/${file}:${index + 1}`;
  }
  return `src/i18n/catalogs/${language}/ (key not found)`;
}

/** The placeholders of a message, as `name:kind`, nested ones included. */
function placeholders(elements: readonly MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument) into.add(`${element.value}:text`);
    else if (element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) into.add(`${element.value}:${TYPE[element.type]}`);
    else if (element.type === TYPE.select || element.type === TYPE.plural) {
      into.add(`${element.value}:${TYPE[element.type]}`);
      for (const option of Object.values(element.options)) placeholders(option.value, into);
    } else if (element.type === TYPE.tag) placeholders(element.children, into);
  }
  return into;
}

/** Every problem of a set of catalogs by language (English among them), as `file:line: what`. */
export function catalogProblems(catalogs: Readonly<Record<string, Readonly<Record<string, string>>>>): string[] {
  const problems: string[] = [];
  const source = catalogs.en!;
  const parsed = (language: string, key: string, text: string) => {
    try {
      return placeholders(parse(text, { ignoreTag: true }));
    } catch (error) {
      problems.push(`${whereIs(language, key)}: "${key}" is not valid ICU MessageFormat: ${(error as Error).message}`);
      return undefined;
    }
  };
  for (const [language, catalog] of Object.entries(catalogs)) {
    for (const key of Object.keys(source)) if (!(key in catalog)) problems.push(`src/i18n/catalogs/${language}/: "${key}" is missing`);
    for (const key of Object.keys(catalog)) if (!(key in source)) problems.push(`${whereIs(language, key)}: "${key}" is not a key of the English catalog`);
    for (const [key, text] of Object.entries(catalog)) {
      if (!(key in source)) continue;
      const mine = parsed(language, key, text);
      const theirs = language === 'en' ? mine : parsed('en', key, source[key]!);
      if (!mine || !theirs || language === 'en') continue;
      const differ = [...mine].filter((p) => !theirs.has(p)).concat([...theirs].filter((p) => !mine.has(p)));
      if (differ.length > 0) problems.push(`${whereIs(language, key)}: "${key}" has other placeholders than in English: ${differ.join(', ')}`);
    }
  }
  return problems;
}
