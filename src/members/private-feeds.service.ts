import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import type { Executor } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import type { Clock } from '../lib/clock.js';
import { Forbidden } from '../lib/errors.js';
import { hashToken, newToken } from '../lib/tokens.js';
import { getContact } from './contacts.service.js';
import { findContactById } from './contacts.queries.js';
import { isMember, type Contact } from './members.js';
import type { PrivateFeedAccess, PrivateFeedLink, PrivateFeedReader } from './private-feeds.js';
import { deleteFeedLinkOfContact, findContactIdOfFeedToken, findFeedLinkOfContact, insertFeedLink } from './private-feeds.queries.js';

// A member's private full-text feed link (docs/feeds.md). Tokens are made and stored as sessions
// and one-time links are (lib/tokens.ts: 256 random bits, only the SHA-256 kept). Whether the
// link opens the feed is decided on every request, so a lapsed company stops it at once, and it
// works again when the membership is restored. Unsubscribing from the email does not stop it:
// a member who would rather read the feed than the email keeps it.

/** Whether `contact` may have and read a private feed: a contact of an active member company. */
export function privateFeedAccessOf(contact: Pick<Contact, 'company'>): PrivateFeedAccess {
  return isMember(contact) ? 'yes' : 'not-member';
}

function mayReadPrivateFeed(contact: Pick<Contact, 'company'>): boolean {
  return privateFeedAccessOf(contact) === 'yes';
}

/** The contact's feed link (that it exists and since when), or null. */
export async function privateFeedLinkOf(db: Executor, contactId: number): Promise<PrivateFeedLink | null> {
  return (await findFeedLinkOfContact(db, contactId)) ?? null;
}

/**
 * Makes the contact a new feed link and returns its token, to be shown once, and whether it
 * replaced an earlier link: that one is removed in the same transaction, so its token stops at
 * once (rotation). Throws `Forbidden` for a contact who may not read the feed.
 */
export async function createPrivateFeedLink(db: Executor, clock: Clock, contactId: number, actor: Actor): Promise<{ token: string; replaced: boolean }> {
  return inTransaction(db, async (trx) => {
    const contact = await getContact(trx, contactId);
    if (!mayReadPrivateFeed(contact)) throw new Forbidden('The private feed is for contacts of member companies.');
    const token = newToken();
    const replaced = await deleteFeedLinkOfContact(trx, contactId);
    await insertFeedLink(trx, { tokenHash: hashToken(token), contactId, createdAt: clock.now().toISOString() });
    await recordActivity(trx, clock, actor, 'contact.private_feed', { type: 'contact', id: contactId, label: contact.email }, replaced ? 'rotated' : 'created');
    return { token, replaced };
  });
}

/** Removes the contact's feed link; its token stops at once. Nothing happens when there is none. */
export async function revokePrivateFeedLink(db: Executor, clock: Clock, contactId: number, actor: Actor): Promise<void> {
  await inTransaction(db, async (trx) => {
    const contact = await getContact(trx, contactId);
    if (await deleteFeedLinkOfContact(trx, contactId)) await recordActivity(trx, clock, actor, 'contact.private_feed', { type: 'contact', id: contactId, label: contact.email }, 'revoked');
  });
}

/**
 * The contact a feed token opens the full text for, or undefined: for a token of the wrong shape,
 * an unknown, rotated or revoked one, an erased contact (their link is gone with them) or a lapsed
 * company alike, so the answer tells nothing about why.
 */
export async function privateFeedReader(db: Executor, token: string): Promise<PrivateFeedReader | undefined> {
  if (token.length < 20 || token.length > 100) return undefined;
  const contactId = await findContactIdOfFeedToken(db, hashToken(token));
  if (contactId === undefined) return undefined;
  const contact = await findContactById(db, contactId);
  if (!contact || !mayReadPrivateFeed(contact)) return undefined;
  const { topics: _topics, ...identity } = contact;
  return identity;
}
