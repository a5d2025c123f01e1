import type { ComponentChildren } from 'preact';
import { can, type Permission } from '../auth/permissions.js';
import type { StaffMember } from '../staff/staff.js';
import type { Site } from '../web/layout.js';
import { ActionButton } from './forms.js';

/** The desk's sections, each shown only to roles that may use it. */
export const ADMIN_NAV: readonly { href: string; text: string; permission: Permission }[] = [
  { href: '/admin', text: 'Dashboard', permission: 'view_desk' },
  { href: '/admin/stories', text: 'Stories', permission: 'view_desk' },
  { href: '/admin/issues', text: 'Issues', permission: 'view_desk' },
  { href: '/admin/events', text: 'Events', permission: 'view_desk' },
  { href: '/admin/programs', text: 'Programs', permission: 'view_desk' },
  { href: '/admin/reports', text: 'Reports', permission: 'view_desk' },
  { href: '/admin/companies', text: 'Companies', permission: 'manage_people' },
  { href: '/admin/contacts', text: 'Contacts', permission: 'manage_people' },
  { href: '/admin/deliveries', text: 'Deliveries', permission: 'manage_sending' },
  { href: '/admin/inquiries', text: 'Inquiries', permission: 'manage_inquiries' },
  { href: '/admin/outbox', text: 'Outbox', permission: 'manage_sending' },
  { href: '/admin/activity', text: 'Activity', permission: 'read_activity' },
  { href: '/admin/staff', text: 'Staff', permission: 'manage_staff' },
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
  readonly children: ComponentChildren;
}

/** The desk's shell: its own header and navigation, never indexed. */
export function AdminLayout({ site, title, staff, csrf, flash, section, children }: AdminPageProps) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${title} · Desk · ${site.name}`}</title>
        <link rel="stylesheet" href={site.stylesheet} />
        {site.adminStylesheet ? <link rel="stylesheet" href={site.adminStylesheet} /> : null}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {site.adminScript ? <script src={site.adminScript} defer /> : null}
      </head>
      <body class="admin">
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header admin-header">
          <div class="wrap site-header__inner">
            <a class="brand" href="/admin">
              <span class="brand__mark" aria-hidden="true">
                ◆
              </span>
              {site.name} <span class="admin-header__desk">Desk</span>
            </a>
            {staff ? (
              <div class="admin-header__who">
                <span>
                  {staff.email} ({staff.role})
                </span>
                <a class="button button--quiet" href="/" target="_blank" rel="noopener">
                  View site
                </a>
                <ActionButton action="/admin/logout" csrf={csrf} label="Sign out" tone="quiet" />
              </div>
            ) : null}
          </div>
          {staff ? (
            <nav class="admin-nav wrap" aria-label="Desk">
              <ul>
                {ADMIN_NAV.filter((item) => can(staff.role, item.permission)).map((item) => (
                  <li key={item.href}>
                    <a href={item.href} aria-current={section === item.href ? 'page' : undefined}>
                      {item.text}
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
