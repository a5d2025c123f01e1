import { PostgresAdapter, sql, type ExpressionBuilder } from 'kysely';
import type { Database, DB, Executor } from '../../db/database.js';
import type { Delivery, DeliveryCounts, DeliveryStatus, Edition, EditionTemplate, MinuteCounts } from '../delivery.js';

// All SQL of deliveries and the recipient ledger. Claims take one row at a time per sender
// slot, so at any moment a sender holds at most SEND_CONCURRENCY claimed rows: that bounds
// what a crash can repeat. PostgreSQL claims with FOR UPDATE SKIP LOCKED; SQLite's single
// writer makes the one-statement UPDATE … RETURNING atomic by itself.

function isPostgres(db: Executor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const DELIVERY_COLUMNS = [
  'deliveries.id', 'deliveries.issue_id', 'deliveries.edition', 'deliveries.kind', 'deliveries.status', 'deliveries.scheduled_at',
  'deliveries.subject', 'deliveries.started_at', 'deliveries.finished_at', 'deliveries.problem', 'deliveries.created_by', 'deliveries.created_at',
  'issues.slug as issue_slug', 'issues.title as issue_title',
] as const;

type DeliveryRow = {
  id: number; issue_id: number; edition: string; kind: string; status: string; scheduled_at: string | null; subject: string;
  started_at: string | null; finished_at: string | null; problem: string | null; created_by: string; created_at: string; issue_slug: string; issue_title: string;
};

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id, issueId: row.issue_id, issueSlug: row.issue_slug, issueTitle: row.issue_title, edition: row.edition as Edition,
    kind: row.kind as Delivery['kind'], status: row.status as DeliveryStatus, scheduledAt: row.scheduled_at, subject: row.subject,
    startedAt: row.started_at, finishedAt: row.finished_at, problem: row.problem, createdBy: row.created_by, createdAt: row.created_at,
  };
}

function deliveries(db: Executor) {
  return db.selectFrom('deliveries').innerJoin('issues', 'issues.id', 'deliveries.issue_id').select(DELIVERY_COLUMNS);
}

export async function insertDelivery(
  db: Executor,
  row: { issueId: number; edition: Edition; kind: 'send' | 'test'; status: DeliveryStatus; scheduledAt: string | null; createdBy: string; now: string },
): Promise<number> {
  const inserted = await db
    .insertInto('deliveries')
    .values({ issue_id: row.issueId, edition: row.edition, kind: row.kind, status: row.status, scheduled_at: row.scheduledAt, html: null, text: null, started_at: null, finished_at: null, problem: null, created_by: row.createdBy, created_at: row.now, updated_at: row.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function findDelivery(db: Executor, id: number): Promise<Delivery | undefined> {
  const row = await deliveries(db).where('deliveries.id', '=', id).executeTakeFirst();
  return row ? toDelivery(row) : undefined;
}

/** Newest first; optionally of one issue. */
export async function findDeliveries(db: Executor, filter: { issueId?: number; limit: number }): Promise<Delivery[]> {
  let query = deliveries(db).orderBy('deliveries.id', 'desc').limit(filter.limit);
  if (filter.issueId !== undefined) query = query.where('deliveries.issue_id', '=', filter.issueId);
  return (await query.execute()).map(toDelivery);
}

/** The newest real send of an issue's edition that was not cancelled. */
export async function findOpenSend(db: Executor, issueId: number, edition: Edition): Promise<Delivery | undefined> {
  const row = await deliveries(db)
    .where('deliveries.issue_id', '=', issueId)
    .where('deliveries.edition', '=', edition)
    .where('deliveries.kind', '=', 'send')
    .where('deliveries.status', '!=', 'cancelled')
    .orderBy('deliveries.id', 'desc')
    .executeTakeFirst();
  return row ? toDelivery(row) : undefined;
}

/**
 * Locks one delivery row for the rest of the transaction; call it first. PostgreSQL: SELECT …
 * FOR UPDATE, so "retry failed" and "finish when complete" on the same delivery run one after the
 * other (each then sees the other's committed rows). SQLite: a no-change write, so the
 * transaction takes the write lock before it reads anything; a read first would pin a snapshot
 * and fail with SQLITE_BUSY_SNAPSHOT (busy_timeout does not help) when another process (a CLI
 * send) commits in between.
 */
export async function lockDelivery(db: Executor, id: number): Promise<void> {
  if (isPostgres(db)) await db.selectFrom('deliveries').select('id').where('id', '=', id).forUpdate().execute();
  else await db.updateTable('deliveries').set((eb) => ({ id: eb.ref('id') })).where('id', '=', id).execute();
}

/** Scheduled sends whose time has come (never test sends: those start with their addresses, in one transaction). */
export async function findDueScheduled(db: Executor, now: string): Promise<number[]> {
  const rows = await db.selectFrom('deliveries').select('id').where('kind', '=', 'send').where('status', '=', 'scheduled').where('scheduled_at', '<=', now).orderBy('scheduled_at').execute();
  return rows.map((row) => row.id);
}

/** Deliveries with rows to send. */
export async function findSendingIds(db: Executor): Promise<number[]> {
  const rows = await db.selectFrom('deliveries').select('id').where('status', '=', 'sending').orderBy('id').execute();
  return rows.map((row) => row.id);
}

/**
 * Moves a delivery to `status` if it is in one of `from`; returns whether it moved. `problem`
 * says why it paused by itself (any other move clears it).
 */
export async function updateDeliveryStatus(db: Executor, id: number, from: readonly DeliveryStatus[], status: DeliveryStatus, now: string, problem: string | null = null): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set({ status, problem, updated_at: now, ...(status === 'done' || status === 'cancelled' ? { finished_at: now } : {}) })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Stores the compiled edition and starts the delivery. */
export async function startDeliveryRow(db: Executor, id: number, template: EditionTemplate, now: string): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ subject: template.subject, html: template.html, text: template.text, status: 'sending', started_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function findDeliveryTemplate(db: Executor, id: number): Promise<EditionTemplate | undefined> {
  const row = await db.selectFrom('deliveries').select(['subject', 'html', 'text']).where('id', '=', id).executeTakeFirst();
  return row && row.html !== null && row.text !== null ? { subject: row.subject, html: row.html, text: row.text } : undefined;
}

/** A contact the audience snapshot takes. */
export interface AudienceRow {
  readonly contactId: number;
  readonly email: string;
  readonly emailKey: string;
  readonly name: string;
}

/**
 * The audience of an edition now: subscribed contacts whose company is an active member (full)
 * or all other subscribed contacts (teaser), minus suppressed addresses, minus every address an
 * earlier (cancelled) send of the same issue × edition already delivered to (`sent` or
 * `bounced`), so a re-run after a cancel never sends twice. `email_key` is unique, so every
 * address appears once.
 */
export async function selectAudience(db: Executor, issueId: number, edition: Edition): Promise<AudienceRow[]> {
  let query = db
    .selectFrom('contacts')
    .leftJoin('companies', 'companies.id', 'contacts.company_id')
    .select(['contacts.id', 'contacts.email', 'contacts.email_key', 'contacts.name'])
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
            .where('delivery_recipients.state', 'in', ['sent', 'bounced'])
            .whereRef('delivery_recipients.email_key', '=', 'contacts.email_key'),
        ),
      ),
    );
  query =
    edition === 'full'
      ? query.where('companies.membership', '=', 'active')
      : query.where((eb) => eb.or([eb('companies.membership', 'is', null), eb('companies.membership', '!=', 'active')]));
  const rows = await query.orderBy('contacts.id').execute();
  return rows.map((row) => ({ contactId: row.id, email: row.email, emailKey: row.email_key, name: row.name }));
}

/** Which of these addresses are suppressed. */
export async function findSuppressedKeys(db: Executor, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.selectFrom('suppressions').select('email_key').where('email_key', 'in', [...keys]).execute();
  return new Set(rows.map((row) => row.email_key));
}

/** A ledger row to write. */
export interface NewRecipient {
  readonly contactId: number | null;
  readonly email: string;
  readonly emailKey: string;
  readonly name: string;
  readonly messageId: string;
  readonly verpToken: string;
}

/** Writes ledger rows in chunks (engines limit the parameters of one statement). */
export async function insertRecipients(db: Executor, deliveryId: number, rows: readonly NewRecipient[], now: string): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('delivery_recipients')
      .values(
        rows.slice(i, i + 500).map((row) => ({
          delivery_id: deliveryId, contact_id: row.contactId, email: row.email, email_key: row.emailKey, name: row.name, state: 'queued',
          next_attempt_at: now, lease_until: null, claimed_by: null, last_error: null, message_id: row.messageId, verp_token: row.verpToken, sent_at: null, updated_at: now,
        })),
      )
      .execute();
  }
}

/** A row a sender holds. */
export interface ClaimedRecipient {
  readonly id: number;
  readonly deliveryId: number;
  readonly contactId: number | null;
  readonly email: string;
  readonly emailKey: string;
  readonly name: string;
  readonly messageId: string;
  readonly verpToken: string;
  readonly attempts: number;
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

/** Claims one due row of a delivery that is sending, under a lease; undefined when none is due. */
export async function claimRecipient(db: Executor, deliveryId: number, workerId: string, now: string, leaseUntil: string): Promise<ClaimedRecipient | undefined> {
  let candidate = db
    .selectFrom('delivery_recipients')
    .select('id')
    .where('delivery_id', '=', deliveryId)
    .where('state', '=', 'queued')
    .where('next_attempt_at', '<=', now)
    .limit(1);
  candidate = candidate.where((eb) => reachable(eb));
  if (isPostgres(db)) candidate = candidate.forUpdate().skipLocked();
  const row = await db
    .updateTable('delivery_recipients')
    .set({ state: 'sending', lease_until: leaseUntil, claimed_by: workerId, updated_at: now })
    .where('id', 'in', candidate)
    .where('state', '=', 'queued')
    .where(({ selectFrom }) => selectFrom('deliveries').select('status').where('deliveries.id', '=', deliveryId), '=', 'sending')
    .returning(['id', 'delivery_id', 'contact_id', 'email', 'email_key', 'name', 'message_id', 'verp_token', 'attempts'])
    .executeTakeFirst();
  return row
    ? { id: row.id, deliveryId: row.delivery_id, contactId: row.contact_id, email: row.email, emailKey: row.email_key, name: row.name, messageId: row.message_id, verpToken: row.verp_token, attempts: row.attempts }
    : undefined;
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

/** The server accepted the message. A row taken back meanwhile is marked too: it went out. */
export async function markSent(db: Executor, id: number, response: string, now: string): Promise<void> {
  await db
    .updateTable('delivery_recipients')
    .set((eb) => ({ state: 'sent', attempts: eb('attempts', '+', 1), sent_at: now, lease_until: null, claimed_by: null, last_error: null, updated_at: now }))
    .where('id', '=', id)
    .where('state', 'in', ['queued', 'sending'])
    .execute();
  void response;
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

/** Marks a sending delivery done once no row is queued or claimed (after locking it: see lockDelivery). */
export async function finishIfComplete(db: Database, deliveryId: number, now: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await lockDelivery(trx, deliveryId);
    return finishIfCompleteLocked(trx, deliveryId, now);
  });
}

async function finishIfCompleteLocked(db: Executor, deliveryId: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set({ status: 'done', finished_at: now, updated_at: now })
    .where('id', '=', deliveryId)
    .where('status', '=', 'sending')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('delivery_recipients').select('id').where('delivery_id', '=', deliveryId).where('state', 'in', ['queued', 'sending']))),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
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

/** The ledger's counts of one delivery. */
export async function countRecipients(db: Executor, deliveryId: number): Promise<DeliveryCounts> {
  const [states, events] = await Promise.all([
    db
      .selectFrom('delivery_recipients')
      .select((eb) => [
        'state',
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(eb.case().when('reclaims', '>', 0).then(1).else(0).end()).as('repeated'),
        eb.fn.sum<number>(eb.case().when('attempts', '>', 1).then(1).else(0).end()).as('retried'),
      ])
      .where('delivery_id', '=', deliveryId)
      .groupBy('state')
      .execute(),
    db.selectFrom('delivery_events').select((eb) => ['kind', eb.fn.countAll<number>().as('n')]).where('delivery_id', '=', deliveryId).groupBy('kind').execute(),
  ]);
  const of = (state: string) => Number(states.find((row) => row.state === state)?.n ?? 0);
  const event = (kind: string) => Number(events.find((row) => row.kind === kind)?.n ?? 0);
  const total = states.reduce((sum, row) => sum + Number(row.n), 0);
  return {
    total, queued: of('queued'), sending: of('sending'), sent: of('sent'), failed: of('failed'), bounced: of('bounced'), skipped: of('skipped'),
    mayHaveRepeated: states.reduce((sum, row) => sum + Number(row.repeated ?? 0), 0),
    retried: states.reduce((sum, row) => sum + Number(row.retried ?? 0), 0),
    unsubscribed: event('unsubscribe'), complaints: event('complaint'),
  };
}

/** Failed and bounced rows with their reasons. */
export async function findProblemRows(db: Executor, deliveryId: number, limit: number): Promise<{ email: string; state: string; attempts: number; lastError: string | null; updatedAt: string }[]> {
  const rows = await db
    .selectFrom('delivery_recipients')
    .select(['email', 'state', 'attempts', 'last_error', 'updated_at'])
    .where('delivery_id', '=', deliveryId)
    .where('state', 'in', ['failed', 'bounced'])
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ email: row.email, state: row.state, attempts: row.attempts, lastError: row.last_error, updatedAt: row.updated_at }));
}

/** Per minute (`YYYY-MM-DDTHH:MM`, UTC), oldest first: what happened to a delivery's messages. */
export async function countPerMinute(db: Executor, deliveryId: number): Promise<MinuteCounts[]> {
  const sentMinute = sql<string>`substr(sent_at, 1, 16)`;
  const failedMinute = sql<string>`substr(updated_at, 1, 16)`;
  const eventMinute = sql<string>`substr(at, 1, 16)`;
  const [sent, failed, events] = await Promise.all([
    db.selectFrom('delivery_recipients').select((eb) => [sentMinute.as('minute'), eb.fn.countAll<number>().as('n')]).where('delivery_id', '=', deliveryId).where('sent_at', 'is not', null).groupBy(sentMinute).execute(),
    db
      .selectFrom('delivery_recipients')
      .select((eb) => [failedMinute.as('minute'), 'state', eb.fn.countAll<number>().as('n')])
      .where('delivery_id', '=', deliveryId)
      .where('state', 'in', ['failed', 'bounced'])
      .groupBy([failedMinute, 'state'])
      .execute(),
    db.selectFrom('delivery_events').select((eb) => [eventMinute.as('minute'), eb.fn.countAll<number>().as('n')]).where('delivery_id', '=', deliveryId).where('kind', '=', 'unsubscribe').groupBy(eventMinute).execute(),
  ]);
  const minutes = new Map<string, { sent: number; failed: number; bounced: number; unsubscribed: number }>();
  const at = (minute: string) => minutes.get(minute) ?? minutes.set(minute, { sent: 0, failed: 0, bounced: 0, unsubscribed: 0 }).get(minute)!;
  for (const row of sent) at(row.minute).sent += Number(row.n);
  for (const row of failed) at(row.minute)[row.state === 'failed' ? 'failed' : 'bounced'] += Number(row.n);
  for (const row of events) at(row.minute).unsubscribed += Number(row.n);
  return [...minutes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([minute, counts]) => ({ minute, ...counts }));
}
