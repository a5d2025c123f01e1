import { issueLoginToken } from '../../../src/auth/login-tokens.service.js';
import { listOutbox } from '../../../src/mail/outbox.js';
import { DEMO, InjectClient, PEOPLE, type E2eSite } from './site.js';

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

/** The edit page of the demo event (events are edited by id). */
async function eventEditPath(site: E2eSite): Promise<string> {
  const event = await site.db.selectFrom('events').select('id').where('slug', '=', DEMO.event).executeTakeFirstOrThrow();
  return `/admin/events/${event.id}`;
}

/** The newest message in the outbox; a sign-in link is mailed to the member first if it is empty. */
async function outboxMessagePath(site: E2eSite): Promise<string> {
  const dir = site.app.mailer.outboxDir;
  if (!dir) throw new Error('the e2e site has no outbox');
  if ((await listOutbox(dir)).length === 0) await new InjectClient(site.app).submit('/login', '/login', { email: PEOPLE.member.email });
  const [newest] = await listOutbox(dir);
  if (!newest) throw new Error('the outbox is still empty');
  return `/admin/outbox/${newest.file}`;
}

/** The desk: its sign-in pages, then every page kind the owner sees. */
export const DESK_PAGE_KINDS: readonly PageKind[] = [
  { name: 'desk-login', as: 'public', path: '/admin/login', status: 200 },
  { name: 'desk-login-invalid', as: 'public', path: '/admin/login', status: 400, submit: { action: '/admin/login', fields: { email: 'nobody@example.org', password: 'wrong password' } } },
  { name: 'desk-forgot', as: 'public', path: '/admin/forgot', status: 200 },
  { name: 'desk-dashboard', as: 'staff', path: '/admin', status: 200 },
  { name: 'desk-stories', as: 'staff', path: '/admin/stories', status: 200 },
  { name: 'desk-story-new', as: 'staff', path: '/admin/stories/new', status: 200 },
  { name: 'desk-story-edit', as: 'staff', path: `/admin/stories/${DEMO.story}/edit`, status: 200 },
  {
    name: 'desk-story-new-invalid',
    as: 'staff',
    path: '/admin/stories/new',
    status: 400,
    submit: { action: '/admin/stories/new', fields: { slug: 'Not A Slug!', title: 'A story with a bad address', body: 'Some text.', op: 'save' } },
  },
  { name: 'desk-issues', as: 'staff', path: '/admin/issues', status: 200 },
  { name: 'desk-issue-new', as: 'staff', path: '/admin/issues/new', status: 200 },
  { name: 'desk-issue-edit', as: 'staff', path: `/admin/issues/${DEMO.issue}/edit`, status: 200 },
  { name: 'desk-issue-preview-public', as: 'staff', path: `/admin/issues/${DEMO.issue}/preview/public`, status: 200 },
  { name: 'desk-issue-preview-member', as: 'staff', path: `/admin/issues/${DEMO.issue}/preview/member`, status: 200 },
  { name: 'desk-events', as: 'staff', path: '/admin/events', status: 200 },
  { name: 'desk-event-new', as: 'staff', path: '/admin/events/new', status: 200 },
  { name: 'desk-event-edit', as: 'staff', path: eventEditPath, status: 200 },
  { name: 'desk-programs', as: 'staff', path: '/admin/programs', status: 200 },
  { name: 'desk-program-new', as: 'staff', path: '/admin/programs/new', status: 200 },
  { name: 'desk-reports', as: 'staff', path: '/admin/reports', status: 200 },
  { name: 'desk-report-new', as: 'staff', path: '/admin/reports/new', status: 200 },
  { name: 'desk-companies', as: 'staff', path: '/admin/companies', status: 200 },
  { name: 'desk-contacts', as: 'staff', path: '/admin/contacts', status: 200 },
  { name: 'desk-contacts-import', as: 'staff', path: '/admin/contacts/import', status: 200 },
  { name: 'desk-outbox', as: 'staff', path: '/admin/outbox', status: 200 },
  { name: 'desk-outbox-message', as: 'staff', path: outboxMessagePath, status: 200 },
  { name: 'desk-activity', as: 'staff', path: '/admin/activity', status: 200 },
  { name: 'desk-staff', as: 'staff', path: '/admin/staff', status: 200 },
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
