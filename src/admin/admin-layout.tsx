import type { ComponentChildren } from 'preact';
import { can, type Permission } from '../auth/permissions.js';
import type { StaffMember } from '../staff/staff.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Site } from '../web/layout.js';
import { useLocale } from '../web/locale.js';
import { ActionButton } from './forms.js';

/** The desk's sections, each shown only to roles that may use it. */
export const ADMIN_NAV: readonly { href: string; text: MessageKey; permission: Permission }[] = [
  { href: '/admin', text: 'desk.nav.dashboard', permission: 'view_desk' },
  { href: '/admin/stories', text: 'desk.nav.stories', permission: 'view_desk' },
  { href: '/admin/issues', text: 'desk.nav.issues', permission: 'view_desk' },
  { href: '/admin/media', text: 'deskMedia.nav', permission: 'view_desk' },
  { href: '/admin/events', text: 'desk.nav.events', permission: 'view_desk' },
  { href: '/admin/programs', text: 'desk.nav.programs', permission: 'view_desk' },
  { href: '/admin/reports', text: 'desk.nav.reports', permission: 'view_desk' },
  { href: '/admin/inbox', text: 'deskCuration.nav', permission: 'manage_curation' },
  { href: '/admin/organizations', text: 'deskOrganizations.nav', permission: 'manage_organizations' },
  { href: '/admin/companies', text: 'desk.nav.companies', permission: 'manage_people' },
  { href: '/admin/contacts', text: 'desk.nav.contacts', permission: 'manage_people' },
  { href: '/admin/audiences', text: 'deskAudiences.nav', permission: 'manage_audiences' },
  { href: '/admin/deliveries', text: 'desk.nav.deliveries', permission: 'manage_sending' },
  { href: '/admin/inquiries', text: 'desk.nav.inquiries', permission: 'manage_inquiries' },
  { href: '/admin/introductions', text: 'deskIntroductions.nav', permission: 'manage_introductions' },
  { href: '/admin/outbox', text: 'desk.nav.outbox', permission: 'manage_sending' },
  { href: '/admin/impact', text: 'deskEngagement.impact.nav', permission: 'view_impact' },
  { href: '/admin/activity', text: 'desk.nav.activity', permission: 'read_activity' },
  { href: '/admin/staff', text: 'desk.nav.staff', permission: 'manage_staff' },
  { href: '/admin/settings', text: 'deskSettings.nav', permission: 'manage_site' },
];

export interface AdminPageProps {
  readonly site: Site;
  readonly title: string;
  /** The signed-in staff member; absent on the sign-in pages. */
  readonly staff?: StaffMember | undefined;
  readonly csrf: string;
  readonly flash?: string | undefined;
  /** The nav entry to mark as current. */
  readonly section?: string;
  /** Scripts of this page alone (same-origin paths), after the desk's own. */
  readonly scripts?: readonly string[];
  readonly children: ComponentChildren;
}

/** The desk's shell: its own header and navigation, never indexed. */
export function AdminLayout({ site, title, staff, csrf, flash, section, scripts, children }: AdminPageProps) {
  const { t, tag } = useLocale();
  return (
    <html lang={tag}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{t('desk.layout.title', { title, site: site.name })}</title>
        <link rel="stylesheet" href={site.stylesheet} />
        {site.adminStylesheet ? <link rel="stylesheet" href={site.adminStylesheet} /> : null}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {site.adminScript ? <script src={site.adminScript} defer /> : null}
        {(scripts ?? []).map((src) => (
          <script key={src} src={src} defer />
        ))}
      </head>
      <body class="admin">
        <a class="skip-link" href="#main">
          {t('desk.layout.skipLink')}
        </a>
        <header class="site-header admin-header">
          <div class="wrap site-header__inner">
            <a class="brand" href="/admin">
              <span class="brand__mark" aria-hidden="true">
                ◆
              </span>
              {site.name} <span class="admin-header__desk">{t('desk.layout.desk')}</span>
            </a>
            {staff ? (
              <div class="admin-header__who">
                <span>{t('desk.layout.who', { email: staff.email, role: t('desk.role', { role: staff.role }) })}</span>
                <a class="button button--quiet" href="/admin/account" aria-current={section === '/admin/account' ? 'page' : undefined}>
                  {t('desk.layout.account')}
                </a>
                <a class="button button--quiet" href="/" target="_blank" rel="noopener">
                  {t('desk.layout.viewSite')}
                </a>
                <ActionButton action="/admin/logout" csrf={csrf} label={t('desk.layout.signOut')} tone="quiet" />
              </div>
            ) : null}
          </div>
          {staff ? (
            <nav class="admin-nav wrap" aria-label={t('desk.layout.navLabel')}>
              <ul>
                {ADMIN_NAV.filter((item) => can(staff.role, item.permission)).map((item) => (
                  <li key={item.href}>
                    <a href={item.href} aria-current={section === item.href ? 'page' : undefined}>
                      {t(item.text)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" class="wrap admin-main" tabIndex={-1}>
          {flash ? (
            <p class="flash" role="status">
              {flash}
            </p>
          ) : null}
          {children}
        </main>
      </body>
    </html>
  );
}
