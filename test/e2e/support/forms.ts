import { inquiryPath, mediaHashOf, proposalOf, sentIntroductionOf, type Audience } from './page-kinds.js';
import { DEMO, UPCOMING, type E2eSite } from './site.js';

// Every form and query parameter a visitor can reach, for the attack suites: XSS payloads
// (browser/xss-forms*.test.ts) and SQL-injection probes (support/sql-injection.ts) go into each
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
  /**
   * The XSS suite types a sample of the corpus (every payload class at least once) instead of
   * all of it: forms added with events, programs and inquiries, to keep CI time in check.
   */
  readonly samplePayloads?: boolean;
  /**
   * The form takes an address the server fetches: the XSS walk also sends each payload inside an
   * address that parses (`https://xss.example/?q=<payload>`), so the fetch's refusal is shown too.
   */
  readonly fetchesAddress?: boolean;
}

// Desk addresses hold ids that differ per site: `{event}` (the upcoming fixture event),
// `{program}` (the demo program with the sample registrations), `{submission}` (a proposal to
// the fixture event's call) and `{inquiry}` (one inquiry), replaced by `resolveForm`.

const UPCOMING_EVENT = `/events/${UPCOMING.event}`;
const OPEN_PROGRAM = `/programs/${UPCOMING.program}`;

/** A form with its placeholders replaced by this site's ids (a proposal and an inquiry are sent through the public forms when needed). */
export async function resolveForm(site: E2eSite, form: FormTarget): Promise<FormTarget> {
  if (!/\{\w+\}/.test(form.page + form.action)) return form;
  const ids: Record<string, () => Promise<number | string>> = {
    media: () => mediaHashOf(site),
    event: async () => (await site.db.selectFrom('events').select('id').where('slug', '=', UPCOMING.event).executeTakeFirstOrThrow()).id,
    program: async () => (await site.db.selectFrom('programs').select('id').where('slug', '=', DEMO.program).executeTakeFirstOrThrow()).id,
    submission: async () => (await proposalOf(site)).id,
    inquiry: async () => Number((await inquiryPath(site)).split('/').pop()),
    introduction: async () => (await sentIntroductionOf(site)).id,
  };
  const fill = async (text: string) => {
    let out = text;
    for (const [key, id] of Object.entries(ids)) if (out.includes(`{${key}}`)) out = out.replaceAll(`{${key}}`, String(await id()));
    return out;
  };
  return { ...form, page: await fill(form.page), action: await fill(form.action) };
}

/** Forms anyone can submit, and the member's account form. */
export const PUBLIC_FORMS: readonly FormTarget[] = [
  { name: 'member sign-in', as: 'public', page: '/login', action: '/login', fields: ['email', 'next'] },
  { name: 'subscribe', as: 'public', page: '/subscribe', action: '/subscribe', fields: ['email', 'name', 'website'] },
  { name: 'account', as: 'member', page: '/account', action: '/account', fields: ['language', 'subscribed', 'topics', 'topicMode'] },
  // The contact's role (issue 17).
  { name: 'account role', as: 'member', page: '/account', action: '/account/role', fields: ['role'] },
  { name: 'desk sign-in', as: 'public', page: '/admin/login', action: '/admin/login', fields: ['email', 'password', 'next'] },
  { name: 'desk password reset', as: 'public', page: '/admin/forgot', action: '/admin/forgot', fields: ['email'] },
  // Issues 5 and 6 (the event and program come from test/fixtures/e2e-upcoming/).
  { name: 'contact', as: 'public', page: '/contact', action: '/contact', fields: ['name', 'email', 'company', 'topic', 'message', 'website'], samplePayloads: true },
  {
    name: 'event call', as: 'public', page: `${UPCOMING_EVENT}/call`, action: `${UPCOMING_EVENT}/call`,
    fields: ['kind', 'name', 'email', 'organisation', 'title', 'summary', 'website'], samplePayloads: true,
  },
  { name: 'event registration', as: 'member', page: UPCOMING_EVENT, action: `${UPCOMING_EVENT}/register`, fields: ['q0', 'q1'], samplePayloads: true },
  {
    name: 'program registration', as: 'member', page: `${OPEN_PROGRAM}/register/mentor`, action: `${OPEN_PROGRAM}/register/mentor`,
    fields: ['areas', 'sector', 'goals', 'languages', 'city', 'time_zone', 'availability', 'capacity', 'not_own_company'], samplePayloads: true,
  },
  // Innovator introductions (issue 17; the innovator comes from test/fixtures/e2e-upcoming/).
  {
    name: 'introduction request', as: 'member', page: `/innovators/${UPCOMING.innovator}/introduction`, action: `/innovators/${UPCOMING.innovator}/introduction`,
    fields: ['purpose', 'message', 'consent'], samplePayloads: true,
  },
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
  // Images (issue 21): an image's texts; the upload itself is multipart (its refusals: admin/media/media.routes.test.ts).
  { name: 'desk image texts', as: 'staff', page: '/admin/media/{media}', action: '/admin/media/{media}', fields: ['alt', 'caption', 'credit'] },
  { name: 'desk story translation', as: 'staff', page: `/admin/stories/${DEMO.story}/translations/zh`, action: `/admin/stories/${DEMO.story}/translations/zh`, fields: ['title', 'body'] },
  { name: 'desk company', as: 'staff', page: '/admin/companies/new', action: '/admin/companies', fields: ['name', 'industry'] },
  { name: 'desk organization profile', as: 'staff', page: '/admin/organizations/merck/edit', action: '/admin/organizations/merck/edit', fields: ['name', 'nameZh', 'city', 'technologies', 'aliases', 'body'] },
  { name: 'desk contact', as: 'staff', page: '/admin/contacts/new', action: '/admin/contacts', fields: ['name', 'role'] },
  {
    name: 'desk event settings', as: 'staff', page: '/admin/events/{event}/settings', action: '/admin/events/{event}/settings',
    fields: ['questions', 'waitlist', 'call_kinds', 'call_closes', 'call_intro'], samplePayloads: true,
  },
  {
    name: 'desk proposal review', as: 'staff', page: '/admin/events/{event}/submissions/{submission}', action: '/admin/events/{event}/submissions/{submission}',
    fields: ['status', 'review_notes'], samplePayloads: true,
  },
  { name: 'desk inquiry status', as: 'staff', page: '/admin/inquiries/{inquiry}', action: '/admin/inquiries/{inquiry}/status', fields: ['status'], samplePayloads: true },
  { name: 'desk introduction triage', as: 'staff', page: '/admin/introductions/{introduction}', action: '/admin/introductions/{introduction}/triage', fields: ['assignee', 'notes'], samplePayloads: true },
  { name: 'desk introduction state', as: 'staff', page: '/admin/introductions/{introduction}', action: '/admin/introductions/{introduction}/state', fields: ['state'], samplePayloads: true },
  {
    name: 'desk matching weights', as: 'staff', page: '/admin/programs/{program}/matching', action: '/admin/programs/{program}/matching/weights',
    fields: ['expertise', 'sector', 'location', 'availability'], samplePayloads: true,
  },
  { name: 'desk matching rule', as: 'staff', page: '/admin/programs/{program}/matching', action: '/admin/programs/{program}/matching/rules', fields: ['mentor', 'mentee', 'kind'], samplePayloads: true },
  { name: 'desk test send', as: 'staff', page: `/admin/deliveries/new?issue=${DEMO.issue}`, action: '/admin/deliveries/test', fields: ['issue', 'edition', 'addresses'], samplePayloads: true },
  { name: 'desk send', as: 'staff', page: `/admin/deliveries/new?issue=${DEMO.issue}`, action: '/admin/deliveries/send', fields: ['issue', 'edition', 'segment', 'scheduled_at', 'time_zone'], samplePayloads: true },
  // Audiences (issue 20): a segment's name, short name and the criteria's values.
  { name: 'desk segment', as: 'staff', page: '/admin/audiences/new', action: '/admin/audiences', fields: ['name', 'slug', 'sectors', 'topics', 'languages', 'companies', 'memberships', 'edition', 'clickedInLastSends', 'op'], samplePayloads: true },
  {
    name: 'desk site settings', as: 'staff', page: '/admin/settings', action: '/admin/settings',
    fields: ['orgName', 'orgAddress', 'orgEmail', 'orgPhone', 'imprintEn', 'imprintDe', 'imprintZh', 'privacyEn', 'privacyDe', 'privacyZh', 'tracking', 'openTracking', 'consentNetworkLog', 'retainSnapshotsDays', 'retainErrorsDays', 'retainUserAgentsDays', 'retainClicksDays', 'retainRateLimitsDays', 'logo', 'accentColor', 'footerText', 'sendDomainLimits'],
    samplePayloads: true,
  },
  // The composer's in-place change (issue 21): the edit form posted with a row button's op; the answer is the sections' fragment.
  {
    name: 'desk issue compose', as: 'staff', page: `/admin/issues/${DEMO.issue}/edit`, action: `/admin/issues/${DEMO.issue}/compose`,
    fields: ['title', 'intro', 'sections.0.kind', 'sections.0.heading', 'sections.0.items.0.label', 'sections.0.items.0.target', 'op'], samplePayloads: true,
  },
  { name: 'desk suppression', as: 'staff', page: '/admin/deliveries/suppressions', action: '/admin/deliveries/suppressions', fields: ['email'], samplePayloads: true },
  // The inquiry topics' owners (issue 17): a staff id per topic.
  { name: 'desk inquiry owners', as: 'staff', page: '/admin/inquiries/owners', action: '/admin/inquiries/owners', fields: ['technology-scouting', 'innovation-trips', 'other'], samplePayloads: true },
  // The curation inbox (issue 22). The source and article forms take an address the server
  // fetches: the test apps resolve every name to 127.0.0.1 (test/support/app.ts), which the
  // guarded fetch refuses, so a payload that parses as a URL is answered without leaving 127.0.0.1.
  { name: 'desk curation rule', as: 'staff', page: '/admin/inbox/rules', action: '/admin/inbox/rules', fields: ['phrase', 'action', 'value'], samplePayloads: true },
  { name: 'desk curation source', as: 'staff', page: '/admin/inbox/sources', action: '/admin/inbox/sources', fields: ['url'], samplePayloads: true, fetchesAddress: true },
  { name: 'desk curation article', as: 'staff', page: '/admin/inbox', action: '/admin/inbox/articles', fields: ['url'], samplePayloads: true, fetchesAddress: true },
];

export const FORMS: readonly FormTarget[] = [...PUBLIC_FORMS, ...DESK_FORMS];

/** Query parameters that handlers read. */
export const QUERY_PARAMETERS: readonly { readonly as: Audience; readonly path: string; readonly name: string }[] = [
  { as: 'member', path: '/account', name: 'saved' },
  { as: 'member', path: '/account', name: 'privacy' },
  { as: 'member', path: '/account', name: 'feed' },
  { as: 'member', path: '/account', name: 'role' },
  // The sign-in's return path (issue 17).
  { as: 'public', path: '/login', name: 'next' },
  { as: 'public', path: '/admin/login', name: 'next' },
  // The contact form's preselected topic (a service page's call to action, issue 17).
  { as: 'public', path: '/contact', name: 'topic' },
  { as: 'public', path: '/events', name: 'city' },
  { as: 'public', path: '/events', name: 'sector' },
  { as: 'public', path: '/events', name: 'organiser' },
  { as: 'public', path: '/events', name: 'page' },
  { as: 'public', path: '/issues', name: 'page' },
  { as: 'member', path: '/issues', name: 'page' },
  { as: 'public', path: '/feed.xml', name: 'page' },
  { as: 'public', path: '/feed.json', name: 'page' },
  { as: 'public', path: '/topics/startup-ecosystem', name: 'page' },
  { as: 'public', path: '/sectors/automotive', name: 'page' },
  { as: 'public', path: '/sectors/automotive/feed.json', name: 'page' },
  { as: 'public', path: '/organizations', name: 'page' },
  { as: 'public', path: '/organizations/tesla', name: 'page' },
  { as: 'public', path: '/innovators/byd', name: 'page' },
  { as: 'public', path: '/organizations/byd/feed.xml', name: 'page' },
  ...(['q', 'sector', 'technology', 'city', 'kind', 'page'] as const).map((name) => ({ as: 'public' as const, path: '/innovators', name })),
  { as: 'member', path: '/events', name: 'city' },
  // Search (issue 16): the query for the public and for a member, and every facet of a query's results.
  { as: 'public', path: '/search', name: 'q' },
  { as: 'member', path: '/search', name: 'q' },
  ...(['kind', 'topic', 'sector', 'year', 'quarter', 'language', 'page'] as const).map((name) => ({ as: 'public' as const, path: '/search?q=china', name })),
  { as: 'member', path: '/search?q=china', name: 'topic' },
  { as: 'member', path: `/events/${UPCOMING.event}`, name: 'done' },
  { as: 'member', path: `/programs/${UPCOMING.program}/register/mentee`, name: 'saved' },
  { as: 'staff', path: '/admin/inquiries', name: 'status' },
  { as: 'staff', path: '/admin/inquiries', name: 'topic' },
  { as: 'staff', path: '/admin/inquiries', name: 'assigned' },
  { as: 'staff', path: '/admin/introductions', name: 'state' },
  ...(['source', 'topic', 'sector', 'language', 'since', 'until', 'unread', 'board', 'page'] as const).map((name) => ({ as: 'staff' as const, path: '/admin/inbox', name })),
  { as: 'member', path: `/innovators/${UPCOMING.innovator}/introduction`, name: 'done' },
  { as: 'public', path: `/introductions/${'x'.repeat(43)}`, name: 'decision' },
  { as: 'staff', path: '/admin/deliveries', name: 'issue' },
  // The story picker's search and the email previews (issue 21).
  { as: 'staff', path: '/admin/issues/story-search', name: 'q' },
  { as: 'staff', path: '/admin/issues/story-search?q=china', name: 'issue' },
  { as: 'staff', path: '/admin/issues/story-search?q=china', name: 'format' },
  { as: 'staff', path: `/admin/issues/${DEMO.issue}/emails`, name: 'edition' },
  { as: 'staff', path: `/admin/issues/${DEMO.issue}/emails`, name: 'lang' },
  { as: 'staff', path: '/admin/deliveries/new', name: 'issue' },
];

/** Routes with a path parameter, as a function of the parameter's text (already URL-encoded). */
export const PATH_PARAMETERS: readonly { readonly as: Audience; readonly method: 'GET' | 'POST'; readonly path: (value: string) => string }[] = [
  { as: 'public', method: 'GET', path: (value) => `/issues/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/stories/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/events/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/programs/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/topics/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/sectors/${value}` },
  { as: 'member', method: 'GET', path: (value) => `/topics/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/topics/${value}/feed.xml` },
  { as: 'public', method: 'GET', path: (value) => `/sectors/${value}/feed.json` },
  { as: 'public', method: 'GET', path: (value) => `/organizations/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/organizations/${value}/feed.json` },
  { as: 'public', method: 'GET', path: (value) => `/innovators/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/services/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/login/${value}` },
  { as: 'public', method: 'POST', path: (value) => `/login/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/subscribe/confirm/${value}` },
  { as: 'public', method: 'POST', path: (value) => `/subscribe/confirm/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/admin/password/${value}` },
  { as: 'public', method: 'POST', path: (value) => `/admin/password/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/events/${value}/call` },
  { as: 'public', method: 'POST', path: (value) => `/events/${value}/call` },
  { as: 'public', method: 'GET', path: (value) => `/events/${value}/calendar.ics` },
  { as: 'member', method: 'GET', path: (value) => `/events/${value}/my-calendar.ics` },
  { as: 'member', method: 'POST', path: (value) => `/events/${value}/register` },
  { as: 'member', method: 'POST', path: (value) => `/events/${value}/cancel` },
  { as: 'public', method: 'GET', path: (value) => `/events/${UPCOMING.event}/call/withdraw/${value}` },
  { as: 'public', method: 'POST', path: (value) => `/events/${UPCOMING.event}/call/withdraw/${value}` },
  { as: 'member', method: 'GET', path: (value) => `/programs/${value}/register/mentee` },
  { as: 'member', method: 'GET', path: (value) => `/programs/${UPCOMING.program}/register/${value}` },
  { as: 'member', method: 'POST', path: (value) => `/programs/${UPCOMING.program}/register/${value}` },
  { as: 'member', method: 'POST', path: (value) => `/programs/${value}/register/withdraw` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/events/${value}/registrations` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/events/${value}/settings` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/events/${value}/submissions` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/events/1/submissions/${value}` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/programs/${value}/registrations` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/programs/${value}/matching` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/programs/${value}/roster.csv` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/inquiries/${value}` },
  { as: 'staff', method: 'POST', path: (value) => `/admin/inquiries/${value}/status` },
  { as: 'member', method: 'GET', path: (value) => `/innovators/${value}/introduction` },
  { as: 'member', method: 'POST', path: (value) => `/innovators/${value}/introduction` },
  { as: 'public', method: 'GET', path: (value) => `/introductions/${value}` },
  { as: 'public', method: 'POST', path: (value) => `/introductions/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/introductions/opt-out/${value}` },
  { as: 'public', method: 'POST', path: (value) => `/introductions/opt-out/${value}` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/introductions/${value}` },
  { as: 'staff', method: 'POST', path: (value) => `/admin/introductions/${value}/send` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/inbox/items/${value}` },
  { as: 'staff', method: 'POST', path: (value) => `/admin/inbox/items/${value}/promote` },
  { as: 'staff', method: 'POST', path: (value) => `/admin/programs/1/matching/rules/${value}/delete` },
  { as: 'public', method: 'GET', path: (value) => `/feeds/private/${value}.xml` },
  { as: 'member', method: 'GET', path: (value) => `/feeds/private/${value}.xml` },
  { as: 'public', method: 'GET', path: (value) => `/account/data/${value}` },
  { as: 'public', method: 'GET', path: (value) => `/account/erase/${value}` },
  { as: 'public', method: 'POST', path: (value) => `/account/erase/${value}` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/contacts/${value}/erase` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/contacts/${value}/export.json` },
  { as: 'public', method: 'GET', path: (value) => `/unsubscribe/${value}` },
  { as: 'public', method: 'POST', path: (value) => `/unsubscribe/${value}` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/deliveries/${value}` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/audiences/${value}` },
  { as: 'staff', method: 'POST', path: (value) => `/admin/audiences/${value}/delete` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/media/${value}` },
  { as: 'staff', method: 'POST', path: (value) => `/admin/media/${value}` },
  { as: 'staff', method: 'GET', path: (value) => `/media/${value}` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/stories/${value}/translations/de` },
  // Issue 21: a story's external images imported (the slug is the only input).
  { as: 'staff', method: 'POST', path: (value) => `/admin/stories/${value}/import-images` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/stories/${DEMO.story}/translations/${value}` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/events/${value}/translations/zh` },
  { as: 'staff', method: 'POST', path: (value) => `/admin/issues/${value}/translations/de` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/issues/${value}/emails` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/issues/${DEMO.issue}/emails/${value}/en` },
  { as: 'staff', method: 'GET', path: (value) => `/admin/issues/${DEMO.issue}/emails/full/${value}` },
  { as: 'staff', method: 'POST', path: (value) => `/admin/issues/${value}/compose` },
  { as: 'staff', method: 'POST', path: (value) => `/admin/reports/${value}/translations/zh/remove` },
  { as: 'staff', method: 'POST', path: (value) => `/admin/deliveries/${value}/pause` },
  { as: 'staff', method: 'POST', path: (value) => `/admin/deliveries/${value}/retry-failed` },
];
