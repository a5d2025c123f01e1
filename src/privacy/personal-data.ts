import type { FileEntry, RegistryEntry, RetentionRule, TableEntry } from './privacy.js';

// The personal-data registry: every table, column and file that holds a contact's personal
// data, how its rows are found for a person, where they go in an export and what erasure does
// to them. Export and erasure are driven by this list and nothing else; personal-data.test.ts
// fails when the migrated schema has an email-, contact-, name-, phone-, address-, IP- or
// user-agent-like column this file does not name (in PERSONAL_DATA, STAFF_DATA or
// NOT_PERSONAL), and when it names a column the schema does not have.
//
// Order matters: erasure runs the entries top to bottom in one transaction, so a table located
// through another (`in` locators, rows found by an address that a later entry anonymises) comes
// before it, and `contacts` comes after everything that references it.

const contactRef = { by: 'contact', column: 'contact_id' } as const;

const DELIVERY_EVENTS: TableEntry = {
  kind: 'table',
  table: 'delivery_events',
  exportAs: 'deliveryEvents',
  personal: ['contact_id', 'detail'],
  locate: [contactRef, { by: 'in', column: 'recipient_id', table: 'delivery_recipients', select: 'id', where: { by: 'address', column: 'email_key' } }, { by: 'mentions', column: 'detail' }],
  erasure: { action: 'anonymise', set: { contact_id: null, detail: null }, why: 'bounce, complaint and unsubscribe counts per delivery stay right' },
  holds: 'bounces, complaints and unsubscribes of newsletters sent to the person (the bounce text may quote the address)',
};

const DELIVERY_RECIPIENTS: TableEntry = {
  kind: 'table',
  table: 'delivery_recipients',
  exportAs: 'deliveries',
  // edition_claim (`<issue>:<edition>:<contact id>`) keeps a contact to one copy of an edition across deliveries (audiences/).
  // topic_variant (`first:ai,energy`) is the topics the person followed when the send began (issue 20).
  personal: ['contact_id', 'email', 'email_key', 'name', 'last_error', 'edition_claim', 'topic_variant'],
  exportOmits: ['verp_token', 'claimed_by', 'lease_until', 'reclaims'],
  locate: [contactRef, { by: 'address', column: 'email_key' }],
  erasure: {
    action: 'anonymise',
    set: { contact_id: null, email: 'erased', email_key: 'erased', name: 'empty', last_error: null, edition_claim: null, topic_variant: null, state: 'skip-if-queued' },
    why: 'the ledger row stays a tombstone (delivery, state) so a resumed send never re-sends and the report counts stay right',
  },
  holds: 'the send ledger: the address and name each newsletter was sent to (a snapshot at send time), the topics it was arranged by, its state and last error',
};

const JOBS: TableEntry = {
  kind: 'table',
  table: 'jobs',
  exportAs: null,
  personal: ['payload', 'last_error'],
  // By recipient, and by mention: a notification to staff about the person (an inquiry's
  // Reply-To, a registration) names them in its text.
  locate: [{ by: 'json', column: 'payload', field: 'to' }, { by: 'mentions', column: 'payload' }],
  erasure: { action: 'delete' },
  holds: 'transactional mail waiting to be sent or already sent (recipient, subject, the rendered message with its one-time links), and mail to staff that names the person',
};

const RATE_LIMITS: TableEntry = {
  kind: 'table',
  table: 'rate_limits',
  exportAs: null,
  personal: ['key'],
  locate: [],
  erasure: { action: 'keep', why: 'the keys hold only keyed hashes of a network or an address, never either, and are swept after a day' },
  holds: 'sign-in, password-link and form counters per client network and per address, whose keys hold only keyed hashes (HMAC under a key derived from SECRET_KEY for this purpose) of the /24 or /48 network and of the address, never the IP or email address; kept one day at most',
};

const ACTIVITY: TableEntry = {
  kind: 'table',
  table: 'activity',
  exportAs: 'activity',
  personal: ['actor_label', 'subject_label', 'detail', 'actor_id', 'subject_id'],
  locate: [{ by: 'member' }, { by: 'subject' }, { by: 'mentions', column: 'actor_label' }, { by: 'mentions', column: 'subject_label' }, { by: 'mentions', column: 'detail' }],
  erasure: { action: 'anonymise', set: { actor_label: 'contact-ref', subject_label: 'contact-ref', detail: null }, why: 'the audit trail keeps what happened and when, naming only "contact #<id>"' },
  holds: 'the audit trail: what the person did (sign-ins, registrations) and what staff did to their record',
};

const SESSIONS: TableEntry = {
  kind: 'table',
  table: 'sessions',
  exportAs: 'sessions',
  personal: ['contact_id'],
  exportOmits: ['id'],
  locate: [contactRef],
  erasure: { action: 'delete' },
  holds: 'signed-in member sessions (the cookie token is stored only as a hash)',
};

const LOGIN_TOKENS: TableEntry = {
  kind: 'table',
  table: 'login_tokens',
  exportAs: null,
  personal: ['contact_id'],
  locate: [contactRef],
  erasure: { action: 'delete' },
  holds: 'one-time sign-in and confirmation links (stored only as hashes)',
};

const PRIVATE_FEEDS: TableEntry = {
  kind: 'table',
  table: 'private_feeds',
  exportAs: 'privateFeed',
  personal: ['contact_id'],
  // The export says that a feed link exists and since when, never its (hashed) token.
  exportOmits: ['token_hash'],
  locate: [contactRef],
  erasure: { action: 'delete' },
  holds: 'the member\'s private full-text feed link (docs/feeds.md): when it was made, and its token stored only as a hash',
};

const EVENT_REGISTRATIONS: TableEntry = {
  kind: 'table',
  table: 'event_registrations',
  exportAs: 'eventRegistrations',
  personal: ['contact_id', 'answers'],
  locate: [contactRef],
  erasure: { action: 'delete' },
  holds: 'event registrations with the answers to the organiser\'s questions, waitlist and check-in times',
};

const EVENT_SUBMISSIONS: TableEntry = {
  kind: 'table',
  table: 'event_submissions',
  exportAs: 'eventSubmissions',
  personal: ['name', 'email', 'organisation', 'title', 'summary', 'review_notes'],
  exportOmits: ['withdraw_key'],
  locate: [{ by: 'address', column: 'email' }],
  erasure: { action: 'delete' },
  holds: 'proposals to an event\'s call for speakers or partners, with the reviewers\' notes',
};

/** A program registration of the person, as an `in` locator on a column holding registration ids. */
function ownRegistration(column: string) {
  return { by: 'in', column, table: 'program_registrations', select: 'id', where: { by: 'contact', column: 'contact_id' } } as const;
}
function ownRegistrationByAddress(column: string) {
  return { by: 'in', column, table: 'program_registrations', select: 'id', where: { by: 'address', column: 'email_key' } } as const;
}

const MATCH_PAIRS: TableEntry = {
  kind: 'table',
  table: 'match_pairs',
  exportAs: 'matches',
  personal: [],
  locate: [ownRegistration('mentor_id'), ownRegistration('mentee_id'), ownRegistrationByAddress('mentor_id'), ownRegistrationByAddress('mentee_id')],
  erasure: { action: 'delete' },
  holds: 'the mentor–mentee pairs of matching runs the person was in, with the points and why (registration ids only)',
};

// The pair introductions of the mentoring program (the table keeps its first name; migrations are frozen).
const PAIR_INTRODUCTIONS: TableEntry = {
  kind: 'table',
  table: 'match_introductions',
  exportAs: 'pairIntroductions',
  personal: [],
  locate: [ownRegistration('mentor_id'), ownRegistration('mentee_id'), ownRegistrationByAddress('mentor_id'), ownRegistrationByAddress('mentee_id')],
  erasure: { action: 'delete' },
  holds: 'the pair introduction emails of the person\'s pairs and when they were sent (registration ids only)',
};

const PROGRAM_REGISTRATIONS: TableEntry = {
  kind: 'table',
  table: 'program_registrations',
  exportAs: 'programRegistrations',
  personal: ['contact_id', 'name', 'email', 'email_key', 'company', 'company_key', 'areas', 'sector', 'goals', 'languages', 'city', 'time_zone', 'availability'],
  locate: [contactRef, { by: 'address', column: 'email_key' }],
  // Deleting the registration also deletes (by foreign key) its matching pairs, pins and
  // pair introduction claims, which hold nothing but registration ids.
  erasure: { action: 'delete' },
  holds: 'program registrations (mentor, mentee, participant) with the matching answers; matches and pair introductions refer to them',
};

const INQUIRIES: TableEntry = {
  kind: 'table',
  table: 'inquiries',
  exportAs: 'inquiries',
  personal: ['name', 'email', 'company', 'message'],
  locate: [{ by: 'address', column: 'email' }],
  erasure: { action: 'delete' },
  holds: 'messages sent through the contact form',
};

const INNOVATOR_INTRODUCTIONS: TableEntry = {
  kind: 'table',
  table: 'innovator_introductions',
  exportAs: 'innovatorIntroductions',
  personal: ['contact_id', 'message', 'notes', 'innovator_contact_id'],
  // The export shows the person their requests (staff notes included), never the link tokens' hashes.
  exportOmits: ['decision_token_hash', 'opt_out_token_hash'],
  locate: [contactRef],
  erasure: { action: 'delete' },
  holds: 'the member\'s innovator introduction requests (src/introductions): organisation, purpose, message, consent time and wording, state, staff notes, the contact person it went to (an id), and the links\' token hashes',
};

// The curation inbox (src/curation) holds news articles, not people; an editor's note on an item may
// name one, so notes that mention the person's address are exported and emptied on erasure.
const CURATION_NOTES: TableEntry = {
  kind: 'table',
  table: 'curation_items',
  exportAs: 'curationNotes',
  personal: ['note'],
  exportOmits: ['content_html', 'simhash', 'band0', 'band1', 'band2', 'band3', 'identity'],
  locate: [{ by: 'mentions', column: 'note' }],
  erasure: { action: 'anonymise', set: { note: 'empty' }, why: 'the item is a published article the inbox keeps; only the staff note naming the person goes' },
  holds: 'staff notes on curation inbox items (news articles) that mention the person',
};

const ORGANIZATION_CONTACTS: TableEntry = {
  kind: 'table',
  table: 'organization_contacts',
  exportAs: 'organizationContacts',
  personal: ['name', 'role', 'email', 'email_key', 'source'],
  locate: [{ by: 'address', column: 'email_key' }],
  erasure: { action: 'delete' },
  holds: 'contact persons of organisations in the knowledge base and the innovators directory (never shown on any page): name, role, address, language, where we have the address from, and an opt-out from introduction requests',
};

const CONTACT_TOPICS: TableEntry = {
  kind: 'table',
  table: 'contact_topics',
  exportAs: 'topics',
  personal: ['contact_id'],
  locate: [contactRef],
  erasure: { action: 'delete' },
  holds: 'the topics the person chose to receive',
};

const SUPPRESSIONS: TableEntry = {
  kind: 'table',
  table: 'suppressions',
  exportAs: 'suppressions',
  personal: ['email_key', 'detail'],
  locate: [{ by: 'address', column: 'email_key' }],
  erasure: { action: 'delete' },
  holds: 'addresses never mailed again (hard bounces, complaints, desk entries); after erasure only the keyed hash in erased_addresses remains',
};

const COMPANIES: TableEntry = {
  kind: 'table',
  table: 'companies',
  exportAs: 'company',
  personal: [],
  locate: [{ by: 'in', column: 'id', table: 'contacts', select: 'company_id', where: { by: 'contact', column: 'id' } }],
  erasure: { action: 'keep', why: 'a member company is an organisation, not a person: its name, industry and membership stay' },
  holds: 'the member company the person works for (exported with the person; not personal data itself)',
};

const CONTACTS: TableEntry = {
  kind: 'table',
  table: 'contacts',
  exportAs: 'contact',
  // topic_mode: whether the followed topics' stories come first or alone (issue 20); the topics themselves are contact_topics.
  personal: ['email', 'email_key', 'name', 'role', 'language', 'topic_mode', 'company_id', 'subscribed', 'subscription_changed_at'],
  locate: [{ by: 'contact', column: 'id' }, { by: 'address', column: 'email_key' }],
  erasure: { action: 'delete' },
  holds: 'the contact: address, name, role (job title), language, how the newsletter shows the topics followed, company, newsletter subscription',
};

const ERASED_ADDRESSES: TableEntry = {
  kind: 'table',
  table: 'erased_addresses',
  exportAs: null,
  personal: ['address_hash', 'former_contact_id'],
  locate: [],
  erasure: { action: 'keep', why: 'the keyed hash is what stops an erased person from being mailed or imported again' },
  holds: 'erased people: only an HMAC of the address under the erasure key, the former contact id and the time',
};

const OUTBOX: FileEntry = {
  kind: 'files',
  name: 'outbox',
  where: 'outbox/*.eml',
  holds: 'without SMTP_URL, every message sent, as an .eml file (recipient address, name, the message)',
  erasure: { action: 'delete' },
};

/**
 * The consent ledger (src/consent/): consent rows stay as proof (Art. 17(3)(e)) with the person
 * replaced by the keyed hash; the time, purpose, action and the wording shown stay.
 * `consent_wordings` holds only the site's words and no personal-looking column.
 */
export const CONSENT_EVENTS_ENTRY: TableEntry = {
  kind: 'table',
  table: 'consent_events',
  exportAs: 'consent',
  personal: ['contact_id', 'subject_hash', 'subject_ref', 'source', 'ip', 'user_agent'],
  locate: [contactRef, { by: 'mentions', column: 'subject_ref' }, { by: 'mentions', column: 'source' }],
  erasure: {
    action: 'anonymise',
    // `source` is NOT NULL in the ledger's migration (2026-12-01T0500): emptied, not nulled.
    set: { contact_id: null, subject_hash: 'address-hash', subject_ref: null, ip: null, user_agent: null, source: 'empty' },
    why: 'consent evidence for defending legal claims (Art. 17(3)(e)): purpose, action, time and wording stay, the person becomes the keyed hash of the address',
  },
  holds: 'the consent ledger: each request, confirmation and withdrawal, with the wording shown and, when switched on, IP address and user agent',
};

/** Every place a contact's personal data lives, in the order erasure treats them. */
const REPORT_RESPONDENTS: TableEntry = {
  kind: 'table',
  table: 'report_respondents',
  exportAs: null,
  personal: ['respondent'],
  // The ids come from a survey tool's file and are pseudonymous: nothing here links one to a
  // contact, so there is nothing to find by person. Whoever holds the key (the survey tool) can
  // re-identify, which makes them personal data (GDPR Art. 4(5)); docs/reports.md says how to
  // remove one respondent.
  locate: [],
  erasure: { action: 'keep', why: 'pseudonymous survey ids with no link to a contact; a respondent is removed by re-importing the file without their line' },
  // Answers given on the site are the member company's (`company-<id>`, an organisation); who
  // answered is only in the activity log, which the registry anonymises on erasure.
  holds: 'survey respondents of reports computed from responses: a pseudonymous id from the survey file, or `company-<id>` for a member company that answered on the site, the segment values (e.g. industry) and answer codes',
};

const CONTACT_CLICKS: TableEntry = {
  kind: 'table',
  table: 'contact_clicks',
  exportAs: 'newsletterClicks',
  personal: ['contact_id', 'delivery_id', 'link_index', 'clicked_at'],
  locate: [contactRef],
  erasure: { action: 'delete' },
  holds: 'which newsletter links the person clicked and when, recorded only while they gave the consent purpose "engagement tracking" (deleted when they withdraw it); the click counts per link stay, without a contact',
};

const CONTACT_OPENS: TableEntry = {
  kind: 'table',
  table: 'contact_opens',
  exportAs: 'newsletterOpens',
  personal: ['contact_id', 'delivery_id', 'opened_at'],
  locate: [contactRef],
  erasure: { action: 'delete' },
  holds: 'when a newsletter to the person was first opened (the optional open pixel), only while they gave the consent purpose "engagement tracking"',
};

const CLICK_GUARDS: TableEntry = {
  kind: 'table',
  table: 'click_guards',
  exportAs: null,
  personal: ['source_hash'],
  locate: [],
  erasure: { action: 'keep', why: 'the rows hold only keyed hashes of a client address and a click token (HMAC under the tracking key), never the address or a contact, and are swept after a day or two' },
  holds: 'the click redirect\'s dedupe and burst window: keyed hashes (HMAC under the tracking key) of the client address and of the link token, never the IP address; kept two days at most',
};

const OPEN_GUARDS: TableEntry = {
  kind: 'table',
  table: 'open_guards',
  exportAs: null,
  personal: ['open_key'],
  locate: [],
  erasure: { action: 'keep', why: 'the rows hold only a keyed hash of a delivery and a ledger row (HMAC under the tracking key), never a contact, and are swept after a day or two' },
  holds: 'the open pixel\'s one-count-per-recipient guard: a keyed hash (HMAC under the tracking key) of the delivery and the ledger row; kept two days at most',
};

export const PERSONAL_DATA: readonly RegistryEntry[] = [
  DELIVERY_EVENTS,
  DELIVERY_RECIPIENTS,
  JOBS,
  RATE_LIMITS,
  REPORT_RESPONDENTS,
  ACTIVITY,
  SESSIONS,
  LOGIN_TOKENS,
  PRIVATE_FEEDS,
  EVENT_REGISTRATIONS,
  EVENT_SUBMISSIONS,
  MATCH_PAIRS,
  PAIR_INTRODUCTIONS,
  PROGRAM_REGISTRATIONS,
  INQUIRIES,
  INNOVATOR_INTRODUCTIONS,
  CURATION_NOTES,
  ORGANIZATION_CONTACTS,
  CONTACT_TOPICS,
  SUPPRESSIONS,
  CONTACT_CLICKS,
  CONTACT_OPENS,
  CLICK_GUARDS,
  OPEN_GUARDS,
  COMPANIES,
  // consent_events.contact_id references contacts without ON DELETE: its rows are unlinked first.
  CONSENT_EVENTS_ENTRY,
  CONTACTS,
  ERASED_ADDRESSES,
  OUTBOX,
];

/** The registry's table entries. */
export const PERSONAL_TABLES: readonly TableEntry[] = PERSONAL_DATA.filter((entry): entry is TableEntry => entry.kind === 'table');

/**
 * Staff accounts are staff data, not a contact's: a data request by a staff member is answered
 * by the owner from the desk's staff page, and erasure refuses a staff address.
 */
export const STAFF_DATA: Readonly<Record<string, readonly string[]>> = {
  staff: ['email', 'email_key', 'name', 'password_hash', 'last_sign_in_at'],
  sessions: ['staff_id'],
  login_tokens: ['staff_id'],
  deliveries: ['created_by'],
  match_runs: ['created_by'],
  curation_items: ['assignee_id'],
};

/** Columns whose names look personal but hold none of a contact's data, each with why. */
export const NOT_PERSONAL: Readonly<Record<string, string>> = {
  'companies.name': 'an organisation\'s name',
  'companies.name_key': 'an organisation\'s name, lower-cased',
  'events.address': 'a venue\'s address, published',
  'events.organiser_name': 'the organising organisation, published',
  'programs.contact_name': 'the program\'s published contact person, entered by staff as content',
  'programs.contact_email': 'the program\'s published contact address, entered by staff as content',
  'report_segments.name': 'a survey segment',
  'sectors.name': 'a sector',
  'topics.name': 'a topic',
  'segments.name': 'an audience segment\'s name, chosen by staff (a filter over contacts, no person in it)',
  'story_organizations.name': 'an organisation mentioned in a story',
  'organizations.name': 'an organisation\'s name, as stories write it',
  'organizations.name_key': 'an organisation\'s name, lower-cased',
  'delivery_images.filename': 'a chart image\'s file name in a newsletter edition (chart-N.png)',
  'organizations.name_zh': 'an organisation\'s Chinese name',
  'organization_technologies.name': 'a technology an organisation works on',
  'organization_aliases.name': 'another name stories use for an organisation',
  'organization_aliases.name_key': 'another name of an organisation, lower-cased',
  'sources.author': 'a published article\'s author, cited as the newsletter does',
  'curation_items.author': 'a published article\'s author, as its feed or page names it',
  'worker_heartbeats.host': 'the server\'s host name',
  'periodic_tasks.name': 'a periodic task\'s name (the retention purge)',
  'engagement_keys.name': 'the name of a key (`click`), not a person',
  'click_guards.contact_click_id': 'the id of a contact_clicks row (to undo a burst), never a contact',
};


/** The ledger's states a send is finished with: `queued` and `sending` rows are never touched. */
const FINISHED_RECIPIENT = { column: 'state', in: ['sent', 'failed', 'bounced', 'skipped'] } as const;

/**
 * The retention purge's rules (retention.service.ts runs them, the worker and every web process
 * about once an hour, `insights retention run` by hand): the details of the registry's tables
 * that outlive their use. Each names a table of the registry above (personal-data.test.ts
 * checks), and clears with erasure's replacements, so a purged ledger row is the same tombstone
 * an erasure leaves. Per-contact click and open rows go after `retainClicksDays`; click counts
 * per link are kept apart from them and stay.
 */
export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    name: 'delivery-snapshots',
    table: 'delivery_recipients',
    key: 'id',
    age: 'retainSnapshotsDays',
    timestamp: 'updated_at',
    only: [FINISHED_RECIPIENT],
    action: { action: 'clear', set: { email: 'erased', email_key: 'erased', name: 'empty' } },
    why: 'the row stays a tombstone (delivery, contact, state): a resumed or re-run send sees the contact as done and never re-sends, and report counts stay right',
  },
  {
    name: 'delivery-errors',
    table: 'delivery_recipients',
    key: 'id',
    age: 'retainErrorsDays',
    timestamp: 'updated_at',
    only: [FINISHED_RECIPIENT],
    action: { action: 'clear', set: { last_error: null } },
    why: 'the state (failed, bounced) stays; only the mail server\'s reply text goes',
  },
  {
    name: 'bounce-details',
    table: 'delivery_events',
    key: 'id',
    age: 'retainErrorsDays',
    timestamp: 'at',
    action: { action: 'clear', set: { detail: null } },
    why: 'bounce, complaint and unsubscribe counts per delivery stay; the bounce text, which may quote the address, goes',
  },
  {
    name: 'finished-jobs',
    table: 'jobs',
    key: 'id',
    age: 'retainErrorsDays',
    timestamp: 'updated_at',
    only: [{ column: 'state', in: ['done', 'failed'] }],
    action: { action: 'delete' },
    why: 'sent and failed transactional mail (recipient, message, one-time links) is of no use once its links expired; waiting and running jobs are never touched',
  },
  {
    name: 'consent-user-agents',
    table: 'consent_events',
    key: 'id',
    age: 'retainUserAgentsDays',
    timestamp: 'occurred_at',
    action: { action: 'clear', set: { user_agent: null } },
    why: 'the consent row (contact, purpose, action, time, source, wording and, when switched on, the IP address) stays as evidence',
  },
  {
    name: 'activity-details',
    table: 'activity',
    key: 'id',
    age: 'retainSnapshotsDays',
    timestamp: 'at',
    only: [{ column: 'detail', contains: '@' }],
    action: { action: 'clear', set: { detail: null } },
    why: 'the audit trail keeps who did what to which record and when; details that quote an address go',
  },
  {
    name: 'activity-labels',
    table: 'activity',
    key: 'id',
    age: 'retainSnapshotsDays',
    timestamp: 'at',
    only: [{ column: 'actor_label', contains: '@' }],
    action: { action: 'clear', set: { actor_label: 'erased' } },
    why: 'a member\'s or form sender\'s address as the actor\'s label goes; the actor\'s kind and id stay',
  },
  {
    name: 'activity-subject-labels',
    table: 'activity',
    key: 'id',
    age: 'retainSnapshotsDays',
    timestamp: 'at',
    only: [{ column: 'subject_label', contains: '@' }],
    action: { action: 'clear', set: { subject_label: 'erased' } },
    why: 'an address as the label of what was acted on goes; the subject\'s kind and id stay',
  },
  {
    name: 'contact-clicks',
    table: 'contact_clicks',
    key: 'id',
    age: 'retainClicksDays',
    timestamp: 'clicked_at',
    action: { action: 'delete' },
    why: 'a consenting contact\'s own clicks go after the clicks age; the counts per link and delivery, without a contact, stay',
  },
  {
    name: 'contact-opens',
    table: 'contact_opens',
    key: 'id',
    age: 'retainClicksDays',
    timestamp: 'opened_at',
    action: { action: 'delete' },
    why: 'the open pixel\'s rows go with the clicks',
  },
  {
    name: 'open-guards',
    table: 'open_guards',
    key: 'open_key',
    age: 'retainRateLimitsDays',
    timestamp: 'at',
    action: { action: 'delete' },
    why: 'an open counted two days ago needs no guard against a flood any more',
  },
  {
    name: 'click-guards',
    table: 'click_guards',
    key: 'guard_key',
    age: 'retainRateLimitsDays',
    timestamp: 'at',
    action: { action: 'delete' },
    why: 'a dedupe window that ended long ago guards nothing',
  },
  {
    name: 'rate-limits',
    table: 'rate_limits',
    key: 'key',
    age: 'retainRateLimitsDays',
    timestamp: 'window_start',
    action: { action: 'delete' },
    why: 'a counter whose window ended long ago limits nothing',
  },
];

/** The pattern of column names that look like personal data (the schema test's net). */
export const PERSONAL_LOOKING = /(email|contact|name|phone|address|(^|_)ip($|_)|user_?agent)/i;
