import { issueLoginToken } from '../../../src/auth/login-tokens.service.js';
import { DEMO, PEOPLE, type E2eSite, type InjectClient } from './site.js';

// Every kind of page the checks visit: axe in Chromium (browser/accessibility.test.ts) and the
// Nu Html Checker (html/valid-html.test.ts) walk this one list, so a new page kind is one entry.
// When the desk lands, add its page kinds to DESK_PAGE_KINDS (`as: 'staff'` signs in the owner).

/** Who looks at the page: nobody, the member contact, or the owner of the desk. */
export type Audience = 'public' | 'member' | 'staff';

export interface PageKind {
  /** Unique and file-name safe: screenshots and saved HTML are named after it. */
  readonly name: string;
  readonly as: Audience;
  /** The address, or a function that makes one (one-time links). */
  readonly path: string | ((site: E2eSite) => Promise<string>);
  /** The status the page is served with. */
  readonly status: number;
  /** When set, the page is the answer to submitting the form posting to `action` on `path`. */
  readonly submit?: { readonly action: string; readonly fields: Readonly<Record<string, string>> };
}

/** A fresh one-time link for the member (sign-in) or a confirmation link for them. */
async function oneTimeLink(site: E2eSite, purpose: 'member_sign_in' | 'subscribe_confirm'): Promise<string> {
  const contact = await site.db.selectFrom('contacts').select('id').where('email', '=', PEOPLE.member.email).executeTakeFirstOrThrow();
  const token = await issueLoginToken(site.db, site.clock, purpose, { contactId: contact.id });
  return purpose === 'member_sign_in' ? `/login/${token}` : `/subscribe/confirm/${token}`;
}

/** The public web edition and the member pages. */
export const PUBLIC_PAGE_KINDS: readonly PageKind[] = [
  { name: 'home', as: 'public', path: '/', status: 200 },
  { name: 'archive', as: 'public', path: '/issues', status: 200 },
  { name: 'issue', as: 'public', path: `/issues/${DEMO.issue}`, status: 200 },
  { name: 'story', as: 'public', path: `/stories/${DEMO.story}`, status: 200 },
  { name: 'events', as: 'public', path: '/events', status: 200 },
  { name: 'event', as: 'public', path: `/events/${DEMO.event}`, status: 200 },
  { name: 'program', as: 'public', path: `/programs/${DEMO.program}`, status: 200 },
  { name: 'login', as: 'public', path: '/login', status: 200 },
  { name: 'login-check-email', as: 'public', path: '/login', status: 200, submit: { action: '/login', fields: { email: 'nobody@example.com' } } },
  { name: 'login-invalid', as: 'public', path: '/login', status: 400, submit: { action: '/login', fields: { email: 'not an address' } } },
  { name: 'login-confirm', as: 'public', path: (site) => oneTimeLink(site, 'member_sign_in'), status: 200 },
  { name: 'login-unusable-link', as: 'public', path: '/login/no-such-token-0123456789', status: 400 },
  { name: 'subscribe', as: 'public', path: '/subscribe', status: 200 },
  { name: 'subscribe-invalid', as: 'public', path: '/subscribe', status: 400, submit: { action: '/subscribe', fields: { email: 'not an address', name: 'A Name' } } },
  { name: 'subscribe-check-email', as: 'public', path: '/subscribe', status: 200, submit: { action: '/subscribe', fields: { email: 'new.reader@example.com', name: 'New Reader' } } },
  { name: 'subscribe-confirm', as: 'public', path: (site) => oneTimeLink(site, 'subscribe_confirm'), status: 200 },
  { name: 'not-found', as: 'public', path: '/no-such-page', status: 404 },
  { name: 'member-home', as: 'member', path: '/', status: 200 },
  { name: 'member-issue', as: 'member', path: `/issues/${DEMO.issue}`, status: 200 },
  { name: 'member-story', as: 'member', path: `/stories/${DEMO.story}`, status: 200 },
  { name: 'account', as: 'member', path: '/account', status: 200 },
  { name: 'account-saved', as: 'member', path: '/account', status: 200, submit: { action: '/account', fields: { language: 'de', subscribed: '1' } } },
];

/** The desk. Today: its sign-in pages. Add each admin page kind here as it lands. */
export const DESK_PAGE_KINDS: readonly PageKind[] = [
  { name: 'desk-login', as: 'public', path: '/admin/login', status: 200 },
  { name: 'desk-login-invalid', as: 'public', path: '/admin/login', status: 400, submit: { action: '/admin/login', fields: { email: 'nobody@example.org', password: 'wrong password' } } },
  { name: 'desk-forgot', as: 'public', path: '/admin/forgot', status: 200 },
];

/** Every page kind the checks visit. */
export const PAGE_KINDS: readonly PageKind[] = [...PUBLIC_PAGE_KINDS, ...DESK_PAGE_KINDS];

/** The address of a page kind. */
export async function pathOf(kind: PageKind, site: E2eSite): Promise<string> {
  return typeof kind.path === 'string' ? kind.path : kind.path(site);
}

/** Fetches a page kind without a browser (redirects after a form followed); the client is signed in as its audience. */
export async function fetchPageKind(site: E2eSite, client: InjectClient, kind: PageKind) {
  const path = await pathOf(kind, site);
  return kind.submit ? client.submitAndFollow(path, kind.submit.action, kind.submit.fields) : client.get(path);
}
