import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_DIR, catalogProblems } from './catalog-checks.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from './languages.js';
import { CATALOGS, type MessageKey } from './messages.js';

// Catalogs as translators exchange them: `npm run catalogs -- export de` writes one JSON file
// with every message's English source and its German text; `npm run catalogs -- import de.json`
// puts the texts back into src/i18n/catalogs/de/*.ts, each on its line, after checking the whole
// catalog as the suite does (keys, ICU syntax, placeholders): all or nothing.

/** The exchange file of one language. */
export interface CatalogExchange {
  readonly language: Language;
  /** Every key, in catalog order: the English source and this language's text. */
  readonly messages: Readonly<Record<string, { readonly source: string; readonly text: string }>>;
}

export function exportCatalog(language: Exclude<Language, 'en'>): CatalogExchange {
  const messages: Record<string, { source: string; text: string }> = {};
  for (const [key, source] of Object.entries(CATALOGS.en)) messages[key] = { source, text: CATALOGS[language][key as MessageKey] };
  return { language, messages };
}

/** A message as a single-quoted TypeScript string. */
function quoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

const ENTRY = /^(\s*)'([^']+)': (.*),\s*$/;

/**
 * The catalog files of the exchange's language with its texts put in: `{ files }` (path → new
 * source) when the resulting catalog passes every check, else `{ problems }` and nothing to write.
 */
export function importCatalog(exchange: unknown, dir: string = CATALOG_DIR): { files: Map<string, string> } | { problems: string[] } {
  const problems: string[] = [];
  const data = exchange as Partial<CatalogExchange> | null;
  if (!data || typeof data !== 'object' || !isLanguage(data.language) || data.language === DEFAULT_LANGUAGE || typeof data.messages !== 'object' || data.messages === null) {
    return { problems: ['the file must be {"language": "de" or "zh", "messages": {"<key>": {"source": …, "text": …}}}, as `export` writes it'] };
  }
  const language = data.language;
  const texts = new Map<string, string>();
  for (const [key, entry] of Object.entries(data.messages)) {
    if (!(key in CATALOGS.en)) problems.push(`"${key}" is not a key of the English catalog`);
    else if (typeof entry?.text !== 'string' || entry.text.trim() === '') problems.push(`"${key}": the text must not be empty`);
    else texts.set(key, entry.text);
  }
  const catalog = { ...CATALOGS[language], ...Object.fromEntries(texts) };
  problems.push(...catalogProblems({ en: CATALOGS.en, [language]: catalog }));
  if (problems.length > 0) return { problems };
  const files = new Map<string, string>();
  const written = new Set<string>();
  for (const name of readdirSync(join(dir, language)).filter((file) => file.endsWith('.ts') && file !== 'index.ts')) {
    const path = join(dir, language, name);
    const before = readFileSync(path, 'utf8');
    const after = before
      .split('\n')
      .map((line) => {
        const match = ENTRY.exec(line);
        if (!match || !texts.has(match[2]!)) return line;
        written.add(match[2]!);
        return `${match[1]}'${match[2]}': ${quoted(texts.get(match[2]!)!)},`;
      })
      .join('\n');
    if (after !== before) files.set(path, after);
  }
  const unplaced = [...texts.keys()].filter((key) => !written.has(key) && texts.get(key) !== CATALOGS[language][key as MessageKey]);
  if (unplaced.length > 0) return { problems: unplaced.map((key) => `"${key}" is not written on a line of its own in src/i18n/catalogs/${language}/: put it there by hand`) };
  return { files };
}
