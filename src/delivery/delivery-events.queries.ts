import type { Executor } from '../db/database.js';
import type { DeliveryEventKind } from './delivery.js';

// SQL of delivery events: what happened to a delivery's message after the send (a bounce, a
// complaint, an unsubscribe), per contact. Not to be confused with the calendar's events.

/** Writes one delivery event. */
export async function recordDeliveryEvent(
  db: Executor,
  event: { deliveryId: number | null; recipientId: number | null; contactId: number | null; kind: DeliveryEventKind; detail: string | null; at: string },
): Promise<void> {
  await db
    .insertInto('delivery_events')
    .values({ delivery_id: event.deliveryId, recipient_id: event.recipientId, contact_id: event.contactId, kind: event.kind, detail: event.detail, at: event.at })
    .execute();
}

/** Whether a contact already has an event of this kind for this delivery (one-click is idempotent). */
export async function hasDeliveryEvent(db: Executor, deliveryId: number, contactId: number, kind: DeliveryEventKind): Promise<boolean> {
  const row = await db.selectFrom('delivery_events').select('id').where('delivery_id', '=', deliveryId).where('contact_id', '=', contactId).where('kind', '=', kind).executeTakeFirst();
  return row !== undefined;
}
