import type { SettingsSeed } from '../../config.js';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { DEFAULT_LANGUAGE, languageTag, pathIn, type Language } from '../../i18n/languages.js';
import { translator } from '../../i18n/messages.js';
import type { Delivery, EditionTemplates, SendSettings } from '../delivery.js';
import { listHeaders } from '../render/headers.js';
import type { PreparedEdition } from '../render/placeholders.js';
import { editionVariants } from '../render/topic-blocks.js';
import { messageIdFor, unsubscribeToken, verpAddress } from '../tokens.js';
import { isHardBounce, type MailMessage, type MailTransport, type SendOutcome } from '../../mail/transport.js';
import { pauseWithProblem, resumeAfterProbe } from './deliveries.service.js';
import { suppress } from '../suppressions.service.js';
import { addTransportFailure, clearTransportFailures, findDelivery, findDeliveryTemplates, finishIfComplete, probeFailed, takeProbe } from './deliveries.queries.js';
import {
  claimProbeRecipient, claimRecipient, markDeferred, markFailed, markRetry, markSent, nextDueAt, reclaimExpired, releaseClaim, skipUnreachable, unclaim, type ClaimedRecipient,
} from './recipients.queries.js';
import { createPacer, type Pacer } from './pacing.js';
import { domainLimitsFor } from './domain-limits.service.js';
import { createOutcomeTally, type OutcomeTally } from '../alarms/outcome-tally.js';
import { linkAddresses, openAddresses, trackingKey } from '../../engagement/engagement.service.js';

// The sender: SEND_CONCURRENCY slots, each claiming one ledger row at a time, sending it and
// marking it from the reply. A claimed row is handed to SMTP at once (the rate limit is waited
// out before claiming), so a crash can repeat at most one message per slot.

/** Everything a sender needs; the CLI, the worker and the desk build it from the config. */
export interface SenderDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly transport: MailTransport;
  readonly settings: SendSettings;
  readonly secretKey: string;
  /** The site's name and address, and the settings' environment seed (the sender's footer reads the settings). */
  readonly site: { readonly name: string; readonly url: string; readonly settingsSeed?: SettingsSeed };
  readonly mailFrom: string;
  /** The domain of VERP return paths, the unsubscribe mailbox and Message-IDs. */
  readonly mailDomain: string;
  /** TRACKING_KEY, or unset for the key kept in the database (engagement: each recipient's `/r/<token>` links). */
  readonly trackingKey?: string | undefined;
}

/** What a message is built with: the sender's identity and, when the edition numbered links, each recipient's click addresses. */
export type MessageDeps = Pick<SenderDeps, 'secretKey' | 'site' | 'mailFrom' | 'mailDomain'> & { readonly clickLinks?: (recipientId: number, language: Language) => (index: number) => string; /** Each recipient's open pixel address (used only where the edition holds the pixel's placeholder). */ readonly openAddress?: (recipientId: number) => string };

/** The click addresses of a delivery's recipients (the tracking key read once per run). */
async function withClickLinks(deps: SenderDeps, deliveryId: number): Promise<SenderDeps & MessageDeps> {
  const key = await trackingKey(deps.db, deps.trackingKey, deps.clock);
  return { ...deps, clickLinks: linkAddresses(key, deps.site.url, deliveryId), openAddress: openAddresses(key, deps.site.url, deliveryId) };
}

/** How a run ended: the delivery is done, was paused or cancelled, or the caller stopped it. */
export type SendResult = 'done' | 'paused' | 'cancelled' | 'stopped';

/** A name for this sender in `claimed_by`. */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Spaces message starts `1/rate` seconds apart across all slots. */
function rateLimiter(rate: number) {
  const interval = 1000 / rate;
  let nextAt = 0;
  return async () => {
    const now = performance.now();
    const at = Math.max(now, nextAt);
    nextAt = at + interval;
    if (at - now >= 1) await sleep(at - now);
  };
}

/** Sends one delivery's due rows until none is left, the delivery stops sending, or `signal` aborts. */
export async function runDelivery(
  deps: SenderDeps,
  deliveryId: number,
  options: { signal?: AbortSignal; workerId?: string; /** false: return once nothing is due now (the worker comes back later). */ waitForRetries?: boolean } = {},
): Promise<SendResult> {
  const { db, clock, settings } = deps;
  const workerId = options.workerId ?? newWorkerId();
  const delivery = await findDelivery(db, deliveryId);
  const templates = await findDeliveryTemplates(db, deliveryId);
  if (!delivery) throw new Error(`no delivery ${deliveryId}`);
  if (delivery.status !== 'sending' || templates.size === 0) return statusResult(delivery.status);
  const editions = prepareEditions(templates);
  const messageDeps = await withClickLinks(deps, deliveryId);
  const take = rateLimiter(settings.rate);
  const iso = (ms: number) => new Date(ms).toISOString();
  let finished = false;
  let inFlight = 0;
  const waitForRetries = options.waitForRetries ?? true;
  // Whether the breaker's count may be above 0 (then a message that goes through resets it).
  const failures = { seen: delivery.transportFailures > 0 };
  // Fixed limits per domain: the site setting wins over SEND_DOMAIN_LIMITS (domain-limits.service.ts).
  const pacer = createPacer(db, clock, { ...settings, domainLimits: await domainLimitsFor(db, deps.site, settings.domainLimits) });
  await pacer.refresh(true);
  // The replies per domain and minute, for the alarms and the desk's chart (alarms/outcome-tally.ts).
  const tally = createOutcomeTally(db, deliveryId);

  await reclaimExpired(db, deliveryId, clock.now().toISOString());

  /** Nothing is due: wait for the next retry or lease, or report that nothing is pending. */
  const waitForWork = async (): Promise<boolean> => {
    const now = clock.now().getTime();
    if ((await reclaimExpired(db, deliveryId, iso(now))) > 0) return true;
    await skipUnreachable(db, deliveryId, iso(now));
    const current = await findDelivery(db, deliveryId);
    if (current?.status !== 'sending') return false;
    await pacer.refresh();
    // A domain waiting for its pace keeps the run going (within the worker's slice).
    const paced = pacer.earliestReady(now);
    if (!waitForRetries && inFlight === 0 && paced === undefined) return false;
    const due = await nextDueAt(db, deliveryId);
    if (due === undefined) return false;
    const wakeAt = paced !== undefined ? Math.max(Date.parse(due), Math.min(paced, now + 1000)) : Date.parse(due);
    await sleep(Math.max(20, Math.min(1000, wakeAt - now + 5)));
    return true;
  };

  // A slot that throws (database error, full disk) stops the others too: they finish their
  // message in flight and claim no more, then the first error is rethrown. Otherwise they would
  // keep sending unsupervised while the caller starts another run (twice the rate and slots).
  const slot = async (_: unknown, index: number) => {
    try {
      await slotLoop(index);
    } catch (error) {
      finished = true;
      throw error;
    }
  };
  // A slowly paced domain (a few messages a second or fewer) is claimed by the first slot only:
  // if every slot claimed its next row the moment it is due, all but one would have to give it
  // back (its slot taken), again and again, instead of sending to the other domains.
  const slotLoop = async (index: number) => {
    while (!finished && !options.signal?.aborted) {
      await take();
      await pacer.refresh();
      const now = clock.now().getTime();
      const row = await claimRecipient(db, deliveryId, workerId, iso(now), iso(now + settings.leaseMs), index === 0 ? pacer.blocked(now) : [...new Set([...pacer.blocked(now), ...pacer.slow()])]);
      if (!row) {
        if (!(await waitForWork())) finished = true;
        continue;
      }
      if (!(await pacer.reserve(row.domain, now))) {
        // Another slot took the domain's slot since the claim: the row goes back as it was.
        await unclaim(db, row.id, workerId, iso(now));
        continue;
      }
      inFlight++;
      try {
        const outcome = await deps.transport.send(buildMessage(messageDeps, delivery, editions, row));
        await recordOutcome(deps, workerId, row, outcome, failures, pacer, tally);
      } finally {
        inFlight--;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: settings.concurrency }, slot));
  await tally.flush();
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;

  if (options.signal?.aborted) return 'stopped';
  await finishIfComplete(db, deliveryId, clock.now().toISOString());
  const after = await findDelivery(db, deliveryId);
  return statusResult(after?.status ?? 'cancelled');
}

function statusResult(status: Delivery['status']): SendResult {
  return status === 'done' ? 'done' : status === 'paused' ? 'paused' : status === 'cancelled' ? 'cancelled' : 'stopped';
}

/** A delivery's edition in one language, ready for each recipient who reads it. */
export interface LanguageEdition {
  readonly language: Language;
  readonly edition: PreparedEdition;
  /** The edition as a row's topic variant (null: unchanged), assembled from its blocks once per run and key. */
  readonly variant: (key: string | null) => PreparedEdition;
  /** The greeting with a name ("Hello Ana,", "Guten Tag Ana,", "Ana，您好："), split once around the name. */
  readonly greeting: (name: string) => string;
  readonly subject: string;
  readonly testSubject: string;
}

const NAME_MARK = '\uE002';

/** Prepares each stored edition once per run (parts split and encoded, greeting and subjects written). */
export function prepareEditions(templates: EditionTemplates): ReadonlyMap<Language, LanguageEdition> {
  const prepared = new Map<Language, LanguageEdition>();
  for (const [language, template] of templates) {
    const t = translator(language);
    const [before = '', after = ''] = t('email.greeting.named', { name: NAME_MARK }).split(NAME_MARK);
    const anonymous = t('email.greeting.anonymous');
    const variants = editionVariants(template);
    const edition = variants.variant(null);
    prepared.set(language, {
      language,
      edition,
      variant: variants.variant,
      greeting: (name) => (name ? before + name + after : anonymous),
      subject: edition.subject,
      testSubject: t('email.edition.test', { subject: edition.subject }),
    });
  }
  return prepared;
}

/**
 * The edition a row gets: the one in its language. beginDelivery stores an edition for every
 * language of the rows it writes, so the fallback (the site's language, then any) only serves
 * rows of a delivery started before editions were stored per language, which are all English.
 */
function editionFor(editions: ReadonlyMap<Language, LanguageEdition>, language: Language): LanguageEdition {
  const edition = editions.get(language) ?? editions.get(DEFAULT_LANGUAGE) ?? editions.values().next().value;
  if (!edition) throw new Error('a delivery without a compiled edition cannot send');
  return edition;
}

/** The personalised message of one ledger row, in the row's language. */
export function buildMessage(deps: MessageDeps, delivery: Delivery, editions: ReadonlyMap<Language, LanguageEdition>, row: Omit<ClaimedRecipient, 'attempts' | 'id' | 'deliveryId' | 'domain'> & { readonly id?: number }): MailMessage {
  const chosen = editionFor(editions, row.language);
  const language = chosen.language;
  const token = unsubscribeToken(deps.secretKey, delivery.id, row.contactId ?? 0);
  const unsubscribeUrl = `${deps.site.url}${pathIn(language, `/unsubscribe/${token}`)}`;
  const encoded = chosen.variant(row.topicVariant ?? null).encode({
    greeting: chosen.greeting(row.name),
    unsubscribe_url: unsubscribeUrl,
    preferences_url: `${deps.site.url}${pathIn(language, '/account')}`,
    web_url: `${deps.site.url}${pathIn(language, `/issues/${delivery.issueSlug}`)}`,
    ...(deps.clickLinks && row.id !== undefined ? { link: deps.clickLinks(row.id, language) } : {}),
    ...(deps.openAddress && row.id !== undefined ? { open: deps.openAddress(row.id) } : {}),
  });
  return {
    from: deps.mailFrom,
    to: row.email,
    subject: delivery.kind === 'test' ? chosen.testSubject : chosen.subject,
    encoded,
    headers: {
      ...listHeaders({ siteName: deps.site.name, deliveryId: delivery.id, edition: delivery.edition, unsubscribeUrl, unsubscribeMailbox: `unsubscribe+${token}@${deps.mailDomain}`, domain: deps.mailDomain }),
      'Content-Language': languageTag(language),
    },
    messageId: row.messageId || messageIdFor(deps.secretKey, delivery.id, row.emailKey, deps.mailDomain),
    returnPath: verpAddress(row.verpToken, deps.mailDomain),
  };
}

/** The delay before attempt `attempts + 1`: base × 2^(attempts − 1), ±20%, at most six hours. */
export function backoffMs(baseMs: number, attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
  return Math.round(exponential * (0.8 + 0.4 * random()));
}

/**
 * A failure of the way to the server rather than of a recipient: a timeout, a refused or lost
 * connection, a reply that is not SMTP, or a 421 (the relay closing the channel) at any stage.
 * It is nobody's fault among the recipients: the row goes back without an attempt counted, and
 * SEND_BREAKER_FAILURES of them in a row pause the delivery (the circuit breaker).
 */
export function isTransportFailure(outcome: SendOutcome): boolean {
  if (outcome.ok) return false;
  return outcome.code === null ? !outcome.permanent : outcome.code === 421;
}

function errorText(outcome: Extract<SendOutcome, { ok: false }>): string {
  return (outcome.code !== null && !outcome.message.startsWith(String(outcome.code)) ? `${outcome.code} ${outcome.message}` : outcome.message).slice(0, 500);
}

/**
 * A deferral that asks us to send more slowly: a 4xx for the recipient whose enhanced status is
 * 4.7.x (policy: rate limits, "too many messages") or whose text says so (rate, too many,
 * throttle, slow down, frequency, limit). A plain "try again later" (4.3.0, 4.2.x: a full
 * mailbox, a busy disk) retries the row only.
 */
export function isRateDeferral(outcome: Extract<SendOutcome, { ok: false }>): boolean {
  if (outcome.permanent || outcome.scope !== 'recipient') return false;
  return (outcome.enhanced?.startsWith('4.7.') ?? false) || /\b(rate|too many|throttl|slow down|frequen|limit)/i.test(outcome.message);
}

/** When the breaker's probe number `probes + 1` is due: base × 2^probes, at most 30 minutes. */
export function probeDelayMs(baseMs: number, probes: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, probes), 30 * 60_000);
}

async function recordOutcome(deps: SenderDeps, workerId: string, row: ClaimedRecipient, outcome: SendOutcome, failures: { seen: boolean } = { seen: true }, pacer?: Pacer, tally?: OutcomeTally): Promise<void> {
  const now = deps.clock.now();
  const at = now.toISOString();
  if (outcome.ok) {
    await markSent(deps.db, row.id, at);
    await tally?.count(row.domain, 'accepted', now.getTime());
    await pacer?.accepted(row.domain, now.getTime());
    if (failures.seen) {
      failures.seen = false;
      await clearTransportFailures(deps.db, row.deliveryId);
    }
    return;
  }
  const error = errorText(outcome);
  if (isTransportFailure(outcome)) {
    // Put the row back untouched (no attempt counted); count the failure for the breaker.
    await releaseClaim(deps.db, row.id, workerId, error, at);
    failures.seen = true;
    const inRow = await addTransportFailure(deps.db, row.deliveryId, at);
    if (inRow >= deps.settings.breakerFailures) {
      const probeAt = new Date(now.getTime() + probeDelayMs(deps.settings.probeBaseMs, 0)).toISOString();
      await pauseWithProblem(deps.db, deps.clock, row.deliveryId, `the mail server did not answer ${inRow} times in a row (${error}); the worker tries one message again from time to time and resumes by itself once it answers`, 'transport', probeAt);
    }
    return;
  }
  if (failures.seen) {
    // The server answered (a refusal of this recipient is an answer): the way to it works.
    failures.seen = false;
    await clearTransportFailures(deps.db, row.deliveryId);
  }
  if (outcome.permanent && outcome.scope === 'sender') {
    // The server refused us (AUTH, MAIL FROM, connection), not this address: every row would
    // fail the same way. Put the row back untouched and pause the delivery with the reason.
    await releaseClaim(deps.db, row.id, workerId, error, at);
    await pauseWithProblem(deps.db, deps.clock, row.deliveryId, `the mail server refused our sending (not a recipient): ${error}`);
    return;
  }
  // From here on the receiving side answered for this recipient: a refusal for good or for now.
  await tally?.count(row.domain, outcome.permanent || row.attempts + 1 >= deps.settings.maxAttempts ? 'failed' : 'deferred', now.getTime());
  if (outcome.permanent && isHardBounce(outcome)) {
    // No such mailbox: the row fails and the address is suppressed, with its event, together.
    await deps.db.transaction().execute(async (trx) => {
      await markFailed(trx, row.id, workerId, error, at);
      await suppress(trx, deps.clock, row.emailKey, { reason: 'hard_bounce', detail: error, recipient: row });
    });
    return;
  }
  if (outcome.permanent) return markFailed(deps.db, row.id, workerId, error, at);
  const attempts = row.attempts + 1;
  if (attempts >= deps.settings.maxAttempts) return markFailed(deps.db, row.id, workerId, `gave up after ${attempts} attempts: ${error}`, at);
  if (outcome.scope === 'recipient' && pacer && isRateDeferral(outcome)) {
    // The receiving domain deferred it: slow that domain alone; the row waits for the domain.
    const readyAt = await pacer.deferred(row.domain, error, now.getTime());
    const retryAt = Math.max(readyAt, now.getTime() + backoffMs(deps.settings.retryBaseMs, attempts));
    return markDeferred(deps.db, row.id, workerId, error, new Date(retryAt).toISOString(), at);
  }
  await markRetry(deps.db, row.id, workerId, error, new Date(now.getTime() + backoffMs(deps.settings.retryBaseMs, attempts)).toISOString(), at);
}

/** What a probe of a delivery the breaker paused found. */
export type ProbeResult = 'resumed' | 'still failing' | 'not due';

/**
 * The breaker's probe: one message of a delivery it paused. Taken by one process at a time (the
 * probe time moves a lease ahead first). The row is claimed and marked like any other (so a
 * crash mid-probe loses nobody: the lease brings the row back). An answer from the server (an
 * acceptance, or a refusal of the recipient) resumes the delivery; another transport failure
 * puts the row back untouched and sets the next probe, twice as far off.
 */
export async function probeDelivery(deps: SenderDeps, deliveryId: number, workerId: string = newWorkerId()): Promise<ProbeResult> {
  const { db, clock, settings } = deps;
  const now = clock.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  if (!(await takeProbe(db, deliveryId, now.toISOString(), iso(now.getTime() + settings.leaseMs)))) return 'not due';
  const delivery = await findDelivery(db, deliveryId);
  const templates = await findDeliveryTemplates(db, deliveryId);
  if (!delivery || templates.size === 0) return 'not due';
  await reclaimExpired(db, deliveryId, now.toISOString());
  const row = await claimProbeRecipient(db, deliveryId, workerId, now.toISOString(), iso(now.getTime() + settings.leaseMs));
  if (!row) {
    // Nothing is due to probe with (rows wait for a retry): let the sender try when they are.
    return (await resumeAfterProbe(db, clock, deliveryId, 'nothing left to probe with; sending resumes')) ? 'resumed' : 'not due';
  }
  const outcome = await deps.transport.send(buildMessage(await withClickLinks(deps, deliveryId), delivery, prepareEditions(templates), row));
  if (isTransportFailure(outcome)) {
    const error = errorText(outcome as Extract<SendOutcome, { ok: false }>);
    const at = clock.now();
    await releaseClaim(db, row.id, workerId, error, at.toISOString());
    await probeFailed(db, deliveryId, iso(at.getTime() + probeDelayMs(settings.probeBaseMs, delivery.probes + 1)), `the mail server still does not answer after ${delivery.probes + 1} probe(s) (${error}); the worker tries again later and resumes by itself once it answers`.slice(0, 500), at.toISOString());
    return 'still failing';
  }
  await recordOutcome(deps, workerId, row, outcome);
  return (await resumeAfterProbe(db, clock, deliveryId, `the mail server answers again: ${outcome.ok ? outcome.response : errorText(outcome)}`)) ? 'resumed' : 'not due';
}
