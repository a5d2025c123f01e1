import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { checkLoginToken, consumeLoginToken, issueLoginToken } from '../auth/login-tokens.service.js';
import { recordActivity } from '../activity/activity.service.js';
import { enqueueEmail } from '../mail/email.js';
import { withFooter } from '../settings/settings.service.js';
import * as subscriptionConfirmEmail from './emails/subscription-confirm.email.js';
import { getContact } from './contacts.service.js';
import { findContactByEmailKey, insertContact, setContactSubscribed } from './contacts.queries.js';
import { emailKey, type Contact, type Language } from './members.js';
import { parseEmail, type SiteForMail } from './sign-in.service.js';

/**
 * Double opt-in: a new address is stored unsubscribed and gets a confirmation link; only the
 * link subscribes it. Known addresses get the same link, so the answer never reveals them.
 */
export async function requestSubscription(db: Database, clock: Clock, site: SiteForMail, input: { email: string; name: string; /** The language of the page subscribed on: a new contact's language. */ language?: Language }): Promise<void> {
  const email = parseEmail(input.email);
  const name = input.name.trim().slice(0, 200);
  await db.transaction().execute(async (trx) => {
    let contact = await findContactByEmailKey(trx, emailKey(email));
    if (!contact) {
      const id = await insertContact(trx, { email, emailKey: emailKey(email), name, language: input.language ?? 'en', companyId: null, subscribed: false, now: clock.now().toISOString() });
      contact = await getContact(trx, id);
    }
    const token = await issueLoginToken(trx, clock, 'subscribe_confirm', { contactId: contact.id });
    await enqueueEmail(trx, clock, subscriptionConfirmEmail, email, { name, url: `${site.url}/subscribe/confirm/${token}`, siteName: site.name }, await withFooter(trx, site, contact.language));
  });
}

/** The contact a confirmation link is for, without using it. */
export async function checkSubscriptionLink(db: Database, clock: Clock, token: string): Promise<Contact> {
  const subject = await checkLoginToken(db, clock, 'subscribe_confirm', token);
  return getContact(db, subject.contactId!);
}

/** Uses a confirmation link and subscribes the contact. */
export async function confirmSubscription(db: Database, clock: Clock, token: string): Promise<Contact> {
  return db.transaction().execute(async (trx) => {
    const subject = await consumeLoginToken(trx, clock, 'subscribe_confirm', token);
    const contact = await getContact(trx, subject.contactId!);
    await setContactSubscribed(trx, contact.id, true, clock.now().toISOString());
    await recordActivity(trx, clock, { type: 'member', id: contact.id, label: contact.email }, 'contact.subscribe', { type: 'contact', id: contact.id, label: contact.email });
    return getContact(trx, contact.id);
  });
}
