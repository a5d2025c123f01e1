import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import type { Database, Executor } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import type { Clock } from '../lib/clock.js';
import { Invalid, NotFound } from '../lib/errors.js';
import { emailKey } from '../members/members.js';
import { recordDeliveryEvent } from './delivery-events.queries.js';
import { countSuppressions, deleteSuppression, findSuppressions, insertSuppression, type SuppressionRow } from './suppressions.queries.js';

// The suppression list: addresses no delivery sends to (hard bounces, complaints, and ones
// the desk adds). Every path adds through suppress(), which writes the entry and what records
// it in one transaction. Removing an entry lets the next send reach the address again.

export type { SuppressionRow } from './suppressions.queries.js';

/** The ledger row a bounce or complaint came back for. */
export interface SuppressedRecipient {
  readonly id: number;
  readonly deliveryId: number;
  readonly contactId: number | null;
}

/**
 * Why an address is suppressed, and what records it: a hard bounce or a complaint records a
 * delivery event (`bounce`, `complaint`) against the ledger row; an address added on the desk
 * records an activity entry (delivery events are only bounces, complaints and unsubscribes).
 */
export type SuppressionCause =
  | { readonly reason: 'hard_bounce' | 'complaint'; readonly detail: string; readonly recipient: SuppressedRecipient }
  | { readonly reason: 'manual'; readonly actor: Actor };

/**
 * Suppresses an address (an existing entry is kept) and records why, all or nothing: inside the
 * caller's transaction when given one, so the ledger mark that goes with it commits together.
 */
export async function suppress(db: Executor, clock: Clock, address: string, cause: SuppressionCause): Promise<void> {
  const key = emailKey(address);
  const now = clock.now().toISOString();
  await inTransaction(db, async (trx) => {
    if (cause.reason === 'manual') {
      await insertSuppression(trx, key, 'manual', `added by ${cause.actor.label}`, now);
      await recordActivity(trx, clock, cause.actor, 'suppression.add', { type: 'suppression', id: null, label: key });
      return;
    }
    // A ledger row that was purged or erased holds `erased:<id>`, no address: the event is still
    // counted, but there is nothing left to suppress (the erased address's hash already is).
    if (key.includes('@')) await insertSuppression(trx, key, cause.reason, cause.detail, now);
    const { recipient } = cause;
    await recordDeliveryEvent(trx, {
      deliveryId: recipient.deliveryId, recipientId: recipient.id, contactId: recipient.contactId,
      kind: cause.reason === 'hard_bounce' ? 'bounce' : 'complaint', detail: cause.detail, at: now,
    });
  });
}

/** The newest entries of the list (at most `limit`) and how many there are. */
export async function listSuppressions(db: Executor, limit = 500): Promise<{ items: SuppressionRow[]; total: number }> {
  const [items, total] = await Promise.all([findSuppressions(db, limit), countSuppressions(db)]);
  return { items, total };
}

const EMAIL = /^[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+$/;

/** Adds an address typed on the desk. */
export async function suppressAddress(db: Database, clock: Clock, email: string, actor: Actor): Promise<void> {
  const key = emailKey(email);
  if (!EMAIL.test(key) || key.length > 254) throw new Invalid('The address was not added.', [{ where: 'email', message: 'Enter an email address.' }]);
  await suppress(db, clock, key, { reason: 'manual', actor });
}

/** Removes an address from the list. */
export async function unsuppressAddress(db: Database, clock: Clock, email: string, actor: Actor): Promise<void> {
  const key = emailKey(email);
  await db.transaction().execute(async (trx) => {
    if (!(await deleteSuppression(trx, key))) throw new NotFound(`${key} is not on the suppression list`);
    await recordActivity(trx, clock, actor, 'suppression.remove', { type: 'suppression', id: null, label: key });
  });
}
