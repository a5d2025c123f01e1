import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { DEFAULT_LANGUAGE, LANGUAGES, languageTag, pathIn, type Language } from '../i18n/languages.js';
import { translator, type Translate } from '../i18n/messages.js';

// The language a public page is rendered in: English at the root, German under /de/, Chinese
// under /zh/. The route table registers every page route once per language (root-only routes
// aside: assets, robots.txt, the sitemap, the health check); components read the locale from
// context, and `path()` keeps links in the reader's language.

export interface Locale {
  readonly language: Language;
  /** `en`, `de` or `zh-Hans`: for `lang`, `hreflang` and `Content-Language`. */
  readonly tag: string;
  readonly t: Translate;
  /** A same-site path of a page in this language: `/issues/x` → `/de/issues/x`. */
  path(path: string): string;
}

/** `''` for English, `/de` or `/zh`. */
export function languagePrefix(language: Language): string {
  return language === DEFAULT_LANGUAGE ? '' : `/${language}`;
}

export { pathIn } from '../i18n/languages.js';

/** Splits a request path into its language and the path as English has it (`/de/events?x` → de, `/events?x`). */
export function splitLanguage(path: string): { language: Language; path: string } {
  for (const language of LANGUAGES) {
    const prefix = languagePrefix(language);
    if (!prefix) continue;
    if (path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`)) {
      const rest = path.slice(prefix.length);
      return { language, path: rest === '' || rest.startsWith('?') ? `/${rest}` : rest };
    }
  }
  return { language: DEFAULT_LANGUAGE, path };
}

/** Paths that exist in one version only (the desk, assets, feeds of the whole site): never prefixed. */
const UNPREFIXED = /^\/(?:admin|assets|favicon\.|robots\.txt|sitemap\.xml|healthz)(?:[/?.]|$)/;

const locales = new Map<Language, Locale>();

/** The locale of a language (one object per language). */
export function localeOf(language: Language): Locale {
  let locale = locales.get(language);
  if (!locale) {
    locale = {
      language,
      tag: languageTag(language),
      t: translator(language),
      path: (path) => (UNPREFIXED.test(path) || !path.startsWith('/') || splitLanguage(path).language !== DEFAULT_LANGUAGE ? path : pathIn(language, path)),
    };
    locales.set(language, locale);
  }
  return locale;
}

export const LocaleContext = createContext<Locale>(localeOf(DEFAULT_LANGUAGE));

/** The locale of the page being rendered. */
export function useLocale(): Locale {
  return useContext(LocaleContext);
}
