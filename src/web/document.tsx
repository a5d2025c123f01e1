import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { Branding } from '../settings/settings.js';
import { BrandingContext, NO_BRANDING } from './branding.js';
import type { Site } from './layout.js';
import { LocaleContext, localeOf, splitLanguage, type Locale } from './locale.js';
import { MessagePage } from './pages/message.page.js';
import { renderTemplate } from './personal-parts.js';
import { ViewerContext, type Viewer } from './viewer.js';

/** Turns a page component tree into a complete HTML document in a language, personal when a viewer is given. */
export function renderDocument(page: VNode, viewer?: Viewer, locale: Locale = localeOf('en'), branding: Branding = NO_BRANDING): string {
  const localised = (
    <BrandingContext.Provider value={branding}>
      <LocaleContext.Provider value={locale}>{page}</LocaleContext.Provider>
    </BrandingContext.Provider>
  );
  return `<!doctype html>\n${render(viewer ? <ViewerContext.Provider value={viewer}>{localised}</ViewerContext.Provider> : localised)}`;
}

/** A complete HTML document of a page for an audience, its personal parts left open as markers (personal-parts.tsx). */
export function renderTemplateDocument(page: VNode, locale: Locale, branding: Branding = NO_BRANDING): string {
  return `<!doctype html>\n${renderTemplate(
    <BrandingContext.Provider value={branding}>
      <LocaleContext.Provider value={locale}>{page}</LocaleContext.Provider>
    </BrandingContext.Provider>,
  )}`;
}

/** The error page in the site's own layout and the address's language (a 404's and a 500's text from the catalog; a refusal's reason as the service gave it). */
export function renderErrorPage(site: Site, status: number, message: string, path: string): string {
  const split = splitLanguage(path);
  const locale = localeOf(split.language);
  const { t } = locale;
  const title = t(status === 404 ? 'site.error.notFound' : status >= 500 ? 'site.error.failed' : 'site.error.refused');
  return renderDocument(
    <MessagePage site={site} title={title} path={split.path}>
      <p>{locale.language === 'en' ? message : status === 404 ? t('site.error.notFoundText') : status >= 500 ? t('site.error.failedText') : message}</p>
      <p>
        <a href={locale.path('/')}>{t('site.error.latest')}</a> {t('site.error.or')} <a href={locale.path('/issues')}>{t('site.error.archive')}</a>.
      </p>
    </MessagePage>,
    undefined,
    locale,
  );
}
