import { checkLoginToken, consumeLoginToken, issueLoginToken } from '../auth/login-tokens.service.js';
import type { Actor } from '../activity/activity.js';
import { pathIn } from '../i18n/languages.js';
import { NotFound } from '../lib/errors.js';
import { enqueueEmail } from '../mail/email.js';
import { withFooter, type SettingsSource } from '../settings/settings.service.js';
import * as dataExportLinkEmail from './emails/data-export-link.email.js';
import * as erasureLinkEmail from './emails/erasure-link.email.js';
import { eraseAddress, normaliseAddress, type PrivacyDeps } from './erasure.service.js';
import { exportPersonalData } from './export.service.js';
import type { PersonalDataExport } from './privacy.js';
import { findContactForMail, findContactKeyById } from './privacy.queries.js';

// A member's own data requests from /account: each mails a one-time link (24 hours) to the
// contact's address, so only whoever reads that mailbox can download the data or confirm the
// erasure. The mail goes through the jobs queue in the transaction that issued the token.

/** What the request mails need about the site (its settings' seeds give the sender's footer). */
export interface RequestSite extends SettingsSource {
  readonly name: string;
  readonly url: string;
}

/** The paths of the links (each also under /de/ and /zh/). */
export const DATA_LINK_PATH = '/account/data/';
export const ERASURE_LINK_PATH = '/account/erase/';

async function mailLink(deps: PrivacyDeps, site: RequestSite, contactId: number, kind: 'data_export' | 'erasure_confirm'): Promise<void> {
  const contact = await findContactForMail(deps.db, contactId);
  if (!contact) throw new NotFound('This account no longer exists.');
  await deps.db.transaction().execute(async (trx) => {
    const token = await issueLoginToken(trx, deps.clock, kind, { contactId });
    const path = `${kind === 'data_export' ? DATA_LINK_PATH : ERASURE_LINK_PATH}${token}`;
    const props = { name: contact.name, url: `${site.url}${pathIn(contact.language, path)}`, siteName: site.name };
    await enqueueEmail(trx, deps.clock, kind === 'data_export' ? dataExportLinkEmail : erasureLinkEmail, contact.email, props, await withFooter(trx, site, contact.language));
  });
}

/** Mails the signed-in contact a one-time link to download their data. */
export function requestDataExportLink(deps: PrivacyDeps, site: RequestSite, contactId: number): Promise<void> {
  return mailLink(deps, site, contactId, 'data_export');
}

/** Mails the signed-in contact a one-time link to confirm their erasure. */
export function requestErasureLink(deps: PrivacyDeps, site: RequestSite, contactId: number): Promise<void> {
  return mailLink(deps, site, contactId, 'erasure_confirm');
}

async function addressOf(deps: PrivacyDeps, contactId: number | undefined): Promise<string> {
  const key = contactId === undefined ? null : await findContactKeyById(deps.db, contactId);
  if (!key) throw new NotFound('This account no longer exists.');
  return key;
}

/** Uses a data link once: everything stored about its contact. */
export async function exportWithLink(deps: PrivacyDeps, token: string): Promise<PersonalDataExport> {
  const subject = await consumeLoginToken(deps.db, deps.clock, 'data_export', token);
  const address = await addressOf(deps, subject.contactId);
  const actor: Actor = { type: 'member', id: subject.contactId ?? null, label: `contact #${subject.contactId}` };
  return exportPersonalData(deps.db, deps.clock, deps.erasureKey, address, actor);
}

/** Checks an erasure link without using it (the confirm page); throws `Invalid` saying why it is unusable. */
export async function checkErasureLink(deps: PrivacyDeps, token: string): Promise<void> {
  const subject = await checkLoginToken(deps.db, deps.clock, 'erasure_confirm', token);
  await addressOf(deps, subject.contactId);
}

/** Uses an erasure link once and erases its contact (their sessions go with them). */
export async function eraseWithLink(deps: PrivacyDeps, token: string): Promise<void> {
  const subject = await checkLoginToken(deps.db, deps.clock, 'erasure_confirm', token);
  const address = normaliseAddress(await addressOf(deps, subject.contactId));
  // The erasure deletes the token with the contact; using it first makes a double click fail cleanly.
  await consumeLoginToken(deps.db, deps.clock, 'erasure_confirm', token);
  await eraseAddress(deps, address, { type: 'member', id: subject.contactId ?? null, label: `contact #${subject.contactId}` });
}
