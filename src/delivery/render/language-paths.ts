import { DEFAULT_LANGUAGE, type Language } from '../../i18n/languages.js';

// Where a newsletter's links go in the recipient's language. The public site serves English at
// the root and every other language under its prefix (`/de/issues/<slug>`, `/zh/account`), the
// rule web/locale.ts's pathIn follows; delivery sits below the web shell, so it states it here.

/** A site path in a language's version: `/issues/x` → `/de/issues/x`; the root becomes `/de`. */
export function pathInLanguage(language: Language, path: string): string {
  if (language === DEFAULT_LANGUAGE) return path;
  return path === '/' ? `/${language}` : `/${language}${path}`;
}
