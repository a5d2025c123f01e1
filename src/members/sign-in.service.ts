import { z } from 'zod';
import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Invalid, NotFound } from '../lib/errors.js';
import { consumeLoginToken, issueLoginToken } from '../auth/login-tokens.service.js';
import { enforceRateLimit, hitRateLimit, LIMITS } from '../auth/rate-limits.service.js';
import { startSession } from '../auth/sessions.service.js';
import { recordActivity } from '../activity/activity.service.js';
import { enqueueEmail } from '../mail/email.js';
import { withFooter } from '../settings/settings.service.js';
import * as signInLinkEmail from './emails/sign-in-link.email.js';
import { findContactByEmail, getContact } from './contacts.service.js';
import { emailKey, type Contact } from './members.js';
import { pathIn, type Language } from '../i18n/languages.js';
import { checkReturnPath } from '../auth/return-path.js';

/** What sign-in mail needs to know about the site. */
export interface SiteForMail {
  readonly name: string;
  readonly url: string;
}

const address = z.string().trim().email().max(254);

/** Parses an address typed into a form; throws `Invalid` on the `email` field. */
export function parseEmail(value: string): string {
  const parsed = address.safeParse(value);
  if (!parsed.success) throw new Invalid('Enter your email address, like name@company.com.', [{ where: 'email', message: 'enter a valid email address' }]);
  return parsed.data;
}

/** The sign-in link of a token, on the site's version in the contact's language; `next` (a checked return path, auth/return-path.ts) rides along. */
export function signInUrl(site: SiteForMail, token: string, language: Language, next?: string): string {
  const back = next === undefined ? undefined : checkReturnPath(next);
  return `${site.url}${pathIn(language, `/login/${token}`)}${back ? `?next=${encodeURIComponent(back)}` : ''}`;
}

/**
 * Sends a sign-in link when the address belongs to a contact. The caller answers the same way
 * whether or not it does; only the per-client limit is visible (it says nothing about accounts).
 * `rateKeys` are keyed hashes (lib/request-security.ts) of the client's network and of the
 * address: rate-limit rows hold neither an IP address nor an email address.
 */
export async function requestSignInLink(db: Database, clock: Clock, site: SiteForMail, email: string, rateKeys: { readonly network: string; readonly address: (email: string) => string }, next?: string): Promise<void> {
  const valid = parseEmail(email);
  await enforceRateLimit(db, clock, `sign-in-link:net:${rateKeys.network}`, LIMITS.signInLinkPerIp);
  const perAddress = await hitRateLimit(db, clock, `sign-in-link:email:${rateKeys.address(valid)}`, LIMITS.signInLinkPerAddress);
  if (!perAddress.allowed) return;
  const contact = await findContactByEmail(db, valid);
  if (!contact) return;
  await db.transaction().execute(async (trx) => {
    const token = await issueLoginToken(trx, clock, 'member_sign_in', { contactId: contact.id });
    await enqueueEmail(trx, clock, signInLinkEmail, contact.email, { name: contact.name, url: signInUrl(site, token, contact.language, next), siteName: site.name }, await withFooter(trx, site, contact.language));
  });
}

/** A sign-in link for support staff to pass on (the `insights login-link` command). */
export async function createSignInLink(db: Database, clock: Clock, site: SiteForMail, email: string): Promise<{ contact: Contact; url: string }> {
  const contact = await findContactByEmail(db, parseEmail(email));
  if (!contact) throw new NotFound(`No contact has the address ${email}. Add them first (insights import contacts, or the desk).`);
  const token = await issueLoginToken(db, clock, 'member_sign_in', { contactId: contact.id });
  return { contact, url: signInUrl(site, token, contact.language) };
}

/** Uses a sign-in link once and starts a member session; returns the cookie token. */
export async function confirmSignIn(db: Database, clock: Clock, token: string): Promise<{ contact: Contact; sessionToken: string }> {
  return db.transaction().execute(async (trx) => {
    const subject = await consumeLoginToken(trx, clock, 'member_sign_in', token);
    const contact = await getContact(trx, subject.contactId!);
    const sessionToken = await startSession(trx, clock, { kind: 'member', contactId: contact.id });
    await recordActivity(trx, clock, { type: 'member', id: contact.id, label: contact.email }, 'contact.sign_in', { type: 'contact', id: contact.id, label: contact.email });
    return { contact, sessionToken };
  });
}
