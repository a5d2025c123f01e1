import type { Executor } from '../../db/database.js';

// SQL of what happens after a send: delivery events (bounce, complaint, unsubscribe) and the
// suppression list.

export type EventKind = 'bounce' | 'complaint' | 'unsubscribe';
export type SuppressionReason = 'hard_bounce' | 'complaint' | 'manual';

export async function insertDeliveryEvent(
  db: Executor,
  event: { deliveryId: number | null; recipientId: number | null; contactId: number | null; kind: EventKind; detail: string | null; at: string },
): Promise<void> {
  await db
    .insertInto('delivery_events')
    .values({ delivery_id: event.deliveryId, recipient_id: event.recipientId, contact_id: event.contactId, kind: event.kind, detail: event.detail, at: event.at })
    .execute();
}

/** Whether a contact already has an event of this kind for this delivery (one-click is idempotent). */
export async function hasDeliveryEvent(db: Executor, deliveryId: number, contactId: number, kind: EventKind): Promise<boolean> {
  const row = await db.selectFrom('delivery_events').select('id').where('delivery_id', '=', deliveryId).where('contact_id', '=', contactId).where('kind', '=', kind).executeTakeFirst();
  return row !== undefined;
}

/** Adds an address to the suppression list; an existing entry is kept. */
export async function insertSuppression(db: Executor, emailKey: string, reason: SuppressionReason, detail: string | null, now: string): Promise<void> {
  await db
    .insertInto('suppressions')
    .values({ email_key: emailKey, reason, detail, created_at: now })
    .onConflict((oc) => oc.column('email_key').doNothing())
    .execute();
}

export async function deleteSuppression(db: Executor, emailKey: string): Promise<boolean> {
  const result = await db.deleteFrom('suppressions').where('email_key', '=', emailKey).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface SuppressionRow {
  readonly emailKey: string;
  readonly reason: SuppressionReason;
  readonly detail: string | null;
  readonly createdAt: string;
}

export async function findSuppressions(db: Executor, limit: number): Promise<SuppressionRow[]> {
  const rows = await db.selectFrom('suppressions').select(['email_key', 'reason', 'detail', 'created_at']).orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map((row) => ({ emailKey: row.email_key, reason: row.reason as SuppressionReason, detail: row.detail, createdAt: row.created_at }));
}

export async function countSuppressions(db: Executor): Promise<number> {
  const row = await db.selectFrom('suppressions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A ledger row found from a bounce (by VERP token or Message-ID). */
export interface LedgerRef {
  readonly id: number;
  readonly deliveryId: number;
  readonly contactId: number | null;
  readonly emailKey: string;
  readonly state: string;
}

const REF = ['id', 'delivery_id', 'contact_id', 'email_key', 'state'] as const;

function toRef(row: { id: number; delivery_id: number; contact_id: number | null; email_key: string; state: string }): LedgerRef {
  return { id: row.id, deliveryId: row.delivery_id, contactId: row.contact_id, emailKey: row.email_key, state: row.state };
}

export async function findRecipientByVerp(db: Executor, token: string): Promise<LedgerRef | undefined> {
  const row = await db.selectFrom('delivery_recipients').select(REF).where('verp_token', '=', token).executeTakeFirst();
  return row ? toRef(row) : undefined;
}

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
