import type { SettingsSeed } from '../../config.js';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { DEFAULT_LANGUAGE, languageTag, pathIn, type Language } from '../../i18n/languages.js';
import { translator } from '../../i18n/messages.js';
import type { Delivery, EditionTemplates, SendSettings } from '../delivery.js';
import { listHeaders } from '../render/headers.js';
import { prepareEdition, type PreparedEdition } from '../render/placeholders.js';
import { messageIdFor, unsubscribeToken, verpAddress } from '../tokens.js';
import { isHardBounce, type MailMessage, type MailTransport, type SendOutcome } from '../../mail/transport.js';
import { pauseWithProblem } from './deliveries.service.js';
import { suppress } from '../suppressions.service.js';
import { findDelivery, findDeliveryTemplates, finishIfComplete } from './deliveries.queries.js';
import {
  claimRecipient, markFailed, markRetry, markSent, nextDueAt, reclaimExpired, releaseClaim, skipUnreachable, type ClaimedRecipient,
} from './recipients.queries.js';

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
  const take = rateLimiter(settings.rate);
  const iso = (ms: number) => new Date(ms).toISOString();
  let finished = false;
  let inFlight = 0;
  const waitForRetries = options.waitForRetries ?? true;

  await reclaimExpired(db, deliveryId, clock.now().toISOString());

  /** Nothing is due: wait for the next retry or lease, or report that nothing is pending. */
  const waitForWork = async (): Promise<boolean> => {
    const now = clock.now().getTime();
    if ((await reclaimExpired(db, deliveryId, iso(now))) > 0) return true;
    await skipUnreachable(db, deliveryId, iso(now));
    const current = await findDelivery(db, deliveryId);
    if (current?.status !== 'sending') return false;
    if (!waitForRetries && inFlight === 0) return false;
    const due = await nextDueAt(db, deliveryId);
    if (due === undefined) return false;
    await sleep(Math.max(20, Math.min(1000, Date.parse(due) - now + 5)));
    return true;
  };

  // A slot that throws (database error, full disk) stops the others too: they finish their
  // message in flight and claim no more, then the first error is rethrown. Otherwise they would
  // keep sending unsupervised while the caller starts another run (twice the rate and slots).
  const slot = async () => {
    try {
      await slotLoop();
    } catch (error) {
      finished = true;
      throw error;
    }
  };
  const slotLoop = async () => {
    while (!finished && !options.signal?.aborted) {
      await take();
      const now = clock.now().getTime();
      const row = await claimRecipient(db, deliveryId, workerId, iso(now), iso(now + settings.leaseMs));
      if (!row) {
        if (!(await waitForWork())) finished = true;
        continue;
      }
      inFlight++;
      try {
        const outcome = await deps.transport.send(buildMessage(deps, delivery, editions, row));
        await recordOutcome(deps, workerId, row, outcome);
      } finally {
        inFlight--;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: settings.concurrency }, slot));
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
    const edition = prepareEdition(template);
    prepared.set(language, {
      language,
      edition,
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
export function buildMessage(deps: Pick<SenderDeps, 'secretKey' | 'site' | 'mailFrom' | 'mailDomain'>, delivery: Delivery, editions: ReadonlyMap<Language, LanguageEdition>, row: Omit<ClaimedRecipient, 'attempts' | 'id' | 'deliveryId'>): MailMessage {
  const chosen = editionFor(editions, row.language);
  const language = chosen.language;
  const token = unsubscribeToken(deps.secretKey, delivery.id, row.contactId ?? 0);
  const unsubscribeUrl = `${deps.site.url}${pathIn(language, `/unsubscribe/${token}`)}`;
  const encoded = chosen.edition.encode({
    greeting: chosen.greeting(row.name),
    unsubscribe_url: unsubscribeUrl,
    preferences_url: `${deps.site.url}${pathIn(language, '/account')}`,
    web_url: `${deps.site.url}${pathIn(language, `/issues/${delivery.issueSlug}`)}`,
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

async function recordOutcome(deps: SenderDeps, workerId: string, row: ClaimedRecipient, outcome: SendOutcome): Promise<void> {
  const now = deps.clock.now();
  const at = now.toISOString();
  if (outcome.ok) return markSent(deps.db, row.id, at);
  const error = (outcome.code !== null && !outcome.message.startsWith(String(outcome.code)) ? `${outcome.code} ${outcome.message}` : outcome.message).slice(0, 500);
  if (outcome.permanent && outcome.scope === 'sender') {
    // The server refused us (AUTH, MAIL FROM, connection), not this address: every row would
    // fail the same way. Put the row back untouched and pause the delivery with the reason.
    await releaseClaim(deps.db, row.id, workerId, error, at);
    await pauseWithProblem(deps.db, deps.clock, row.deliveryId, `the mail server refused our sending (not a recipient): ${error}`);
    return;
  }
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
  await markRetry(deps.db, row.id, workerId, error, new Date(now.getTime() + backoffMs(deps.settings.retryBaseMs, attempts)).toISOString(), at);
}
