import type { ComponentChildren } from 'preact';
import { CSRF_FIELD } from '../lib/request-security.js';
import { PersonalPart } from './personal-parts.js';
import { useViewer } from './viewer.js';

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
}

const NAV = [
  { key: 'latest', href: '/', text: 'Latest issue' },
  { key: 'archive', href: '/issues', text: 'Archive' },
  { key: 'events', href: '/events', text: 'Events' },
] as const;

/** The public page shell: landmarks, skip link, navigation, Open Graph tags, footer. */
export function Layout({ site, meta, children }: { site: Site; meta: PageMeta; children: ComponentChildren }) {
  const title = meta.title === site.name ? site.name : `${meta.title} · ${site.name}`;
  const url = `${site.url}${meta.path}`;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={meta.description} />
        {meta.noindex ? <meta name="robots" content="noindex" /> : null}
        <link rel="canonical" href={url} />
        <meta property="og:site_name" content={site.name} />
        <meta property="og:type" content={meta.ogType ?? 'website'} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        <meta property="og:url" content={url} />
        <meta name="twitter:card" content="summary" />
        <link rel="stylesheet" href={site.stylesheet} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="alternate" type="application/atom+xml" title={`${site.name} (Atom)`} href="/feed.xml" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="wrap site-header__inner">
            <a class="brand" href="/">
              <span class="brand__mark" aria-hidden="true">
                ◆
              </span>
              {site.name}
            </a>
            <nav class="site-nav" aria-label="Main">
              <ul>
                {NAV.map((item) => (
                  <li key={item.key}>
                    <a href={item.href} aria-current={meta.current === item.key ? 'page' : undefined}>
                      {item.text}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <SiteActions />
          </div>
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              {site.name}: innovation stories from China, hand-picked every quarter for German member companies.
            </p>
            <ul class="site-footer__links">
              <li>
                <a href="/issues">All issues</a>
              </li>
              <li>
                <a href="/events">Events</a>
              </li>
              <li>
                <a href="/feed.xml">Atom feed</a>
              </li>
              <li>
                <a href="/contact">Contact us</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
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
  if (viewer) {
    return (
      <div class="site-actions">
        <a class="button button--quiet" href="/account">
          Your account
        </a>
        <form method="post" action="/logout" class="inline-form">
          <input type="hidden" name={CSRF_FIELD} value={viewer.csrf} />
          <button type="submit" class="button">
            Sign out
          </button>
        </form>
      </div>
    );
  }
  return (
    <div class="site-actions">
      <a class="button button--quiet" href="/login">
        Sign in
      </a>
      <a class="button" href="/subscribe">
        Subscribe
      </a>
    </div>
  );
}

/**
 * The notice shown wherever members-only text was withheld: sign-in and subscribe for the
 * public, and for a signed-in contact whose company is not a member, why they see the teaser.
 */
export function MembersNotice({ what, contactEmail }: { what: 'issue' | 'story' | 'event' | 'program'; contactEmail?: string | null }) {
  return (
    <PersonalPart name="members-notice" props={{ what, contactEmail: contactEmail ?? null }}>
      <MembersNoticeFor what={what} contactEmail={contactEmail ?? null} />
    </PersonalPart>
  );
}

/** The notice for whoever reads the page: why a signed-in non-member sees the teaser, or how to sign in. */
export function MembersNoticeFor({ what, contactEmail }: { what: 'issue' | 'story' | 'event' | 'program'; contactEmail: string | null }) {
  const viewer = useViewer();
  if (viewer) {
    const company = viewer.contact.company;
    return (
      <aside class={`members-notice members-notice--${what}`} aria-label="Members-only content">
        <p>
          You are signed in as {viewer.contact.email}.{' '}
          {company
            ? `${company.name} is not a current member, so you see the shortened version.`
            : 'Your address is not linked to a member company, so you see the shortened version.'}
        </p>
        <p>
          Members receive the full version of every issue.
          {contactEmail ? (
            <>
              {' '}If your company is a member, or would like to become one, write to <a href={`mailto:${contactEmail}`}>{contactEmail}</a>.
            </>
          ) : null}
        </p>
      </aside>
    );
  }
  const text =
    what === 'issue'
      ? 'This is the shortened web edition. Members receive the full version of every issue by email and can read it here after signing in.'
      : `Members read the full ${what} in the email edition, or here after signing in.`;
  return (
    <aside class={`members-notice members-notice--${what}`} aria-label="Members-only content">
      <p>{text}</p>
      <p class="members-notice__actions">
        <a class="button" href="/login">
          Member sign-in
        </a>
        <a class="button button--quiet" href="/subscribe">
          Subscribe to the free edition
        </a>
      </p>
    </aside>
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
