import type { ExpressionBuilder } from 'kysely';
import type { DB, Executor } from '../../db/database.js';
import { compiledOnce } from '../../db/compiled-query.js';
import { isPostgres } from '../../db/dialect.js';
import type { Language } from '../../i18n/languages.js';
import type { Edition, RecipientState } from '../delivery.js';
import { filterCondition, type SegmentFilter } from '../../audiences/criteria.js';
import { variantKey } from '../render/topic-blocks.js';

// SQL of the recipient ledger: the audience written before anything is sent, claims with
// leases, the marks from the server's replies, requeues, and the rows bounces are found by.
// Claims take one row at a time per sender slot, so at any moment a sender holds at most
// SEND_CONCURRENCY claimed rows: that bounds what a crash can repeat. PostgreSQL claims with
// FOR UPDATE SKIP LOCKED; SQLite's single writer makes the one-statement UPDATE … RETURNING
// atomic by itself.

/** A contact the audience snapshot takes. */
export interface AudienceRow {
  readonly contactId: number;
  readonly email: string;
  readonly emailKey: string;
  readonly name: string;
  /** The contact's language: the edition they get is written in it. */
  readonly language: Language;
  /** The contact's topic variant (`first:ai`, `only:ai,energy`; null: the issue unchanged): render/topic-blocks.ts. */
  readonly topicVariant: string | null;
}

/**
 * The audience of an edition now: subscribed contacts whose company is an active member (full)
 * or all other subscribed contacts (teaser), minus suppressed addresses, minus every address an
 * earlier (cancelled) send of the same issue × edition already delivered to (`sent` or
 * `bounced`, found by address or by contact), so a re-run after a cancel never sends twice. `email_key` is unique, so every
 * address appears once.
 */
export async function selectAudience(db: Executor, issueId: number, edition: Edition, segment: SegmentFilter | null = null): Promise<AudienceRow[]> {
  // By contact id: two overlapping sends starting at once insert their claims in the same order,
  // so on PostgreSQL the second waits for the first instead of deadlocking with it.
  const rows = await audienceQuery(db, issueId, edition, segment).select(['contacts.id', 'contacts.email', 'contacts.email_key', 'contacts.name', 'contacts.language', 'contacts.topic_mode']).orderBy('contacts.id').execute();
  // The topics each contact follows: one query for the whole audience (never one per contact).
  const followed = new Map<number, string[]>();
  const topicRows = await db.selectFrom('contact_topics').innerJoin('topics', 'topics.id', 'contact_topics.topic_id').select(['contact_topics.contact_id', 'topics.slug']).execute();
  for (const row of topicRows) followed.set(row.contact_id, [...(followed.get(row.contact_id) ?? []), row.slug]);
  const { n: allTopics } = await db.selectFrom('topics').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return rows.map((row) => ({
    contactId: row.id, email: row.email, emailKey: row.email_key, name: row.name, language: row.language,
    topicVariant: variantKey(row.topic_mode, followed.get(row.id) ?? [], Number(allTopics)),
  }));
}

/** The languages the audience of an edition reads now (what the send compiles its edition in). */
export async function selectAudienceLanguages(db: Executor, issueId: number, edition: Edition, segment: SegmentFilter | null = null): Promise<Language[]> {
  const rows = await audienceQuery(db, issueId, edition, segment).select('contacts.language').distinct().execute();
  return rows.map((row) => row.language);
}

/** How many the audience of an edition (to a segment, or everyone of it) holds now: what a send would write. */
export async function countAudience(db: Executor, issueId: number, edition: Edition, segment: SegmentFilter | null = null): Promise<number> {
  const row = await audienceQuery(db, issueId, edition, segment).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The edition claim of a contact's row in a real send (unique in the ledger: one edition per contact, across deliveries). */
export function editionClaimOf(issueId: number, edition: Edition, contactId: number): string {
  return `${issueId}:${edition}:${contactId}`;
}

function audienceQuery(db: Executor, issueId: number, edition: Edition, segment: SegmentFilter | null = null) {
  const base = db
    .selectFrom('contacts')
    .leftJoin('companies', 'companies.id', 'contacts.company_id')
    .where('contacts.subscribed', '=', 1)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('suppressions').select('suppressions.email_key').whereRef('suppressions.email_key', '=', 'contacts.email_key'))))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('delivery_recipients')
            .innerJoin('deliveries', 'deliveries.id', 'delivery_recipients.delivery_id')
            .select('delivery_recipients.id')
            .where('deliveries.issue_id', '=', issueId)
            .where('deliveries.edition', '=', edition)
            .where('deliveries.kind', '=', 'send')
            // Reached already, or claimed by another delivery of the edition (a segment's send
            // running beside this one): the claim, unique in the ledger, settles a race.
            .where((eb) => eb.or([eb('delivery_recipients.state', 'in', ['sent', 'bounced']), eb('delivery_recipients.edition_claim', 'is not', null)]))
            // By address, or by contact: a row the retention purge made a tombstone keeps only the contact.
            .where((eb) => eb.or([eb('delivery_recipients.email_key', '=', eb.ref('contacts.email_key')), eb('delivery_recipients.contact_id', '=', eb.ref('contacts.id'))])),
        ),
      ),
    );
  const query = segment ? base.where((eb) => filterCondition(eb, segment)) : base;
  return edition === 'full'
    ? query.where('companies.membership', '=', 'active')
    : query.where((eb) => eb.or([eb('companies.membership', 'is', null), eb('companies.membership', '!=', 'active')]));
}

/** A ledger row to write. */
export interface NewRecipient {
  readonly contactId: number | null;
  readonly email: string;
  readonly emailKey: string;
  readonly name: string;
  readonly language: Language;
  readonly messageId: string;
  readonly verpToken: string;
  /** Rows of real sends that name a contact: `editionClaimOf(…)`; null for test sends. */
  readonly editionClaim?: string | null;
  /** The contact's topic variant when the audience was taken; null: the issue unchanged (test sends). */
  readonly topicVariant?: string | null;
}

/** The receiving domain of an address key (what pacing groups by). */
export function domainOf(emailKey: string): string {
  return emailKey.slice(emailKey.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Writes ledger rows in chunks (engines limit the parameters of one statement). A row whose
 * edition claim another delivery of the same issue × edition holds is not written (ON CONFLICT DO
 * NOTHING: on PostgreSQL a concurrent claim waits for the other transaction and then skips); returns
 * how many rows were written.
 */
export async function insertRecipients(db: Executor, deliveryId: number, rows: readonly NewRecipient[], now: string): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const result = await db
      .insertInto('delivery_recipients')
      .values(
        rows.slice(i, i + 500).map((row) => ({
          delivery_id: deliveryId, contact_id: row.contactId, email: row.email, email_key: row.emailKey, domain: domainOf(row.emailKey), name: row.name, language: row.language, state: 'queued',
          next_attempt_at: now, lease_until: null, claimed_by: null, last_error: null, message_id: row.messageId, verp_token: row.verpToken, sent_at: null, updated_at: now,
          edition_claim: row.editionClaim ?? null,
          topic_variant: row.topicVariant ?? null,
        })),
      )
      .onConflict((oc) => oc.column('edition_claim').doNothing())
      .executeTakeFirst();
    written += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return written;
}

/**
 * Releases the edition claims of a cancelled delivery's rows that never reached the server
 * (queued, failed, skipped), so a later send of the edition may take those contacts. Rows sent,
 * bounced or in flight keep theirs: they may have arrived.
 */
export async function releaseClaims(db: Executor, deliveryId: number): Promise<void> {
  await db.updateTable('delivery_recipients').set({ edition_claim: null }).where('delivery_id', '=', deliveryId).where('state', 'in', ['queued', 'failed', 'skipped']).where('edition_claim', 'is not', null).execute();
}

/** A row a sender holds. */
export interface ClaimedRecipient {
  readonly id: number;
  readonly deliveryId: number;
  readonly contactId: number | null;
  readonly email: string;
  readonly emailKey: string;
  readonly name: string;
  /** The language of the row's message (its contact's when the audience was taken). */
  readonly language: Language;
  readonly messageId: string;
  readonly verpToken: string;
  readonly attempts: number;
  /** The receiving domain (pacing). */
  readonly domain: string;
  /** The topic variant its message is assembled as (render/topic-blocks.ts); null or absent: the issue unchanged. */
  readonly topicVariant?: string | null;
}

/**
 * A row that may still be sent: its address is not suppressed and its contact (if any) is still
 * subscribed. Checked at every claim and requeue, so unsubscribes and suppressions that happen
 * during a send are honoured at once.
 */
function reachable(eb: ExpressionBuilder<DB, 'delivery_recipients'>) {
  return eb.and([
    eb.not(eb.exists(eb.selectFrom('suppressions').select('suppressions.email_key').whereRef('suppressions.email_key', '=', 'delivery_recipients.email_key'))),
    eb.not(eb.exists(eb.selectFrom('contacts').select('contacts.id').whereRef('contacts.id', '=', 'delivery_recipients.contact_id').where('contacts.subscribed', '=', 0))),
  ]);
}

/**
 * Sets queued rows whose address was suppressed or whose contact unsubscribed after the audience
 * was taken to `skipped` (with the reason); returns how many.
 */
export async function skipUnreachable(db: Executor, deliveryId: number, now: string): Promise<number> {
  let skipped = 0;
  const suppressed = await db
    .updateTable('delivery_recipients')
    .set({ state: 'skipped', last_error: 'skipped: the address was suppressed during the send', lease_until: null, claimed_by: null, updated_at: now })
    .where('delivery_id', '=', deliveryId)
    .where('state', '=', 'queued')
    .where(({ exists, selectFrom }) => exists(selectFrom('suppressions').select('suppressions.email_key').whereRef('suppressions.email_key', '=', 'delivery_recipients.email_key')))
    .executeTakeFirst();
  skipped += Number(suppressed.numUpdatedRows);
  const unsubscribed = await db
    .updateTable('delivery_recipients')
    .set({ state: 'skipped', last_error: 'skipped: the contact unsubscribed during the send', lease_until: null, claimed_by: null, updated_at: now })
    .where('delivery_id', '=', deliveryId)
    .where('state', '=', 'queued')
    .where(({ exists, selectFrom }) => exists(selectFrom('contacts').select('contacts.id').whereRef('contacts.id', '=', 'delivery_recipients.contact_id').where('contacts.subscribed', '=', 0)))
    .executeTakeFirst();
  return skipped + Number(unsubscribed.numUpdatedRows);
}

type ClaimedRow = { id: number; delivery_id: number; contact_id: number | null; email: string; email_key: string; name: string; language: Language; message_id: string; verp_token: string; attempts: number; domain: string; topic_variant: string | null };

const CLAIMED = ['id', 'delivery_id', 'contact_id', 'email', 'email_key', 'name', 'language', 'message_id', 'verp_token', 'attempts', 'domain', 'topic_variant'] as const;

function toClaimed(row: ClaimedRow): ClaimedRecipient {
  return { id: row.id, deliveryId: row.delivery_id, contactId: row.contact_id, email: row.email, emailKey: row.email_key, name: row.name, language: row.language, messageId: row.message_id, verpToken: row.verp_token, attempts: row.attempts, domain: row.domain, topicVariant: row.topic_variant };
}

// The claim and the mark run once per message: compiled once (db/compiled-query.ts). The claim
// compares id with a scalar subquery (`id = (SELECT … LIMIT 1)`): on SQLite half the cost of
// `id IN (…)`, which builds a temporary list first.
const claimOne = compiledOnce<[number, string, string, string, string, number], ClaimedRow>((db, deliveryId, now, leaseUntil, workerId, updatedAt, deliveryOfStatus) => {
  let candidate = db
    .selectFrom('delivery_recipients')
    .select('id')
    .where('delivery_id', '=', deliveryId as unknown as number)
    .where('state', '=', 'queued')
    .where('next_attempt_at', '<=', now)
    .limit(1);
  candidate = candidate.where((eb) => reachable(eb));
  if (isPostgres(db)) candidate = candidate.forUpdate().skipLocked();
  return db
    .updateTable('delivery_recipients')
    .set({ state: 'sending', lease_until: leaseUntil, claimed_by: workerId, updated_at: updatedAt })
    .where('id', '=', candidate)
    .where('state', '=', 'queued')
    .where(({ selectFrom }) => selectFrom('deliveries').select('status').where('deliveries.id', '=', deliveryOfStatus as unknown as number), '=', 'sending')
    .returning(CLAIMED);
});

/** Claims one due row of a delivery that is sending, under a lease; undefined when none is due. */
export async function claimRecipient(db: Executor, deliveryId: number, workerId: string, now: string, leaseUntil: string, /** Domains whose pace does not allow a message now. */ notDomains: readonly string[] = []): Promise<ClaimedRecipient | undefined> {
  if (notDomains.length === 0) {
    const [row] = await claimOne(db, deliveryId, now, leaseUntil, workerId, now, deliveryId);
    return row ? toClaimed(row) : undefined;
  }
  // Some domains are paced: the same claim, leaving their rows where they are (not compiled:
  // the list changes; it only runs while a domain is slowed down).
  let candidate = db
    .selectFrom('delivery_recipients')
    .select('id')
    .where('delivery_id', '=', deliveryId)
    .where('state', '=', 'queued')
    .where('next_attempt_at', '<=', now)
    .where('domain', 'not in', [...notDomains])
    .where((eb) => reachable(eb))
    .limit(1);
  if (isPostgres(db)) candidate = candidate.forUpdate().skipLocked();
  const row = await db
    .updateTable('delivery_recipients')
    .set({ state: 'sending', lease_until: leaseUntil, claimed_by: workerId, updated_at: now })
    .where('id', '=', candidate)
    .where('state', '=', 'queued')
    .where(({ selectFrom }) => selectFrom('deliveries').select('status').where('deliveries.id', '=', deliveryId), '=', 'sending')
    .returning(CLAIMED)
    .executeTakeFirst();
  return row ? toClaimed(row) : undefined;
}

/** Gives a claimed row back as it was (its domain's pace had no room for it after all): no attempt, no error. */
export async function unclaim(db: Executor, id: number, workerId: string, now: string): Promise<void> {
  await db
    .updateTable('delivery_recipients')
    .set({ state: 'queued', lease_until: null, claimed_by: null, updated_at: now })
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .where('claimed_by', '=', workerId)
    .execute();
}

/** A deferral by the receiving domain (4xx at RCPT TO): queued again for `nextAttemptAt`, the deferral counted. */
export async function markDeferred(db: Executor, id: number, workerId: string, error: string, nextAttemptAt: string, now: string): Promise<void> {
  await db
    .updateTable('delivery_recipients')
    .set((eb) => ({ state: 'queued', attempts: eb('attempts', '+', 1), deferrals: eb('deferrals', '+', 1), next_attempt_at: nextAttemptAt, lease_until: null, claimed_by: null, last_error: error, updated_at: now }))
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .where('claimed_by', '=', workerId)
    .execute();
}

/**
 * Claims one due row of a delivery the circuit breaker paused, for the probe (one message to
 * see whether the server answers again). The same lease and marks as any claim.
 */
export async function claimProbeRecipient(db: Executor, deliveryId: number, workerId: string, now: string, leaseUntil: string): Promise<ClaimedRecipient | undefined> {
  let candidate = db.selectFrom('delivery_recipients').select('id').where('delivery_id', '=', deliveryId).where('state', '=', 'queued').where('next_attempt_at', '<=', now).where((eb) => reachable(eb)).limit(1);
  if (isPostgres(db)) candidate = candidate.forUpdate().skipLocked();
  const row = await db
    .updateTable('delivery_recipients')
    .set({ state: 'sending', lease_until: leaseUntil, claimed_by: workerId, updated_at: now })
    .where('id', '=', candidate)
    .where('state', '=', 'queued')
    .where(({ exists, selectFrom }) => exists(selectFrom('deliveries').select('id').where('deliveries.id', '=', deliveryId).where('status', '=', 'paused').where('pause_reason', '=', 'transport')))
    .returning(CLAIMED)
    .executeTakeFirst();
  return row ? toClaimed(row) : undefined;
}

/**
 * Takes back rows whose lease ran out (their sender died): they are queued again and counted
 * in `reclaims`, because their message may already have been accepted once.
 */
export async function reclaimExpired(db: Executor, deliveryId: number, now: string): Promise<number> {
  const result = await db
    .updateTable('delivery_recipients')
    .set((eb) => ({ state: 'queued', reclaims: eb('reclaims', '+', 1), lease_until: null, claimed_by: null, next_attempt_at: now, updated_at: now }))
    .where('delivery_id', '=', deliveryId)
    .where('state', '=', 'sending')
    .where('lease_until', '<', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

const markOneSent = compiledOnce<[string, string, number], never>((db, sentAt, updatedAt, id) =>
  db
    .updateTable('delivery_recipients')
    .set((eb) => ({ state: 'sent', attempts: eb('attempts', '+', 1), sent_at: sentAt, lease_until: null, claimed_by: null, last_error: null, updated_at: updatedAt }))
    .where('id', '=', id as unknown as number)
    .where('state', 'in', ['queued', 'sending']),
);

/** The server accepted the message. A row taken back meanwhile is marked too: it went out. */
export async function markSent(db: Executor, id: number, now: string): Promise<void> {
  await markOneSent(db, now, now, id);
}

/** A temporary failure: queued again for `nextAttemptAt`. */
export async function markRetry(db: Executor, id: number, workerId: string, error: string, nextAttemptAt: string, now: string): Promise<void> {
  await db
    .updateTable('delivery_recipients')
    .set((eb) => ({ state: 'queued', attempts: eb('attempts', '+', 1), next_attempt_at: nextAttemptAt, lease_until: null, claimed_by: null, last_error: error, updated_at: now }))
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .where('claimed_by', '=', workerId)
    .execute();
}

/** Gives a claimed row back without counting an attempt (the failure was not this recipient's). */
export async function releaseClaim(db: Executor, id: number, workerId: string, error: string, now: string): Promise<void> {
  await db
    .updateTable('delivery_recipients')
    .set({ state: 'queued', lease_until: null, claimed_by: null, last_error: error, next_attempt_at: now, updated_at: now })
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .where('claimed_by', '=', workerId)
    .execute();
}

/** A permanent failure (5xx, or too many temporary ones). */
export async function markFailed(db: Executor, id: number, workerId: string, error: string, now: string): Promise<void> {
  await db
    .updateTable('delivery_recipients')
    .set((eb) => ({ state: 'failed', attempts: eb('attempts', '+', 1), lease_until: null, claimed_by: null, last_error: error, updated_at: now }))
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .where('claimed_by', '=', workerId)
    .execute();
}

/** When the next row of a delivery becomes due (a retry or an expiring lease), if any is pending. */
export async function nextDueAt(db: Executor, deliveryId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('delivery_recipients')
    .select((eb) => [eb.fn.min('next_attempt_at').filterWhere('state', '=', 'queued').as('queued'), eb.fn.min('lease_until').filterWhere('state', '=', 'sending').as('leased')])
    .where('delivery_id', '=', deliveryId)
    .where('state', 'in', ['queued', 'sending'])
    .executeTakeFirst();
  const times = [row?.queued, row?.leased].filter((time): time is string => typeof time === 'string');
  return times.sort()[0];
}

/** Queues a delivery's failed rows again, except suppressed addresses and unsubscribed contacts; returns how many. */
export async function requeueFailed(db: Executor, deliveryId: number, now: string): Promise<number> {
  const result = await db
    .updateTable('delivery_recipients')
    .set({ state: 'queued', attempts: 0, next_attempt_at: now, last_error: null, updated_at: now })
    .where('delivery_id', '=', deliveryId)
    .where('state', '=', 'failed')
    .where((eb) => reachable(eb))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}


/** A ledger row found from a bounce (by VERP token or Message-ID). */
export interface LedgerRef {
  readonly id: number;
  readonly deliveryId: number;
  readonly contactId: number | null;
  readonly emailKey: string;
  readonly state: RecipientState;
}

const REF = ['id', 'delivery_id', 'contact_id', 'email_key', 'state'] as const;

function toRef(row: { id: number; delivery_id: number; contact_id: number | null; email_key: string; state: RecipientState }): LedgerRef {
  return { id: row.id, deliveryId: row.delivery_id, contactId: row.contact_id, emailKey: row.email_key, state: row.state };
}

/** The ledger row a VERP return path names. */
export async function findRecipientByVerp(db: Executor, token: string): Promise<LedgerRef | undefined> {
  const row = await db.selectFrom('delivery_recipients').select(REF).where('verp_token', '=', token).executeTakeFirst();
  return row ? toRef(row) : undefined;
}

/** The ledger row of a Message-ID (and, when known, the address it went to). */
export async function findRecipientByMessageId(db: Executor, messageId: string, emailKey: string | null): Promise<LedgerRef | undefined> {
  let query = db.selectFrom('delivery_recipients').select(REF).where('message_id', '=', messageId);
  if (emailKey) query = query.where('email_key', '=', emailKey);
  const row = await query.executeTakeFirst();
  return row ? toRef(row) : undefined;
}

/** A sent row bounced later (a DSN arrived). */
export async function markBounced(db: Executor, id: number, detail: string, now: string): Promise<void> {
  await db.updateTable('delivery_recipients').set({ state: 'bounced', last_error: detail, updated_at: now }).where('id', '=', id).where('state', 'in', ['sent', 'sending', 'queued']).execute();
}
