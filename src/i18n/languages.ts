// The product's three languages. The code is `en`, `de` or `zh` everywhere (data, CSV columns,
// catalogs, file suffixes, the `/de/` and `/zh/` prefixes); `zh-Hans` appears only where a BCP 47
// tag is read by browsers and mail clients (`<html lang>`, `hreflang`, `Content-Language`).

export const LANGUAGES = ['en', 'de', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language of the site's root and of content as written. */
export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language named in itself, for switches and choices. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', de: 'Deutsch', zh: '中文' };

/** The BCP 47 tag of `lang`, `hreflang` and `Content-Language`. */
export function languageTag(language: Language): string {
  return language === 'zh' ? 'zh-Hans' : language;
}

/** The locale `Intl` formats with. */
export function intlLocale(language: Language): string {
  return language === 'zh' ? 'zh-CN' : language === 'de' ? 'de-DE' : 'en-GB';
}

/**
 * A site path in a language's version: English at the root, every other language under its
 * prefix (`/issues/x` → `/de/issues/x`; the root becomes `/de`). The public route table, the
 * site's links and every email's links follow this one rule.
 */
export function pathIn(language: Language, path: string): string {
  if (language === DEFAULT_LANGUAGE) return path;
  return path === '/' ? `/${language}` : `/${language}${path}`;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
