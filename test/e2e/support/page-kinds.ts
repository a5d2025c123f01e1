import { issueLoginToken } from '../../../src/auth/login-tokens.service.js';
import { enqueueMail } from '../../../src/mail/email.js';
import { listOutbox } from '../../../src/mail/outbox.js';
import { PermanentJobFailure, runDueJobs } from '../../../src/jobs/jobs.service.js';
import { unsubscribeToken } from '../../../src/delivery/tokens.js';
import { clickToken } from '../../../src/engagement/engagement.js';
import { trackingKey } from '../../../src/engagement/engagement.service.js';
import { lastLinkInOutbox, TEST_SECRET_KEY } from '../../support/app.js';
import { clientsFor, DEMO, InjectClient, PEOPLE, UPCOMING, type E2eSite } from './site.js';
import { SYSTEM_ACTOR } from '../../../src/activity/activity.js';
import { uploadMedia } from '../../../src/media/media.service.js';
import { testImage } from '../../support/images.js';
import { FIXTURE, startFeedServer } from '../../support/feed-server.js';
import { addSource, pollSource } from '../../../src/curation/sources.service.js';
import { promoteEntry } from '../../../src/issues/curation-promotion.service.js';
import { runWorkerPass } from './worker-pass.js';
import { startSmtpSink } from '../../support/smtp-sink.js';

/** The hash of an image uploaded to the e2e site (the same bytes each time: one image). */
export async function mediaHashOf(site: E2eSite): Promise<string> {
  const { item } = await uploadMedia(site.db, site.clock, site.app.services.config.mediaDir, SYSTEM_ACTOR, { bytes: await testImage('jpeg', 800, 500), alt: 'A blue card for the page checks', caption: 'A caption', credit: 'Photo: e2e' });
  return item.hash;
}

// Every kind of page the checks visit: axe in Chromium (browser/accessibility.part*.test.ts, support/accessibility-walk.ts) and the
// Nu Html Checker (html/valid-html.test.ts) walk this one list, so a new page kind is one entry.
// When the desk lands, add its page kinds to DESK_PAGE_KINDS (`as: 'staff'` signs in the owner).
//
// Events, programs and inquiries (issues 5 and 6): the demo has no upcoming own event and no open
// program for the suite's clock, so the kinds that show a registration form, a call form or an
// open program use the fixture folder test/fixtures/e2e-upcoming/ that startSite imports next to
// the demo (UPCOMING). The checks walk the list in order, and some kinds change the site: the
// member registers for the upcoming event ('member-event-registered') and as a mentor
// ('member-program-registered'), a proposal is sent through the call form, an inquiry through
// /contact. Desk kinds that need a proposal or an inquiry make one through the public form when
// there is none yet (so each kind also works on its own).
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

/** A fresh erasure link for the member: its page only asks to confirm. */
async function erasureLink(site: E2eSite): Promise<string> {
  const contact = await site.db.selectFrom('contacts').select('id').where('email', '=', PEOPLE.member.email).executeTakeFirstOrThrow();
  return `/account/erase/${await issueLoginToken(site.db, site.clock, 'erasure_confirm', { contactId: contact.id })}`;
}

/** A fresh one-time link for the member (sign-in) or a confirmation link for them. */
async function oneTimeLink(site: E2eSite, purpose: 'member_sign_in' | 'subscribe_confirm'): Promise<string> {
  const contact = await site.db.selectFrom('contacts').select('id').where('email', '=', PEOPLE.member.email).executeTakeFirstOrThrow();
  const token = await issueLoginToken(site.db, site.clock, purpose, { contactId: contact.id });
  return purpose === 'member_sign_in' ? `/login/${token}` : `/subscribe/confirm/${token}`;
}

/** The member contact's id (their desk pages). */
async function memberContactId(site: E2eSite): Promise<number> {
  return (await site.db.selectFrom('contacts').select('id').where('email', '=', PEOPLE.member.email).executeTakeFirstOrThrow()).id;
}

const UPCOMING_EVENT = `/events/${UPCOMING.event}`;
const UPCOMING_CALL = `${UPCOMING_EVENT}/call`;
const OPEN_PROGRAM = `/programs/${UPCOMING.program}`;

/** A proposal sent to the upcoming event's call through the public form (once per site): its desk page and its withdraw link. */
const proposals = new WeakMap<E2eSite, Promise<{ id: number; withdrawLink: string }>>();
export function proposalOf(site: E2eSite): Promise<{ id: number; withdrawLink: string }> {
  let proposal = proposals.get(site);
  if (!proposal) {
    proposal = (async () => {
      const email = 'sam.speaker@example.net';
      const sent = await new InjectClient(site.app).submit(UPCOMING_CALL, UPCOMING_CALL, {
        kind: 'speaker', name: 'Sam Speaker', email, organisation: 'Speaker Labs', title: 'Robots in small factories', summary: 'What we learned.', website: '',
      });
      if (sent.statusCode !== 200) throw new Error(`POST ${UPCOMING_CALL} answered ${sent.statusCode}`);
      const row = await site.db.selectFrom('event_submissions').select('id').where('email', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow();
      const withdrawLink = await lastLinkInOutbox(site.app, email, `${UPCOMING_CALL}/withdraw/`);
      if (!withdrawLink) throw new Error(`no withdraw link for ${email} in the outbox`);
      return { id: row.id, withdrawLink };
    })();
    proposals.set(site, proposal);
  }
  return proposal;
}

const INNOVATOR_INTRODUCTION = `/innovators/${UPCOMING.innovator}/introduction`;

/**
 * The member's introduction request to a fixture innovator, sent by the owner from the desk to its
 * contact person (once per site and innovator): its desk page and the contact person's two links.
 */
const introductions = new WeakMap<E2eSite, Map<string, Promise<{ id: number; decisionLink: string; optOutLink: string }>>>();
export function sentIntroductionOf(site: E2eSite, innovator: string = UPCOMING.innovator): Promise<{ id: number; decisionLink: string; optOutLink: string }> {
  let perSite = introductions.get(site);
  if (!perSite) introductions.set(site, (perSite = new Map()));
  let sent = perSite.get(innovator);
  if (!sent) {
    sent = (async () => {
      const path = `/innovators/${innovator}/introduction`;
      const member = new InjectClient(site.app);
      await member.signInAsContact(PEOPLE.member.email);
      // A second request is answered with the first (one open request per contact and innovator).
      const asked = await member.submit('/account', path, { purpose: 'partnership', message: 'We look for a partner for automated parking in Bavaria.', consent: '1' });
      if (asked.statusCode !== 303) throw new Error(`POST ${path} answered ${asked.statusCode}`);
      const row = await site.db.selectFrom('innovator_introductions as i').innerJoin('contacts as c', 'c.id', 'i.contact_id').innerJoin('organizations as o', 'o.id', 'i.organization_id')
        .select(['i.id', 'i.sent_at']).where('c.email', '=', PEOPLE.member.email).where('o.slug', '=', innovator).orderBy('i.id', 'desc').executeTakeFirstOrThrow();
      const person = await site.db.selectFrom('organization_contacts as p').innerJoin('organizations as o', 'o.id', 'p.organization_id').select(['p.id', 'p.email'])
        .where('o.slug', '=', innovator).executeTakeFirstOrThrow();
      if (row.sent_at === null) {
        const staff = new InjectClient(site.app);
        await staff.signInAsStaff(PEOPLE.owner.email, PEOPLE.owner.password);
        const posted = await staff.submit(`/admin/introductions/${row.id}`, `/admin/introductions/${row.id}/send`, { contact: String(person.id) });
        if (posted.statusCode !== 303) throw new Error(`POST /admin/introductions/${row.id}/send answered ${posted.statusCode}`);
      }
      // The fixture's contact persons read English: the links have no language prefix, which the language walks add.
      const decisionLink = await lastLinkInOutbox(site.app, person.email, '/introductions/');
      const optOutLink = await lastLinkInOutbox(site.app, person.email, '/introductions/opt-out/');
      if (!decisionLink || !optOutLink) throw new Error(`no introduction links for ${person.email} in the outbox`);
      return { id: row.id, decisionLink, optOutLink };
    })();
    perSite.set(innovator, sent);
  }
  return sent;
}

/** The decision link of the request to the second fixture innovator, accepted here when not yet: a used link's page. */
async function usedDecisionLink(site: E2eSite): Promise<string> {
  const { id, decisionLink } = await sentIntroductionOf(site, UPCOMING.secondInnovator);
  const row = await site.db.selectFrom('innovator_introductions').select('decided_at').where('id', '=', id).executeTakeFirstOrThrow();
  if (row.decided_at === null) {
    const accepted = await new InjectClient(site.app).submit(decisionLink, decisionLink, { decision: 'accept' });
    if (accepted.statusCode !== 200) throw new Error(`POST ${decisionLink} answered ${accepted.statusCode}`);
  }
  return decisionLink;
}

/**
 * The curation inbox with a feed (issue 22), once per site: the RSS and Atom fixtures of a feed
 * server on 127.0.0.1, added and polled through the curation service (the server closes after);
 * the humanoid-robots entry stays open, the launch entry (both outlets) is promoted into a draft
 * story, whose edit page shows the editor's note.
 */
const curated = new WeakMap<E2eSite, Promise<{ entryId: number; storySlug: string }>>();
export function curatedEntriesOf(site: E2eSite): Promise<{ entryId: number; storySlug: string }> {
  let seeded = curated.get(site);
  if (!seeded) {
    seeded = (async () => {
      const server = await startFeedServer();
      try {
        const deps = { db: site.db, clock: site.clock, fetcher: site.app.services.fetcher };
        for (const path of ['/rss.xml', '/atom.xml']) {
          const { id } = await addSource(deps, SYSTEM_ACTOR, `${server.base}${path}`);
          // The site's job loop may poll it first: then this poll finds nothing new.
          const outcome = await pollSource(deps, id);
          if (outcome.kind === 'failed') throw new Error(`polling ${path}: ${outcome.reason}`);
        }
      } finally {
        await server.close();
      }
      const itemId = async (title: string) => (await site.db.selectFrom('curation_items').select('id').where('title', '=', title).orderBy('id').executeTakeFirstOrThrow()).id;
      const promotion = await promoteEntry(site.db, site.clock, SYSTEM_ACTOR, await itemId(FIXTURE.launchTitle));
      return { entryId: await itemId(FIXTURE.robotsTitle), storySlug: promotion.slug };
    })();
    curated.set(site, seeded);
  }
  return seeded;
}

/** The receiving domain the sink below refuses for now (the member's): a domain all of whose messages wait for a retry. */
export const DEFERRING_DOMAIN = PEOPLE.member.email.split('@')[1]!;

/**
 * A real send with an alarm (issue 19), once per site: the owner sends the full edition of the
 * demo issue through the desk's form (confirmed); one pass of the product's worker, composed from
 * a configuration the way `insights worker` composes it, sends it to an SMTP sink on 127.0.0.1
 * that answers 450 4.7.0 (slow down) for every address at DEFERRING_DOMAIN and accepts the others; the same pass's
 * alarm check (the site's clock) raises "deferring" (the configuration alarms at any deferral over
 * at least one reply, so the demo's few recipients suffice). The rows refused for now wait for a
 * retry the site's clock never reaches: the delivery stays sending, with its alarm, its receiving
 * domains and its replies per domain and minute. Its desk page; the dashboard lists the alarm.
 */
const alarmedSends = new WeakMap<E2eSite, Promise<string>>();
export function alarmedSendOf(site: E2eSite): Promise<string> {
  let sent = alarmedSends.get(site);
  if (!sent) {
    sent = (async () => {
      const staff = new InjectClient(site.app);
      await staff.signInAsStaff(PEOPLE.owner.email, PEOPLE.owner.password);
      const page = `/admin/deliveries/new?issue=${DEMO.issue}`;
      const posted = await staff.submit(page, '/admin/deliveries/send', { issue: DEMO.issue, edition: 'full', segment: '', scheduled_at: '', time_zone: 'Europe/Berlin', confirm: 'yes' });
      const path = String(posted.headers.location ?? '');
      if (posted.statusCode !== 303 || !/^\/admin\/deliveries\/\d+$/.test(path)) throw new Error(`POST /admin/deliveries/send answered ${posted.statusCode} ${path}`);
      const sink = await startSmtpSink();
      sink.rcptReply = (address) => (address.toLowerCase().endsWith(`@${DEFERRING_DOMAIN}`) ? { code: 450, message: '4.7.0 too many messages from your server, slow down' } : null);
      let logs: string[];
      try {
        logs = await runWorkerPass(
          site,
          { DATA_DIR: site.app.services.config.dataDir, SMTP_URL: sink.url, SEND_ALARM_MIN_MESSAGES: '1', SEND_ALARM_DEFERRAL_PERCENT: '0' },
          { workerId: 'e2e-alarm-worker', sliceMs: 3000 },
        );
      } finally {
        await sink.close();
      }
      const id = Number(path.split('/').pop());
      if (!logs.some((line) => line.startsWith(`delivery #${id}: ALARM:`))) throw new Error(`the worker raised no alarm for delivery #${id}: ${logs.join('; ')}`);
      return path;
    })();
    alarmedSends.set(site, sent);
  }
  return sent;
}

/** The events, calls, programs and /contact pages of issues 5 and 6 (a function: it runs after the constants above). */
function ENGAGE_PAGE_KINDS(): PageKind[] {
  return [
    { name: 'events-filtered', as: 'public', path: '/events?city=Shanghai&sector=manufacturing&organiser=own', status: 200 },
    { name: 'event-upcoming', as: 'public', path: UPCOMING_EVENT, status: 200 },
    { name: 'member-event', as: 'member', path: `/events/${DEMO.event}`, status: 200 },
    { name: 'member-event-register-form', as: 'member', path: UPCOMING_EVENT, status: 200 },
    { name: 'member-event-register-invalid', as: 'member', path: UPCOMING_EVENT, status: 400, submit: { action: `${UPCOMING_EVENT}/register`, fields: { q0: '', q1: '' } } },
    // Registers the member (the event's one place): later kinds see the registered state.
    { name: 'member-event-registered', as: 'member', path: UPCOMING_EVENT, status: 200, submit: { action: `${UPCOMING_EVENT}/register`, fields: { q0: 'How do pilots start?', q1: 'Panel' } } },
    { name: 'event-call', as: 'public', path: UPCOMING_CALL, status: 200 },
    {
      name: 'event-call-invalid', as: 'public', path: UPCOMING_CALL, status: 400,
      submit: { action: UPCOMING_CALL, fields: { kind: 'speaker', name: '', email: 'not an address', organisation: '', title: '', summary: '' } },
    },
    { name: 'event-call-withdraw', as: 'public', path: async (site) => (await proposalOf(site)).withdrawLink, status: 200 },
    { name: 'event-call-closed', as: 'public', path: `/events/${DEMO.pastCallEvent}/call`, status: 200 },
    { name: 'contact', as: 'public', path: '/contact', status: 200 },
    { name: 'contact-invalid', as: 'public', path: '/contact', status: 400, submit: { action: '/contact', fields: { name: '', email: 'not an address', topic: '', message: '' } } },
    {
      name: 'contact-sent', as: 'public', path: '/contact', status: 200,
      submit: { action: '/contact', fields: { name: 'Vera Visitor', email: 'vera.visitor@example.net', company: 'Visitor GmbH', topic: 'events', message: 'Is the workshop in English?' } },
    },
    { name: 'program-open', as: 'public', path: OPEN_PROGRAM, status: 200 },
    { name: 'member-program-open', as: 'member', path: OPEN_PROGRAM, status: 200 },
    { name: 'survey-sign-in', as: 'public', path: `/surveys/${UPCOMING.survey}`, status: 200 },
    { name: 'member-survey', as: 'member', path: `/surveys/${UPCOMING.survey}`, status: 200 },
    { name: 'member-survey-invalid', as: 'member', path: `/surveys/${UPCOMING.survey}`, status: 400, submit: { action: `/surveys/${UPCOMING.survey}`, fields: { 'q-ai': 'maybe' } } },
    { name: 'program-register-sign-in', as: 'public', path: `${OPEN_PROGRAM}/register/mentee`, status: 200 },
    { name: 'member-program-register', as: 'member', path: `${OPEN_PROGRAM}/register/mentee`, status: 200 },
    { name: 'member-program-register-closed', as: 'member', path: `/programs/${DEMO.program}/register/mentee`, status: 200 },
    { name: 'member-program-register-invalid', as: 'member', path: `${OPEN_PROGRAM}/register/mentee`, status: 400, submit: { action: `${OPEN_PROGRAM}/register/mentee`, fields: { goals: 'Learn.' } } },
    {
      name: 'member-program-registered', as: 'member', path: `${OPEN_PROGRAM}/register/mentor`, status: 200,
      submit: {
        action: `${OPEN_PROGRAM}/register/mentor`,
        fields: { areas: 'ai', sector: 'automotive', goals: 'Pass on what worked.', languages: 'en', city: 'Shanghai', time_zone: 'Asia/Shanghai', availability: 'weekend', capacity: '2' },
      },
    },
  ];
}

/** The public web edition and the member pages. */
export const PUBLIC_PAGE_KINDS: readonly PageKind[] = [
  { name: 'home', as: 'public', path: '/', status: 200 },
  { name: 'archive', as: 'public', path: '/issues', status: 200 },
  { name: 'issue', as: 'public', path: `/issues/${DEMO.issue}`, status: 200 },
  // An issue with an "Innovation platform" section (issue 17; test/fixtures/e2e-upcoming/issues/).
  { name: 'issue-innovation-platform', as: 'public', path: '/issues/2022-winter', status: 200 },
  { name: 'story', as: 'public', path: `/stories/${DEMO.story}`, status: 200 },
  { name: 'topic', as: 'public', path: '/topics/startup-ecosystem', status: 200 },
  { name: 'sector', as: 'public', path: '/sectors/automotive', status: 200 },
  { name: 'topic-unknown', as: 'public', path: '/de/topics/no-such-topic', status: 404 },
  { name: 'organizations', as: 'public', path: '/organizations', status: 200 },
  // Tesla has no profile of Chinese origin (an organisation page); BYD is in the innovators directory (demo/innovators/).
  { name: 'organization', as: 'public', path: '/organizations/tesla', status: 200 },
  { name: 'innovators', as: 'public', path: '/innovators', status: 200 },
  { name: 'innovator', as: 'public', path: '/innovators/byd', status: 200 },
  { name: 'innovators-filtered', as: 'public', path: '/innovators?q=a&kind=corporate', status: 200 },
  { name: 'organization-profile', as: 'public', path: '/organizations/merck', status: 200 },
  { name: 'events', as: 'public', path: '/events', status: 200 },
  { name: 'event', as: 'public', path: `/events/${DEMO.event}`, status: 200 },
  { name: 'program', as: 'public', path: `/programs/${DEMO.program}`, status: 200 },
  { name: 'login', as: 'public', path: '/login', status: 200 },
  // Issue 17: "Sign in to ask" brings the request form's path along.
  { name: 'login-with-next', as: 'public', path: '/login?next=%2Finnovators%2Fhyperpark%2Fintroduction', status: 200 },
  { name: 'login-check-email', as: 'public', path: '/login', status: 200, submit: { action: '/login', fields: { email: 'nobody@example.com' } } },
  { name: 'login-invalid', as: 'public', path: '/login', status: 400, submit: { action: '/login', fields: { email: 'not an address' } } },
  { name: 'login-confirm', as: 'public', path: (site) => oneTimeLink(site, 'member_sign_in'), status: 200 },
  { name: 'login-unusable-link', as: 'public', path: '/login/no-such-token-0123456789', status: 400 },
  { name: 'subscribe', as: 'public', path: '/subscribe', status: 200 },
  { name: 'subscribe-invalid', as: 'public', path: '/subscribe', status: 400, submit: { action: '/subscribe', fields: { email: 'not an address', name: 'A Name' } } },
  { name: 'subscribe-check-email', as: 'public', path: '/subscribe', status: 200, submit: { action: '/subscribe', fields: { email: 'new.reader@example.com', name: 'New Reader' } } },
  { name: 'subscribe-confirm', as: 'public', path: (site) => oneTimeLink(site, 'subscribe_confirm'), status: 200 },
  { name: 'not-found', as: 'public', path: '/no-such-page', status: 404 },
  // Search (issue 16): results with facets and pages, a query's message, a member's full-text search.
  { name: 'search', as: 'public', path: '/search?q=china', status: 200 },
  { name: 'search-message', as: 'public', path: `/search?q=${encodeURIComponent('" OR *')}`, status: 200 },
  { name: 'member-search', as: 'member', path: '/search?q=innovation&kind=story', status: 200 },
  // Privacy and legal (issue 15): the imprint and the privacy page with its generated part (the language walks add /de and /zh).
  { name: 'imprint', as: 'public', path: '/imprint', status: 200 },
  { name: 'privacy', as: 'public', path: '/privacy', status: 200 },
  // The Innovation Hub's services (issue 17): the index, one service, the contact form preselected by its call to action.
  { name: 'services', as: 'public', path: '/services', status: 200 },
  { name: 'service', as: 'public', path: '/services/technology-scouting', status: 200 },
  { name: 'service-not-found', as: 'public', path: '/services/no-such-service', status: 404 },
  { name: 'contact-preselected', as: 'public', path: '/contact?topic=technology-scouting', status: 200 },
  { name: 'member-home', as: 'member', path: '/', status: 200 },
  { name: 'member-issue', as: 'member', path: `/issues/${DEMO.issue}`, status: 200 },
  { name: 'member-story', as: 'member', path: `/stories/${DEMO.story}`, status: 200 },
  { name: 'member-sector', as: 'member', path: '/sectors/automotive', status: 200 },
  { name: 'account', as: 'member', path: '/account', status: 200 },
  { name: 'account-saved', as: 'member', path: '/account', status: 200, submit: { action: '/account', fields: { language: 'de', subscribed: '1' } } },
  // The contact's role (issue 17): saved, and refused with what was typed.
  { name: 'account-role-saved', as: 'member', path: '/account', status: 200, submit: { action: '/account/role', fields: { role: 'Head of Purchasing' } } },
  { name: 'account-role-invalid', as: 'member', path: '/account', status: 400, submit: { action: '/account/role', fields: { role: 'x'.repeat(121) } } },
  // The private feed (issue 16): the account page answering "Create feed link", the feed's address shown once.
  { name: 'account-engagement-given', as: 'member', path: '/account', status: 200, submit: { action: '/account/engagement', fields: { choice: 'give' } } },
  { name: 'account-private-feed', as: 'member', path: '/account', status: 200, submit: { action: '/account/private-feed', fields: {} } },
  // Privacy (issue 15): the erasure link's confirm page (a fresh link each time; opening it erases nothing).
  { name: 'account-erase-confirm', as: 'public', path: erasureLink, status: 200 },
  ...ENGAGE_PAGE_KINDS(),
  // Innovator introductions (issue 17; the innovator comes from test/fixtures/e2e-upcoming/): the
  // request part for a visitor and a member, its refusal of bad fields, the member's request, the
  // contact person's decision page, a used link and the opt-out page.
  { name: 'introduction-sign-in', as: 'public', path: INNOVATOR_INTRODUCTION, status: 200 },
  { name: 'member-introduction-form', as: 'member', path: INNOVATOR_INTRODUCTION, status: 200 },
  { name: 'member-introduction-invalid', as: 'member', path: INNOVATOR_INTRODUCTION, status: 400, submit: { action: INNOVATOR_INTRODUCTION, fields: { purpose: '', message: 'Hi.' } } },
  {
    name: 'member-introduction-requested', as: 'member', path: INNOVATOR_INTRODUCTION, status: 200,
    submit: { action: INNOVATOR_INTRODUCTION, fields: { purpose: 'sourcing', message: 'We look for parking robots for our garages.', consent: '1' } },
  },
  { name: 'introduction-decision', as: 'public', path: async (site) => (await sentIntroductionOf(site)).decisionLink, status: 200 },
  { name: 'introduction-link-used', as: 'public', path: usedDecisionLink, status: 409 },
  { name: 'introduction-opt-out', as: 'public', path: async (site) => (await sentIntroductionOf(site)).optOutLink, status: 200 },
  { name: 'introduction-unknown-innovator', as: 'member', path: '/innovators/no-such-innovator/introduction', status: 404 },
  // Delivery (issue 4): the confirm page behind every newsletter's unsubscribe link (GET never unsubscribes).
  { name: 'unsubscribe-confirm', as: 'public', path: unsubscribePath, status: 200 },
  { name: 'unsubscribe-invalid', as: 'public', path: '/unsubscribe/not-a-valid-token', status: 404 },
  // Engagement (issue 20): the click redirect's answers to a forged token and to a link that is gone.
  { name: 'click-forged', as: 'public', path: '/r/1-1-0-0123456789abcdef0123', status: 404 },
  { name: 'click-gone', as: 'public', path: async (site) => `/r/${clickToken(await trackingKey(site.db, undefined, site.clock), { deliveryId: 999_999, recipientId: 1, index: 0 })}`, status: 410 },
];

/** The member's unsubscribe link, as a newsletter to them would carry it. */
async function unsubscribePath(site: E2eSite): Promise<string> {
  const contact = await site.db.selectFrom('contacts').select('id').where('email', '=', PEOPLE.member.email).executeTakeFirstOrThrow();
  return `/unsubscribe/${unsubscribeToken(TEST_SECRET_KEY, 1, contact.id)}`;
}

/** The edit page of the demo event (events are edited by id). */
/** The demo's survey report on the desk (issue 18), or one of its pages. */
async function demoReportPath(site: E2eSite, page = ''): Promise<string> {
  const report = await site.db.selectFrom('reports').select('id').where('slug', '=', 'ahk-innovation-report-2024-automotive').executeTakeFirstOrThrow();
  return `/admin/reports/${report.id}${page}`;
}

async function eventEditPath(site: E2eSite): Promise<string> {
  const event = await site.db.selectFrom('events').select('id').where('slug', '=', DEMO.event).executeTakeFirstOrThrow();
  return `/admin/events/${event.id}`;
}

/** A desk page of the upcoming fixture event. */
const upcomingEventDesk = (rest: string) => async (site: E2eSite): Promise<string> => {
  const event = await site.db.selectFrom('events').select('id').where('slug', '=', UPCOMING.event).executeTakeFirstOrThrow();
  return `/admin/events/${event.id}${rest}`;
};

/** A desk page of the demo program (it holds the nine sample registrations). */
const demoProgramDesk = (rest: string) => async (site: E2eSite): Promise<string> => {
  const program = await site.db.selectFrom('programs').select('id').where('slug', '=', DEMO.program).executeTakeFirstOrThrow();
  return `/admin/programs/${program.id}${rest}`;
};

/** The demo program's matching page after the desk's own "Draft a matching" button was pressed. */
async function draftedMatchingPath(site: E2eSite): Promise<string> {
  const path = await demoProgramDesk('/matching')(site);
  const staff = new InjectClient(site.app);
  await staff.signInAsStaff(PEOPLE.owner.email, PEOPLE.owner.password);
  const drafted = await staff.submit(path, `${path}/draft`, {});
  if (drafted.statusCode !== 303) throw new Error(`POST ${path}/draft answered ${drafted.statusCode}`);
  return path;
}

/** One inquiry's desk page; one is sent through /contact first when the inbox is empty. */
export async function inquiryPath(site: E2eSite): Promise<string> {
  let inquiry = await site.db.selectFrom('inquiries').select('id').orderBy('id').executeTakeFirst();
  if (!inquiry) {
    await new InjectClient(site.app).submit('/contact', '/contact', { name: 'Ian Inquirer', email: 'ian@example.net', company: '', topic: 'programs', message: 'When does the next cohort start?', website: '' });
    inquiry = await site.db.selectFrom('inquiries').select('id').orderBy('id').executeTakeFirstOrThrow();
  }
  return `/admin/inquiries/${inquiry.id}`;
}

/**
 * The outbox page with its queue tables filled: one message refused for good, and one waiting
 * for a retry (both enqueued as the product does, and run by a handler that answers as a server
 * would).
 */
async function outboxWithQueue(site: E2eSite): Promise<string> {
  await site.app.jobs.drain();
  const mail = { subject: 'A notice <b>to</b> check', text: 'Text.', html: '<p>Text.</p>' };
  await enqueueMail(site.db, site.clock, { to: 'gone@example.com', ...mail });
  await enqueueMail(site.db, site.clock, { to: 'busy@example.com', ...mail });
  await runDueJobs(site.db, site.clock, {
    mail: async (payload) => {
      if ((payload as { to: string }).to === 'gone@example.com') throw new PermanentJobFailure('refused for good: 550 5.1.1 <gone@example.com>: User unknown');
      throw new Error('not accepted yet: 451 4.3.0 Try again later');
    },
  }, 'e2e');
  return '/admin/outbox';
}

/** The newest message in the outbox; a sign-in link is mailed to the member first if it is empty. */
async function outboxMessagePath(site: E2eSite): Promise<string> {
  await site.app.jobs.drain();
  const dir = site.app.services.transport.outboxDir;
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
  { name: 'desk-account', as: 'staff', path: '/admin/account', status: 200 },
  { name: 'desk-contact-consent', as: 'staff', path: async (site) => `/admin/contacts/${await memberContactId(site)}/consent`, status: 200 },
  { name: 'desk-stories', as: 'staff', path: '/admin/stories', status: 200 },
  { name: 'desk-story-new', as: 'staff', path: '/admin/stories/new', status: 200 },
  { name: 'desk-media', as: 'staff', path: async (site) => (await mediaHashOf(site), '/admin/media'), status: 200 },
  { name: 'desk-media-edit', as: 'staff', path: async (site) => `/admin/media/${await mediaHashOf(site)}`, status: 200 },
  { name: 'desk-organizations', as: 'staff', path: '/admin/organizations', status: 200 },
  { name: 'desk-organization-edit', as: 'staff', path: '/admin/organizations/merck/edit', status: 200 },
  {
    name: 'desk-organization-new-invalid',
    as: 'staff',
    path: '/admin/organizations/new',
    status: 400,
    submit: { action: '/admin/organizations/new', fields: { slug: 'Not A Slug!', name: 'An organisation with a bad address', country: 'China', contacts: 'Only a name' } },
  },
  { name: 'desk-story-edit', as: 'staff', path: `/admin/stories/${DEMO.story}/edit`, status: 200 },
  {
    name: 'desk-story-new-invalid',
    as: 'staff',
    path: '/admin/stories/new',
    status: 400,
    submit: { action: '/admin/stories/new', fields: { slug: 'Not A Slug!', title: 'A story with a bad address', body: 'Some text.', op: 'save' } },
  },
  // Translations (issue 14): a story's German page, and the page after a mistyped members-only line.
  { name: 'desk-story-translation', as: 'staff', path: `/admin/stories/${DEMO.story}/translations/de`, status: 200 },
  {
    name: 'desk-story-translation-invalid',
    as: 'staff',
    path: `/admin/stories/${DEMO.story}/translations/de`,
    status: 400,
    submit: { action: `/admin/stories/${DEMO.story}/translations/de`, fields: { title: 'Ein Titel', body: 'Anriss.\n<!--members-only-->\nNur für Mitglieder.' } },
  },
  { name: 'desk-issues', as: 'staff', path: '/admin/issues', status: 200 },
  { name: 'desk-issue-new', as: 'staff', path: '/admin/issues/new', status: 200 },
  { name: 'desk-issue-edit', as: 'staff', path: `/admin/issues/${DEMO.issue}/edit`, status: 200 },
  { name: 'desk-issue-preview-public', as: 'staff', path: `/admin/issues/${DEMO.issue}/preview/public`, status: 200 },
  { name: 'desk-issue-preview-member', as: 'staff', path: `/admin/issues/${DEMO.issue}/preview/member`, status: 200 },
  { name: 'desk-issue-story-search', as: 'staff', path: `/admin/issues/story-search?issue=${DEMO.issue}&q=china`, status: 200 },
  { name: 'desk-issue-email-full', as: 'staff', path: `/admin/issues/${DEMO.issue}/emails?edition=full&lang=en`, status: 200 },
  { name: 'desk-issue-email-teaser-zh', as: 'staff', path: `/admin/issues/${DEMO.issue}/emails?edition=teaser&lang=zh`, status: 200 },
  { name: 'desk-events', as: 'staff', path: '/admin/events', status: 200 },
  { name: 'desk-event-new', as: 'staff', path: '/admin/events/new', status: 200 },
  { name: 'desk-event-edit', as: 'staff', path: eventEditPath, status: 200 },
  { name: 'desk-programs', as: 'staff', path: '/admin/programs', status: 200 },
  { name: 'desk-program-new', as: 'staff', path: '/admin/programs/new', status: 200 },
  { name: 'desk-reports', as: 'staff', path: '/admin/reports', status: 200 },
  { name: 'desk-report-new', as: 'staff', path: '/admin/reports/new', status: 200 },
  { name: 'desk-report-edit', as: 'staff', path: (site) => demoReportPath(site), status: 200 },
  { name: 'desk-report-responses', as: 'staff', path: (site) => demoReportPath(site, '/responses'), status: 200 },
  { name: 'desk-companies', as: 'staff', path: '/admin/companies', status: 200 },
  { name: 'desk-contacts', as: 'staff', path: '/admin/contacts', status: 200 },
  { name: 'desk-contacts-import', as: 'staff', path: '/admin/contacts/import', status: 200 },
  // Privacy (issue 15): the erasure's confirm page (the erasure itself is not done here).
  { name: 'desk-contact-erase', as: 'staff', path: async (site) => `/admin/contacts/${(await site.db.selectFrom('contacts').select('id').where('email', '=', PEOPLE.lapsed.email).executeTakeFirstOrThrow()).id}/erase`, status: 200 },
  { name: 'desk-outbox', as: 'staff', path: outboxWithQueue, status: 200 },
  { name: 'desk-outbox-message', as: 'staff', path: outboxMessagePath, status: 200 },
  { name: 'desk-activity', as: 'staff', path: '/admin/activity', status: 200 },
  { name: 'desk-staff', as: 'staff', path: '/admin/staff', status: 200 },
  // Privacy and legal (issue 15): the site settings, and their refusal of bad values.
  { name: 'desk-settings', as: 'staff', path: '/admin/settings', status: 200 },
  {
    name: 'desk-settings-invalid', as: 'staff', path: '/admin/settings', status: 400,
    submit: { action: '/admin/settings', fields: { orgName: 'Demo Org', orgEmail: 'not an address', retainSnapshotsDays: '0', retainErrorsDays: '90', retainUserAgentsDays: '30', retainClicksDays: '180', retainRateLimitsDays: '2' } },
  },
  // Delivery (issue 4): the list, the send page, a test send's report, its refusal, suppressions.
  { name: 'desk-deliveries', as: 'staff', path: '/admin/deliveries', status: 200 },
  { name: 'desk-delivery-new', as: 'staff', path: '/admin/deliveries/new', status: 200 },
  { name: 'desk-delivery-new-issue', as: 'staff', path: `/admin/deliveries/new?issue=${DEMO.issue}`, status: 200 },
  {
    name: 'desk-delivery-test-invalid', as: 'staff', path: `/admin/deliveries/new?issue=${DEMO.issue}`, status: 400,
    submit: { action: '/admin/deliveries/test', fields: { issue: DEMO.issue, edition: 'teaser', addresses: 'not an address' } },
  },
  {
    name: 'desk-delivery-report', as: 'staff', path: `/admin/deliveries/new?issue=${DEMO.issue}`, status: 200,
    submit: { action: '/admin/deliveries/test', fields: { issue: DEMO.issue, edition: 'teaser', addresses: 'proofreader@example.org' } },
  },
  { name: 'desk-suppressions', as: 'staff', path: '/admin/deliveries/suppressions', status: 200 },
  // Audiences (issue 20): the segments, the form with its count and sample, its refusal, and the send confirmation.
  { name: 'desk-audiences', as: 'staff', path: '/admin/audiences', status: 200 },
  { name: 'desk-audience-new', as: 'staff', path: '/admin/audiences/new', status: 200 },
  {
    name: 'desk-audience-invalid', as: 'staff', path: '/admin/audiences/new', status: 400,
    submit: { action: '/admin/audiences', fields: { name: '', slug: 'Not a slug', languages: 'de', op: 'save' } },
  },
  {
    name: 'desk-send-confirm', as: 'staff', path: `/admin/deliveries/new?issue=${DEMO.issue}`, status: 200,
    submit: { action: '/admin/deliveries/send', fields: { issue: DEMO.issue, edition: 'both', segment: '', scheduled_at: '2099-06-01T09:00', time_zone: 'Europe/Berlin' } },
  },
  // Engagement (issue 20): the quarter's impact page, and its answer to a quarter that is none.
  { name: 'desk-impact', as: 'staff', path: '/admin/impact', status: 200 },
  { name: 'desk-impact-invalid', as: 'staff', path: '/admin/impact?quarter=last-year', status: 400 },
  // Events (issue 5): the upcoming fixture event, registered for by the member above, with a proposal.
  { name: 'desk-event-registrations', as: 'staff', path: upcomingEventDesk('/registrations'), status: 200 },
  { name: 'desk-event-settings', as: 'staff', path: upcomingEventDesk('/settings'), status: 200 },
  { name: 'desk-event-submissions', as: 'staff', path: async (site) => (await proposalOf(site), upcomingEventDesk('/submissions')(site)), status: 200 },
  { name: 'desk-event-submission', as: 'staff', path: async (site) => upcomingEventDesk(`/submissions/${(await proposalOf(site)).id}`)(site), status: 200 },
  // Programs and inquiries (issue 6).
  { name: 'desk-program-registrations', as: 'staff', path: demoProgramDesk('/registrations'), status: 200 },
  { name: 'desk-program-matching', as: 'staff', path: demoProgramDesk('/matching'), status: 200 },
  { name: 'desk-program-matching-drafted', as: 'staff', path: draftedMatchingPath, status: 200 },
  { name: 'desk-inquiries', as: 'staff', path: async (site) => (await inquiryPath(site), '/admin/inquiries'), status: 200 },
  { name: 'desk-inquiries-filtered', as: 'staff', path: '/admin/inquiries?status=new&topic=events', status: 200 },
  { name: 'desk-inquiry', as: 'staff', path: inquiryPath, status: 200 },
  // The inquiry topics' owners (issue 17), their refusal of a bad choice, and the inbox assigned to me.
  { name: 'desk-inquiry-owners', as: 'staff', path: '/admin/inquiries/owners', status: 200 },
  { name: 'desk-inquiry-owners-invalid', as: 'staff', path: '/admin/inquiries/owners', status: 400, submit: { action: '/admin/inquiries/owners', fields: { 'technology-scouting': 'nobody@example.com' } } },
  { name: 'desk-inquiries-assigned', as: 'staff', path: '/admin/inquiries?assigned=me', status: 200 },
  // Innovator introductions (issue 17): the list with its figures, a filter, one request.
  { name: 'desk-introductions', as: 'staff', path: async (site) => (await sentIntroductionOf(site), '/admin/introductions'), status: 200 },
  { name: 'desk-introductions-filtered', as: 'staff', path: '/admin/introductions?state=contacted', status: 200 },
  { name: 'desk-introduction', as: 'staff', path: async (site) => `/admin/introductions/${(await sentIntroductionOf(site)).id}`, status: 200 },
  // The curation inbox (issue 22): the pages without a feed (the e2e site reaches nothing off 127.0.0.1), a filtered list, and the forms' refusals.
  { name: 'desk-inbox', as: 'staff', path: '/admin/inbox', status: 200 },
  { name: 'desk-inbox-filtered', as: 'staff', path: '/admin/inbox?language=zh&unread=1&since=2024-01-01', status: 200 },
  { name: 'desk-inbox-sources', as: 'staff', path: '/admin/inbox/sources', status: 200 },
  { name: 'desk-inbox-source-invalid', as: 'staff', path: '/admin/inbox/sources', status: 400, submit: { action: '/admin/inbox/sources', fields: { url: 'not a feed address' } } },
  { name: 'desk-inbox-rules', as: 'staff', path: '/admin/inbox/rules', status: 200 },
  { name: 'desk-inbox-rule-invalid', as: 'staff', path: '/admin/inbox/rules', status: 400, submit: { action: '/admin/inbox/rules', fields: { phrase: 'x', action: 'topic', value: '' } } },
  { name: 'desk-inbox-boards', as: 'staff', path: '/admin/inbox/boards', status: 200 },
  // The inbox with a feed (seeded through the curation service from a local feed server): an open entry, and the promoted story with the editor's note.
  { name: 'desk-inbox-entry', as: 'staff', path: async (site) => `/admin/inbox/items/${(await curatedEntriesOf(site)).entryId}`, status: 200 },
  { name: 'desk-story-from-inbox', as: 'staff', path: async (site) => `/admin/stories/${(await curatedEntriesOf(site)).storySlug}/edit`, status: 200 },
  // Delivery alarms (issue 19), last (the send leaves a delivery sending): a real send's page with its alarm note, its
  // receiving domains and its replies per domain over time; the dashboard with the alarm under "Needs attention".
  { name: 'desk-delivery-send-alarm', as: 'staff', path: alarmedSendOf, status: 200 },
  { name: 'desk-dashboard-alarm', as: 'staff', path: async (site) => (await alarmedSendOf(site), '/admin'), status: 200 },
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

/**
 * Part `part` (1 … `parts`) of a walk's list, and the entries before it. Long walks are split
 * into shard files this way (accessibility.part1…), so vitest's forks run the parts side by side.
 */
export function shardOf<T>(list: readonly T[], part: number, parts: number): { readonly before: readonly T[]; readonly kinds: readonly T[] } {
  const size = Math.ceil(list.length / parts);
  return { before: list.slice(0, (part - 1) * size), kinds: list.slice((part - 1) * size, part * size) };
}

/**
 * Brings a fresh site to the state a walk over `kinds` leaves it in, over HTTP without a browser:
 * every kind is fetched in order as its audience (forms sent, one-time links made), each with the
 * status it must have. A shard of a walk replays the kinds before it, so its pages are seen in
 * the same state as in one long walk.
 */
export async function replayPageKinds(site: E2eSite, kinds: readonly PageKind[]): Promise<void> {
  const clientFor = clientsFor(site);
  for (const kind of kinds) {
    const response = await fetchPageKind(site, await clientFor(kind.as), kind);
    if (response.statusCode !== kind.status) throw new Error(`replaying ${kind.name}: status ${response.statusCode}, not ${kind.status}`);
  }
}
