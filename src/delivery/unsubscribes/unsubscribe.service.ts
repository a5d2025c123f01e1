import type { Database } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { NotFound } from '../../lib/errors.js';
import { getContact, updatePreferences } from '../../members/contacts.service.js';
import type { Contact } from '../../members/members.js';
import type { ConsentNetwork } from '../../consent/consent.js';
import { hasDeliveryEvent, recordDeliveryEvent } from '../delivery-events.queries.js';
import { findDelivery } from '../engine/deliveries.queries.js';
import { readUnsubscribeToken } from '../tokens.js';

// Unsubscribing from a delivery's link, its one-click POST or its mailto address: the contact
// is set unsubscribed (through the members service, which logs it) and the delivery records
// one `unsubscribe` event and the consent ledger a `withdrawn` row, in one transaction. Doing it twice changes nothing.

const INVALID = 'This unsubscribe link is not valid. You can change what you receive on your account page.';

/** The contact an unsubscribe token names; NotFound for forged or stale tokens. */
export async function checkUnsubscribeToken(db: Database, secretKey: string, token: string): Promise<Contact> {
  const parsed = readUnsubscribeToken(secretKey, token);
  if (!parsed || parsed.contactId === 0) throw new NotFound(INVALID);
  try {
    return await getContact(db, parsed.contactId);
  } catch (error) {
    if (error instanceof NotFound) throw new NotFound(INVALID);
    throw error;
  }
}

/** Unsubscribes the contact a token names; returns the contact as it is now. */
export async function unsubscribeWithToken(db: Database, clock: Clock, secretKey: string, token: string, via: 'one-click' | 'page' | 'mail', network: ConsentNetwork | null = null): Promise<Contact> {
  const contact = await checkUnsubscribeToken(db, secretKey, token);
  const { deliveryId } = readUnsubscribeToken(secretKey, token)!;
  const actor = { type: 'member' as const, id: contact.id, label: contact.email };
  return db.transaction().execute(async (trx) => {
    // The ledger's `withdrawn` row names the link (never the token) and the delivery it came in.
    const consent = { kind: 'link' as const, source: `unsubscribe ${via} (delivery ${deliveryId})`, network };
    const after = contact.subscribed ? await updatePreferences(trx, clock, contact.id, { language: contact.language, subscribed: false, topics: contact.topics }, actor, consent) : contact;
    const delivery = await findDelivery(trx, deliveryId);
    if (delivery && !(await hasDeliveryEvent(trx, deliveryId, contact.id, 'unsubscribe'))) {
      await recordDeliveryEvent(trx, { deliveryId, recipientId: null, contactId: contact.id, kind: 'unsubscribe', detail: via, at: clock.now().toISOString() });
    }
    return after;
  });
}
