import type { SettingsSeed } from '../../config.js';
import { footerOf, getSiteSettings, siteBranding } from '../../settings/settings.service.js';
import { recordActivity } from '../../activity/activity.service.js';
import type { Actor } from '../../activity/activity.js';
import type { Database, Executor } from '../../db/database.js';
import { translateIssue } from '../../issues/issue-translation.service.js';
import { listAllIssues, loadIssue } from '../../issues/issues.service.js';
import type { Issue, LoadedIssue } from '../../issues/issues.js';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../i18n/languages.js';
import type { Clock } from '../../lib/clock.js';
import { isUniqueViolation } from '../../db/unique-violation.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import { Conflict, Invalid, NotFound } from '../../lib/errors.js';
import { emailKey } from '../../members/members.js';
import { TEST_SEND_JOB, type Delivery, type DeliveryCounts, type DeliveryStatus, type Edition, type EditionTemplate, type EditionTemplates, type PauseReason } from '../delivery.js';
import { compileEdition } from '../render/edition.js';
import { storeEditionLinks } from '../../engagement/engagement.service.js';
import { enqueueJob } from '../../jobs/jobs.service.js';

import { messageIdFor, verpToken } from '../tokens.js';
import { findDeliveries, findDelivery, findDueScheduled, findProbesDue, findOpenSend, findSendingIds, insertDelivery, lockDelivery, startDeliveryRow, updateDeliveryStatus } from './deliveries.queries.js';
import { countPerMinute, countRecipients, findProblemRows } from './delivery-reports.queries.js';
import { countAudience, editionClaimOf, insertRecipients, releaseClaims, requeueFailed, selectAudience, selectAudienceLanguages, type AudienceRow, type NewRecipient } from './recipients.queries.js';
import { getSegment } from '../../audiences/segments.service.js';
import type { Segment } from '../../audiences/segments.js';

// Starting, scheduling and steering deliveries. Starting a send compiles the edition once per
// language of its audience (never per recipient) and snapshots its audience into the ledger in
// one transaction; the sender (sender.ts) does the rest.

/** What starting a delivery needs besides the database. */
export interface DeliveryEnv {
  readonly db: Database;
  readonly clock: Clock;
  readonly secretKey: string;
  /** The site's name and address, and the settings' environment seed (the sender's footer reads the settings). */
  readonly site: { readonly name: string; readonly url: string; readonly settingsSeed?: SettingsSeed };
  readonly mailDomain: string;
  /** TRACKING_KEY (engagement: click tokens), or unset for the key kept in the database. */
  readonly trackingKey?: string | undefined;
}

async function findIssue(db: Executor, slug: string): Promise<Issue> {
  const issue = (await listAllIssues(db)).find((candidate) => candidate.slug === slug);
  if (!issue) throw new NotFound(`there is no issue "${slug}"`);
  return issue;
}

function subjectOf(delivery: Delivery): { type: string; id: number; label: string } {
  return { type: 'delivery', id: delivery.id, label: `${delivery.issueSlug} (${delivery.edition})` };
}

/** The real send of an edition that is not cancelled (scheduled, running, paused or done), if any. */
/** Ids of every delivery that is sending, oldest first (what the worker sends). */
export function listSendingDeliveryIds(db: Executor): Promise<number[]> {
  return findSendingIds(db);
}

/** Ids of deliveries the circuit breaker paused whose probe is due (the worker probes them). */
export function listProbesDue(db: Executor, now: string): Promise<number[]> {
  return findProbesDue(db, now);
}

export async function findSend(db: Executor, slug: string, edition: Edition, segmentId: number | null = null): Promise<Delivery | undefined> {
  const issue = await findIssue(db, slug);
  return findOpenSend(db, issue.id, edition, segmentId);
}

/** What a send of an issue would reach now, per edition: the exact count the confirmation shows and the CLI prints. */
export interface SendAudienceCount {
  readonly edition: Edition;
  readonly segment: Pick<Segment, 'id' | 'slug' | 'name'> | null;
  /** Recipients a send started now would write: the audience minus whoever an earlier send of the edition reached or claimed. */
  readonly recipients: number;
  /** The open send of this edition and segment, if there is one (then a new send is refused). */
  readonly open: Pick<Delivery, 'id' | 'status'> | null;
}

/** Counts the audience of each edition (to a segment, or everyone of it) as a send started now would take it. */
export async function countSendAudience(db: Executor, input: { slug: string; editions: readonly Edition[]; segmentId: number | null }): Promise<SendAudienceCount[]> {
  const issue = await findIssue(db, input.slug);
  const segment = input.segmentId === null ? null : await getSegment(db, input.segmentId);
  if (segment?.deletedAt) throw new NotFound(`segment "${segment.slug}" was deleted`);
  return Promise.all(
    input.editions.map(async (edition) => {
      const open = await findOpenSend(db, issue.id, edition, segment?.id ?? null);
      return {
        edition,
        segment: segment ? { id: segment.id, slug: segment.slug, name: segment.name } : null,
        recipients: await countAudience(db, issue.id, edition, segment?.filter ?? null),
        open: open ? { id: open.id, status: open.status } : null,
      };
    }),
  );
}

/** What createSend takes. */
export interface SendInput {
  readonly slug: string;
  readonly edition: Edition;
  readonly scheduledAt: string | null;
  readonly actor: Actor;
  /** Only the contacts of this segment (null or absent: everyone of the edition). */
  readonly segmentId?: number | null;
  /** The IANA zone the scheduled time was chosen in (shown back in it). */
  readonly scheduleZone?: string | null;
}

/**
 * Creates the send of an edition: at `scheduledAt`, or now (then it starts at once). An edition
 * is sent once; a second send of it is refused while the first is not cancelled.
 */
export async function createSend(env: DeliveryEnv, input: SendInput): Promise<Delivery> {
  const now = env.clock.now().toISOString();
  const id = await insertSend(env, input, now);
  if (!input.scheduledAt) await beginDelivery(env, id);
  return (await findDelivery(env.db, id))!;
}

/** The check and the insert of createSend; the partial unique index settles a race between two (PostgreSQL, READ COMMITTED). */
async function insertSend(env: DeliveryEnv, input: SendInput, now: string): Promise<number> {
  try {
    return await insertSendOnce(env, input, now);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const open = await findSend(env.db, input.slug, input.edition, input.segmentId ?? null);
    throw new Conflict(`the ${input.edition} edition of "${input.slug}" already has ${open ? `delivery #${open.id} (${open.status})` : 'a delivery'}`);
  }
}

async function insertSendOnce(env: DeliveryEnv, input: SendInput, now: string): Promise<number> {
  return env.db.transaction().execute(async (trx) => {
    const issue = await findIssue(trx, input.slug);
    if (issue.status === 'draft') throw new Conflict(`issue "${issue.slug}" is a draft: publish or schedule it before sending`);
    const segment = input.segmentId ? await getSegment(trx, input.segmentId) : null;
    if (segment?.deletedAt) throw new NotFound(`segment "${segment.slug}" was deleted`);
    const open = await findOpenSend(trx, issue.id, input.edition, segment?.id ?? null);
    if (open) throw new Conflict(`the ${input.edition} edition of "${issue.slug}"${segment ? ` to segment "${segment.slug}"` : ''} already has delivery #${open.id} (${open.status})`);
    // A segment that reaches nobody is refused: a send to it would do nothing, and is likely a mistake.
    if (segment && (await countAudience(trx, issue.id, input.edition, segment.filter)) === 0) {
      throw new EmptySegment(`segment "${segment.slug}" reaches nobody in the ${input.edition} edition of "${issue.slug}" (no subscribed contact matches it, or everyone it matches has this edition already): nothing was sent`);
    }
    const deliveryId = await insertDelivery(trx, { issueId: issue.id, edition: input.edition, kind: 'send', status: 'scheduled', scheduledAt: input.scheduledAt ?? now, createdBy: input.actor.label, now, segmentId: segment?.id ?? null, scheduleZone: input.scheduledAt ? (input.scheduleZone ?? null) : null });
    const label = `${issue.slug} (${input.edition}${segment ? `, ${segment.slug}` : ''})`;
    await recordActivity(trx, env.clock, input.actor, input.scheduledAt ? 'delivery.schedule' : 'delivery.create', { type: 'delivery', id: deliveryId, label }, input.scheduledAt ? `${input.scheduledAt}${input.scheduleZone ? ` (${input.scheduleZone})` : ''}` : null);
    return deliveryId;
  });
}

/** A send to a segment that reaches nobody (the desk and the CLI say so; nothing is written). */
export class EmptySegment extends Conflict {}

/** An issue that may be sent (not a draft), loaded. */
async function loadSendable(env: DeliveryEnv, slug: string): Promise<{ issue: Issue; loaded: LoadedIssue }> {
  const issue = await findIssue(env.db, slug);
  if (issue.status === 'draft') throw new Conflict(`issue "${issue.slug}" is a draft: publish or schedule it before sending`);
  return { issue, loaded: await loadIssue(env.db, issue) };
}

/** Compiles the edition in each language of `languages` not in `into` yet (the issue overlaid with its translations). */
async function compileLanguages(env: DeliveryEnv, loaded: LoadedIssue, edition: Edition, languages: Iterable<Language>, into: Map<Language, EditionTemplate>): Promise<void> {
  // Read once per compile, never per recipient: the sender's footer (organisation, address, imprint).
  const settings = await getSiteSettings(env.db, env.site);
  const branding = await siteBranding(env.db, settings);
  for (const language of new Set(languages)) {
    if (into.has(language)) continue;
    const translated = language === DEFAULT_LANGUAGE ? loaded : (await translateIssue(env.db, loaded, language)).loaded;
    into.set(language, await compileEdition(translated, edition, env.site, language, footerOf(settings, env.site.url, language), branding, { tracking: settings.values.clickTracking, openPixel: settings.values.clickTracking && settings.values.openTracking }));
  }
}

/** Who a ledger row is for: a contact of the audience, or a test address (no contact). */
type LedgerPerson = Omit<AudienceRow, 'contactId'> & { readonly contactId: number | null };

/** Stores the compiled editions, moves the delivery to `sending` and writes its ledger rows (inside the caller's transaction). */
async function writeLedger(env: DeliveryEnv, trx: Executor, deliveryId: number, templates: EditionTemplates, audience: readonly LedgerPerson[], now: string, /** A real send claims each contact's edition (null: a test send). */ claim: { issueId: number; edition: Edition } | null): Promise<void> {
  await startDeliveryRow(trx, deliveryId, templates, now);
  await storeEditionLinks(trx, deliveryId, templates);
  const rows: NewRecipient[] = audience.map((person) => ({
    ...person,
    messageId: messageIdFor(env.secretKey, deliveryId, person.emailKey, env.mailDomain),
    verpToken: verpToken(env.secretKey, deliveryId, person.emailKey),
    editionClaim: claim && person.contactId !== null ? editionClaimOf(claim.issueId, claim.edition, person.contactId) : null,
  }));
  await insertRecipients(trx, deliveryId, rows, now);
}

/**
 * Starts a scheduled real send: compiles its edition and writes one ledger row per recipient,
 * in one transaction. Only one caller wins; the others see it started already. A test send is
 * never started here (it is created already sending, with its own addresses).
 */
export async function beginDelivery(env: DeliveryEnv, deliveryId: number): Promise<boolean> {
  const delivery = await findDelivery(env.db, deliveryId);
  if (!delivery) throw new NotFound(`there is no delivery #${deliveryId}`);
  if (delivery.kind !== 'send') throw new Conflict(`delivery #${deliveryId} is a test send: it only goes to the addresses it was created with`);
  if (delivery.status !== 'scheduled') return false;
  const { loaded } = await loadSendable(env, delivery.issueSlug);
  const segment = delivery.segmentId === null ? null : (await getSegment(env.db, delivery.segmentId)).filter;
  // MJML is compiled outside the transaction (it is slow, and SQLite would hold its write lock):
  // first in the languages the audience reads now. Should the snapshot find a language more (a
  // contact changed theirs meanwhile), nothing is written, that language is compiled and the
  // snapshot taken again; there are only so many languages, so this ends.
  const templates = new Map<Language, EditionTemplate>();
  await compileLanguages(env, loaded, delivery.edition, await selectAudienceLanguages(env.db, delivery.issueId, delivery.edition, segment), templates);
  for (let attempt = 0; attempt <= LANGUAGES.length; attempt++) {
    const outcome = await env.db.transaction().execute(async (trx): Promise<{ missing: Language[] } | { started: boolean }> => {
      const now = env.clock.now().toISOString();
      const audience = await selectAudience(trx, delivery.issueId, delivery.edition, segment);
      const missing = [...new Set(audience.map((person) => person.language))].filter((language) => !templates.has(language));
      if (missing.length > 0) return { missing };
      if (!(await updateDeliveryStatus(trx, deliveryId, ['scheduled'], 'sending', now))) return { started: false };
      await writeLedger(env, trx, deliveryId, templates, audience, now, { issueId: delivery.issueId, edition: delivery.edition });
      return { started: true };
    });
    if ('started' in outcome) return outcome.started;
    await compileLanguages(env, loaded, delivery.edition, outcome.missing, templates);
  }
  throw new Error(`delivery #${deliveryId}: the audience's languages kept changing while it started`);
}

const EMAIL = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/;

/** Parses the test-send address list: up to 20 addresses separated by commas, spaces or lines. */
export function parseTestAddresses(input: string): string[] {
  const addresses = [...new Map(input.split(/[\s,;]+/).filter(Boolean).map((address) => [emailKey(address), address.trim()])).values()];
  const problems = addresses.filter((address) => !EMAIL.test(address) || address.length > 254).map((address) => ({ where: 'addresses', message: `"${address.slice(0, 80)}" is not an email address` }));
  if (addresses.length === 0) problems.push({ where: 'addresses', message: 'Enter at least one address.' });
  if (addresses.length > 20) problems.push({ where: 'addresses', message: 'A test send goes to at most 20 addresses.' });
  if (problems.length > 0) throw new Invalid('The test send was not started.', problems);
  return addresses;
}

/**
 * Creates and starts a test send of an edition to chosen addresses (the sender still has to run
 * it). The delivery, its compiled edition and its rows are written in one transaction, already
 * `sending`: no worker can ever see it scheduled and start it with the whole audience.
 */
export async function createTestSend(env: DeliveryEnv, input: { slug: string; edition: Edition; addresses: readonly string[]; actor: Actor; /** The language of the test (default en). */ language?: Language }): Promise<Delivery> {
  if (input.addresses.length === 0) throw new Invalid('The test send was not started.', [{ where: 'addresses', message: 'Enter at least one address.' }]);
  // A draft may be test-sent: editors proofread the email before they publish.
  const issue = await findIssue(env.db, input.slug);
  const loaded = await loadIssue(env.db, issue);
  const language = input.language ?? DEFAULT_LANGUAGE;
  const templates = new Map<Language, EditionTemplate>();
  await compileLanguages(env, loaded, input.edition, [language], templates);
  const id = await env.db.transaction().execute(async (trx) => {
    const now = env.clock.now().toISOString();
    const deliveryId = await insertDelivery(trx, { issueId: issue.id, edition: input.edition, kind: 'test', status: 'sending', scheduledAt: now, createdBy: input.actor.label, now });
    await writeLedger(env, trx, deliveryId, templates, input.addresses.map((email) => ({ contactId: null, email, emailKey: emailKey(email), name: '', language, topicVariant: null })), now, null);
    await recordActivity(trx, env.clock, input.actor, 'delivery.test', { type: 'delivery', id: deliveryId, label: `${issue.slug} (${input.edition})` }, input.addresses.join(', '));
    await enqueueJob(trx, env.clock, TEST_SEND_JOB, { deliveryId });
    return deliveryId;
  });
  return (await findDelivery(env.db, id))!;
}

const TRANSITIONS = {
  pause: { from: ['sending'], to: 'paused' },
  resume: { from: ['paused'], to: 'sending' },
  cancel: { from: ['scheduled', 'sending', 'paused'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly DeliveryStatus[]; to: DeliveryStatus }>;

/** Pauses, resumes or cancels a delivery; Conflict when its status does not allow it. */
export async function changeDelivery(db: Database, clock: Clock, deliveryId: number, action: keyof typeof TRANSITIONS, actor: Actor): Promise<Delivery> {
  const rule = TRANSITIONS[action];
  return db.transaction().execute(async (trx) => {
    await lockDelivery(trx, deliveryId);
    const delivery = await findDelivery(trx, deliveryId);
    if (!delivery) throw new NotFound(`there is no delivery #${deliveryId}`);
    // A delivery paused before it ever started (its edition failed to build) goes back to scheduled.
    const to = action === 'resume' && delivery.startedAt === null ? 'scheduled' : rule.to;
    if (!(await updateDeliveryStatus(trx, deliveryId, rule.from, to, clock.now().toISOString()))) {
      throw new Conflict(`delivery #${deliveryId} is ${delivery.status}: it cannot ${action}`);
    }
    if (action === 'cancel') await releaseClaims(trx, deliveryId);
    await recordActivity(trx, clock, actor, `delivery.${action}`, subjectOf(delivery));
    return (await findDelivery(trx, deliveryId))!;
  });
}

/** Queues the failed rows of a delivery again (suppressed addresses stay failed); returns how many. */
export async function retryFailed(db: Database, clock: Clock, deliveryId: number, actor: Actor): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await lockDelivery(trx, deliveryId);
    const delivery = await findDelivery(trx, deliveryId);
    if (!delivery) throw new NotFound(`there is no delivery #${deliveryId}`);
    if (delivery.status === 'cancelled' || delivery.status === 'scheduled') throw new Conflict(`delivery #${deliveryId} is ${delivery.status}: nothing to retry`);
    const now = clock.now().toISOString();
    const count = await requeueFailed(trx, deliveryId, now);
    if (count > 0 && delivery.status === 'done') await updateDeliveryStatus(trx, deliveryId, ['done'], 'sending', now);
    await recordActivity(trx, clock, actor, 'delivery.retry_failed', subjectOf(delivery), `${count} recipient(s)`);
    return count;
  });
}

/** Deliveries newest first, with their counts. */
export async function listDeliveries(db: Executor, filter: { issueId?: number; limit?: number } = {}): Promise<{ delivery: Delivery; counts: DeliveryCounts }[]> {
  const deliveries = await findDeliveries(db, { ...filter, limit: filter.limit ?? 100 });
  return Promise.all(deliveries.map(async (delivery) => ({ delivery, counts: await countRecipients(db, delivery.id) })));
}

export async function getDelivery(db: Executor, id: number): Promise<Delivery> {
  const delivery = await findDelivery(db, id);
  if (!delivery) throw new NotFound(`there is no delivery #${id}`);
  return delivery;
}

export const getDeliveryCounts = countRecipients;

/** The report of one delivery: counts, failures with reasons, what happened per minute. */
export async function getDeliveryReport(db: Executor, id: number) {
  const delivery = await getDelivery(db, id);
  const [counts, problems, perMinute] = await Promise.all([countRecipients(db, id), findProblemRows(db, id, 500), countPerMinute(db, id)]);
  return { delivery, counts, problems, perMinute };
}

/**
 * Pauses a delivery by itself (the sender or the worker found it cannot go on), with the reason
 * shown on the desk and in the activity log. Returns whether it paused.
 */
export async function pauseWithProblem(db: Database, clock: Clock, deliveryId: number, problem: string, reason: PauseReason = 'refused', probeAt?: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await lockDelivery(trx, deliveryId);
    const delivery = await findDelivery(trx, deliveryId);
    if (!delivery) return false;
    const text = problem.slice(0, 500);
    const paused = await updateDeliveryStatus(trx, deliveryId, ['scheduled', 'sending'], 'paused', clock.now().toISOString(), { text, reason, ...(probeAt ? { probeAt } : {}) });
    if (paused) await recordActivity(trx, clock, SYSTEM_ACTOR, 'delivery.pause', subjectOf(delivery), text);
    return paused;
  });
}

/**
 * Lifts the circuit breaker: a probe got an answer from the mail server, so the delivery the
 * breaker paused sends again (only if it is still paused by the breaker: an editor's cancel or
 * resume in between wins). Written to the activity log as the system's resume.
 */
export async function resumeAfterProbe(db: Database, clock: Clock, deliveryId: number, detail: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await lockDelivery(trx, deliveryId);
    const delivery = await findDelivery(trx, deliveryId);
    if (!delivery || delivery.status !== 'paused' || delivery.pauseReason !== 'transport') return false;
    const resumed = await updateDeliveryStatus(trx, deliveryId, ['paused'], 'sending', clock.now().toISOString());
    if (resumed) await recordActivity(trx, clock, SYSTEM_ACTOR, 'delivery.resume', subjectOf(delivery), detail.slice(0, 500));
    return resumed;
  });
}

/**
 * Starts every scheduled delivery whose time has come; returns their ids. One that cannot start
 * (its issue went back to draft, its edition does not build) is paused with the reason and the
 * others still start.
 */
export async function startDueDeliveries(env: DeliveryEnv, log: (message: string) => void = () => undefined): Promise<number[]> {
  const due = await findDueScheduled(env.db, env.clock.now().toISOString());
  const started: number[] = [];
  for (const id of due) {
    try {
      if (await beginDelivery(env, id)) started.push(id);
    } catch (error) {
      const reason = `could not start: ${error instanceof Error ? error.message : String(error)}`;
      log(`delivery #${id} ${reason}`);
      await pauseWithProblem(env.db, env.clock, id, reason, 'start');
    }
  }
  return started;
}
