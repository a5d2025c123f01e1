import type { Database, Executor } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import type { Clock } from '../lib/clock.js';
import { checkLoginToken, consumeLoginToken, issueLoginToken } from '../auth/login-tokens.service.js';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import type { ConsentSource } from '../consent/consent.js';
import { recordConfirmationOfRequest, recordConsent } from '../consent/consent.service.js';
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
export async function requestSubscription(
  db: Database,
  clock: Clock,
  site: SiteForMail,
  input: { email: string; name: string; /** The language of the page subscribed on: a new contact's language. */ language?: Language },
  /** The form and the sentence it showed: the ledger's `requested` row, which stays after the link expires. */
  consent: ConsentSource,
): Promise<void> {
  const email = parseEmail(input.email);
  const name = input.name.trim().slice(0, 200);
  await db.transaction().execute(async (trx) => {
    let contact = await findContactByEmailKey(trx, emailKey(email));
    if (!contact) {
      const id = await insertContact(trx, { email, emailKey: emailKey(email), name, language: input.language ?? 'en', companyId: null, subscribed: false, now: clock.now().toISOString() });
      contact = await getContact(trx, id);
    }
    await recordConsent(trx, clock, { ...consent, contactId: contact.id, purpose: 'newsletter', action: 'requested' });
    const token = await issueLoginToken(trx, clock, 'subscribe_confirm', { contactId: contact.id });
    await enqueueEmail(trx, clock, subscriptionConfirmEmail, email, { name, url: `${site.url}/subscribe/confirm/${token}`, siteName: site.name }, await withFooter(trx, site, contact.language));
  });
}

/** The contact a confirmation link is for, without using it. */
export async function checkSubscriptionLink(db: Database, clock: Clock, token: string): Promise<Contact> {
  const subject = await checkLoginToken(db, clock, 'subscribe_confirm', token);
  return getContact(db, subject.contactId!);
}

/** Uses a confirmation link and subscribes the contact; the ledger's `confirmed` row names the request's wording. */
export async function confirmSubscription(db: Database, clock: Clock, token: string, consent: Pick<ConsentSource, 'network'> = {}): Promise<Contact> {
  return db.transaction().execute(async (trx) => {
    const subject = await consumeLoginToken(trx, clock, 'subscribe_confirm', token);
    const contact = await getContact(trx, subject.contactId!);
    await setContactSubscribed(trx, contact.id, true, clock.now().toISOString());
    await recordConfirmationOfRequest(trx, clock, { contactId: contact.id, purpose: 'newsletter', kind: 'link', source: '/subscribe/confirm', network: consent.network ?? null });
    await recordActivity(trx, clock, { type: 'member', id: contact.id, label: contact.email }, 'contact.subscribe', { type: 'contact', id: contact.id, label: contact.email });
    return getContact(trx, contact.id);
  });
}

/**
 * A signed-in contact agrees to the newsletter in one click (the consent prompt, a registration
 * form's box): subscribes them and records `confirmed` with the sentence shown. Their address is
 * proven by the sign-in link, so no second confirmation mail is needed.
 */
export async function giveNewsletterConsent(db: Executor, clock: Clock, contactId: number, consent: ConsentSource): Promise<Contact> {
  return inTransaction(db, async (trx) => {
    const contact = await getContact(trx, contactId);
    if (!contact.subscribed) await setContactSubscribed(trx, contact.id, true, clock.now().toISOString());
    await recordConsent(trx, clock, { ...consent, contactId: contact.id, purpose: 'newsletter', action: 'confirmed' });
    const actor: Actor = { type: 'member', id: contact.id, label: contact.email };
    await recordActivity(trx, clock, actor, 'contact.consent', { type: 'contact', id: contact.id, label: contact.email }, `newsletter (${consent.source})`);
    return getContact(trx, contact.id);
  });
}

/** What a registration form records in the consent ledger. */
export interface RegistrationConsent {
  /** The form, with the registration sentence it showed. */
  readonly form: ConsentSource;
  /** The newsletter box's consent (its sentence), or null when not ticked. */
  readonly newsletter: ConsentSource | null;
}

/**
 * Records a registration's consent rows in the caller's transaction: `confirmed` for the
 * registration's purpose (the registrant is signed in, their address proven by the sign-in link)
 * and, when the newsletter box was ticked, the newsletter consent (subscribing them).
 */
export async function recordRegistrationConsent(
  trx: Executor,
  clock: Clock,
  contactId: number,
  purpose: 'event_registration' | 'program_registration',
  subjectRef: string,
  consent: RegistrationConsent,
): Promise<void> {
  await recordConsent(trx, clock, { ...consent.form, contactId, purpose, action: 'confirmed', subjectRef });
  if (consent.newsletter) await giveNewsletterConsent(trx, clock, contactId, consent.newsletter);
}

/**
 * Records that a registration ended, in the caller's transaction: `withdrawn` for its purpose,
 * from the person's own cancel form, or from the desk (the staff member who removed it).
 */
export async function recordRegistrationWithdrawal(
  trx: Executor,
  clock: Clock,
  contactId: number,
  purpose: 'event_registration' | 'program_registration',
  subjectRef: string,
  actor: Actor,
  formPath: string,
): Promise<void> {
  const source: ConsentSource = actor.type === 'staff' ? { kind: 'desk', source: `staff ${actor.id ?? '-'} ${actor.label}` } : { kind: 'form', source: formPath };
  await recordConsent(trx, clock, { ...source, contactId, purpose, action: 'withdrawn', subjectRef });
}
