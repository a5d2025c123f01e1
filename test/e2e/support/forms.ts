import type { Audience } from './page-kinds.js';

// Every form and query parameter a visitor can reach, for the attack suites: XSS payloads
// (browser/xss.test.ts) and SQL-injection probes (http/sql-injection.test.ts) go into each
// field listed here. When the desk lands, add its forms to DESK_FORMS (`as: 'staff'`).

export interface FormTarget {
  readonly name: string;
  readonly as: Audience;
  /** The page that shows the form (and hands out its CSRF token). */
  readonly page: string;
  /** Where the form posts. */
  readonly action: string;
  /** Every field the handler reads. */
  readonly fields: readonly string[];
}

/** Forms anyone can submit, and the member's account form. */
export const PUBLIC_FORMS: readonly FormTarget[] = [
  { name: 'member sign-in', as: 'public', page: '/login', action: '/login', fields: ['email'] },
  { name: 'subscribe', as: 'public', page: '/subscribe', action: '/subscribe', fields: ['email', 'name', 'website'] },
  { name: 'account', as: 'member', page: '/account', action: '/account', fields: ['language', 'subscribed', 'topics'] },
  { name: 'desk sign-in', as: 'public', page: '/admin/login', action: '/admin/login', fields: ['email', 'password', 'next'] },
  { name: 'desk password reset', as: 'public', page: '/admin/forgot', action: '/admin/forgot', fields: ['email'] },
];

/** Forms of the signed-in desk (as its owner). Add each as it lands. */
export const DESK_FORMS: readonly FormTarget[] = [
  {
    name: 'desk story',
    as: 'staff',
    page: '/admin/stories/new',
    action: '/admin/stories/new',
    fields: ['title', 'body', 'organizations', 'sources.0.author', 'sources.0.outlet', 'sources.0.url'],
  },
  { name: 'desk company', as: 'staff', page: '/admin/companies/new', action: '/admin/companies', fields: ['name', 'industry'] },
  { name: 'desk contact', as: 'staff', page: '/admin/contacts/new', action: '/admin/contacts', fields: ['name'] },
];

export const FORMS: readonly FormTarget[] = [...PUBLIC_FORMS, ...DESK_FORMS];

/** Query parameters that handlers read. */
export const QUERY_PARAMETERS: readonly { readonly as: Audience; readonly path: string; readonly name: string }[] = [
  { as: 'member', path: '/account', name: 'saved' },
  { as: 'public', path: '/admin/login', name: 'next' },
];

/** Routes with a path parameter, as a function of the parameter's text (already URL-encoded). */
export const PATH_PARAMETERS: readonly { readonly as: Audience; readonly method: 'GET' | 'POST'; readonly path: (value: string) => string }[] = [
  { as: 'public', method: 'GET', path: (value) => `/issues/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/stories/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/events/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/programs/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/login/${value}` },
  { as: 'public', method: 'POST', path: (value) => `/login/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/subscribe/confirm/${value}` },
  { as: 'public', method: 'POST', path: (value) => `/subscribe/confirm/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/admin/password/${value}` },
  { as: 'public', method: 'POST', path: (value) => `/admin/password/${value}` },
];
