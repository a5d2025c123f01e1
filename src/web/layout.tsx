import type { ComponentChildren } from 'preact';
import { MAX_QUERY_LENGTH } from '../search/search.js';
import type { SettingsSeed } from '../config.js';
import { CSRF_FIELD } from '../lib/request-security.js';
import { PersonalPart } from './personal-parts.js';
import { intlLocale, LANGUAGE_NAMES, LANGUAGES, languageTag } from '../i18n/languages.js';
import { LANGUAGE_OFFER_SCRIPT } from './language-offer-script.js';
import { localeOf, pathIn, useLocale } from './locale.js';
import { sentence } from './pages/sentence.js';
import { useViewer } from './viewer.js';
import { brandStylesheetPath, useBranding } from './branding.js';

/** What every page knows about the site it is on. */
export interface Site {
  readonly name: string;
  /** Absolute base URL without a trailing slash, e.g. https://insights.example.org */
  readonly url: string;
  /** Path of the fingerprinted stylesheet. */
  readonly stylesheet: string;
  /** The desk's extra stylesheet and progressive-enhancement script (fingerprinted paths). */
  readonly adminStylesheet?: string;
  readonly adminScript?: string;
  readonly contactEmail: string | null;
  /** The site settings' environment seed (settings/), for the settings read where the site is passed. */
  readonly settingsSeed?: SettingsSeed;
}

export interface PageMeta {
  readonly title: string;
  /** Plain text; built from public teasers only. */
  readonly description: string;
  /** Path of this page, for the canonical link and og:url. */
  readonly path: string;
  readonly ogType?: 'website' | 'article';
  readonly current?: 'latest' | 'archive' | 'events' | null;
  readonly noindex?: boolean;
  /** False on the search page, whose own form takes the header's search box's place. */
  readonly searchBox?: boolean;
  /** A lead image for og:image: its site-relative path and alt text. */
  readonly image?: { readonly src: string; readonly alt: string } | null;
}

const NAV = [
  { key: 'latest', href: '/', text: 'site.nav.latest' },
  { key: 'archive', href: '/issues', text: 'site.nav.archive' },
  { key: 'events', href: '/events', text: 'site.nav.events' },
] as const;

/** The public page shell: landmarks, skip link, navigation, languages, Open Graph tags, footer. */
export function Layout({ site, meta, children }: { site: Site; meta: PageMeta; children: ComponentChildren }) {
  const locale = useLocale();
  const branding = useBranding();
  const { t } = locale;
  const title = meta.title === site.name ? site.name : `${meta.title} · ${site.name}`;
  const url = `${site.url}${locale.path(meta.path)}`;
  return (
    <html lang={locale.tag}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={meta.description} />
        {meta.noindex ? <meta name="robots" content="noindex" /> : null}
        <link rel="canonical" href={url} />
        {LANGUAGES.map((language) => (
          <link key={language} rel="alternate" hrefLang={languageTag(language)} href={`${site.url}${pathIn(language, meta.path)}`} />
        ))}
        <link rel="alternate" hrefLang="x-default" href={`${site.url}${meta.path}`} />
        <meta property="og:site_name" content={site.name} />
        <meta property="og:type" content={meta.ogType ?? 'website'} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:url" content={url} />
        <meta property="og:locale" content={intlLocale(locale.language).replace('-', '_')} />
        {meta.image ? <meta property="og:image" content={`${site.url}${meta.image.src}`} /> : null}
        {meta.image ? <meta property="og:image:alt" content={meta.image.alt} /> : null}
        <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
        <link rel="stylesheet" href={site.stylesheet} />
        {branding.accentColor ? <link rel="stylesheet" href={brandStylesheetPath(branding.accentColor)} /> : null}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="alternate" type="application/atom+xml" title={t('site.feedTitle', { site: site.name })} href={locale.path('/feed.xml')} />
        <link rel="alternate" type="application/feed+json" title={t('browse.feed.jsonTitle', { site: site.name })} href={locale.path('/feed.json')} />
        <script src={LANGUAGE_OFFER_SCRIPT} defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('site.skipLink')}
        </a>
        <LanguageOffers path={meta.path} />
        <header class="site-header">
          <div class="wrap site-header__inner">
            <a class="brand" href={locale.path('/')}>
              {branding.logo ? (
                <img class="brand__logo" src={branding.logo.smallSrc} alt={branding.logo.alt} width={branding.logo.width} height={branding.logo.height} />
              ) : (
                <span class="brand__mark" aria-hidden="true">
                  ◆
                </span>
              )}
              {site.name}
            </a>
            <nav class="site-nav" aria-label={t('site.nav.label')}>
              <ul>
                {NAV.map((item) => (
                  <li key={item.key}>
                    <a href={locale.path(item.href)} aria-current={meta.current === item.key ? 'page' : undefined}>
                      {t(item.text)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            {meta.searchBox === false ? null : (
              <form class="site-search" method="get" action={locale.path('/search')} role="search">
                <label for="site-search-q" class="visually-hidden">{t('site.search.label')}</label>
                <input type="search" id="site-search-q" name="q" maxLength={MAX_QUERY_LENGTH} />
                <button type="submit" class="button button--quiet">{t('site.search.submit')}</button>
              </form>
            )}
            <LanguageSwitch path={meta.path} />
            <SiteActions />
          </div>
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t('site.footer.tagline', { site: site.name })}</p>
            {branding.footerText ? <p class="site-footer__text">{branding.footerText}</p> : null}
            <ul class="site-footer__links">
              <li>
                <a href={locale.path('/issues')}>{t('site.footer.allIssues')}</a>
              </li>
              <li>
                <a href={locale.path('/events')}>{t('site.footer.events')}</a>
              </li>
              <li>
                <a href={locale.path('/feed.xml')}>{t('site.footer.feed')}</a>
              </li>
              <li>
                <a href={locale.path('/services')}>{t('services.footer')}</a>
              </li>
              <li>
                <a href={locale.path('/contact')}>{t('site.footer.contact')}</a>
              </li>
              <li>
                <a href={locale.path('/imprint')}>{t('siteLegal.footer.imprint')}</a>
              </li>
              <li>
                <a href={locale.path('/privacy')}>{t('siteLegal.footer.privacy')}</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** The header's language switch: this page in each language, the current one marked. */
function LanguageSwitch({ path }: { path: string }) {
  const locale = useLocale();
  return (
    <nav class="language-switch" aria-label={locale.t('site.languages.label')}>
      <ul>
        {LANGUAGES.map((language) => (
          <li key={language}>
            <a href={pathIn(language, path)} hrefLang={languageTag(language)} lang={languageTag(language)} data-language-choice={language} aria-current={language === locale.language ? 'true' : undefined}>
              {LANGUAGE_NAMES[language]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * One hidden line per other language, offering this page in it, each in its own language; the
 * language-offer script shows the one the browser prefers (never a redirect).
 */
function LanguageOffers({ path }: { path: string }) {
  const locale = useLocale();
  return (
    <>
      {LANGUAGES.filter((language) => language !== locale.language).map((language) => {
        const t = localeOf(language).t;
        return (
          <p key={language} class="language-offer" lang={languageTag(language)} data-language-offer={language} hidden>
            {t('site.languages.offer')}
            {language === 'zh' ? null : ' '}
            <a href={pathIn(language, path)} hrefLang={languageTag(language)} data-language-choice={language}>
              {t('site.languages.offerLink')}
            </a>
          </p>
        );
      })}
    </>
  );
}

/** The header's buttons: a personal part of every page. */
function SiteActions() {
  return (
    <PersonalPart name="site-actions" props={{}}>
      <SiteActionsFor />
    </PersonalPart>
  );
}

/** Sign in and subscribe for the public; account and sign-out (with its CSRF token) for a signed-in contact. */
export function SiteActionsFor() {
  const viewer = useViewer();
  const { t, path } = useLocale();
  if (viewer) {
    return (
      <div class="site-actions">
        <a class="button button--quiet" href={path('/account')}>
          {t('site.actions.account')}
        </a>
        <form method="post" action={path('/logout')} class="inline-form">
          <input type="hidden" name={CSRF_FIELD} value={viewer.csrf} />
          <button type="submit" class="button">
            {t('site.actions.signOut')}
          </button>
        </form>
      </div>
    );
  }
  return (
    <div class="site-actions">
      <a class="button button--quiet" href={path('/login')}>
        {t('site.actions.signIn')}
      </a>
      <a class="button" href={path('/subscribe')}>
        {t('site.actions.subscribe')}
      </a>
    </div>
  );
}

/**
 * The notice shown wherever members-only text was withheld: sign-in and subscribe for the
 * public, and for a signed-in contact whose company is not a member, why they see the teaser.
 */
export function MembersNotice({ what, contactEmail }: { what: 'issue' | 'story' | 'event' | 'program' | 'organization'; contactEmail?: string | null }) {
  return (
    <PersonalPart name="members-notice" props={{ what, contactEmail: contactEmail ?? null }}>
      <MembersNoticeFor what={what} contactEmail={contactEmail ?? null} />
    </PersonalPart>
  );
}

/** The notice for whoever reads the page: why a signed-in non-member sees the teaser, or how to sign in. */
export function MembersNoticeFor({ what, contactEmail }: { what: 'issue' | 'story' | 'event' | 'program' | 'organization'; contactEmail: string | null }) {
  const viewer = useViewer();
  const { t, path } = useLocale();
  if (viewer) {
    const company = viewer.contact.company;
    return (
      <aside class={`members-notice members-notice--${what}`} aria-label={t('site.notice.label')}>
        <p>
          {t('site.notice.signedInAs', { email: viewer.contact.email })}{' '}
          {company ? t('site.notice.companyNotMember', { company: company.name }) : t('site.notice.noCompany')}
        </p>
        <p>
          {t('site.notice.membersReceive')}
          {contactEmail ? (
            <>
              {' '}
              {sentence(t, 'site.notice.becomeMember', { email: <a href={`mailto:${contactEmail}`}>{contactEmail}</a> })}
            </>
          ) : null}
        </p>
      </aside>
    );
  }
  const text = what === 'issue' ? t('site.notice.shortenedIssue') : t('site.notice.shortenedItem', { what });
  return (
    <aside class={`members-notice members-notice--${what}`} aria-label={t('site.notice.label')}>
      <p>{text}</p>
      <p class="members-notice__actions">
        <a class="button" href={path('/login')}>
          {t('site.notice.memberSignIn')}
        </a>
        <a class="button button--quiet" href={path('/subscribe')}>
          {t('site.notice.subscribeFree')}
        </a>
      </p>
    </aside>
  );
}

/**
 * A title as a reader of another language sees it: when the item has no translation into the
 * page's language, the English title is marked as English ("(Englisch)", "（英文）").
 */
export function TitleText({ title, untranslated = false }: { title: string; untranslated?: boolean }) {
  const { t, language } = useLocale();
  if (!untranslated || language === 'en') return <>{title}</>;
  return (
    <>
      <span lang="en">{title}</span> <span class="untranslated">{t('site.untranslated')}</span>
    </>
  );
}

/** A `<time>` element for an ISO instant or date, with the text readers see. */
export function Time({ datetime, children }: { datetime: string; children: ComponentChildren }) {
  return <time dateTime={datetime}>{children}</time>;
}

/** Safe HTML produced by our Markdown renderer (already sanitised). */
export function Prose({ html, class: className }: { html: string; class?: string }) {
  return <div class={className ? `prose ${className}` : 'prose'} dangerouslySetInnerHTML={{ __html: html }} />;
}
