import type { Executor } from '../db/database.js';

// SQL of the private feed links (one row per contact; the token only as its hash).

/** The contact whose feed link has this token hash, or undefined. */
export async function findContactIdOfFeedToken(db: Executor, tokenHash: string): Promise<number | undefined> {
  const row = await db.selectFrom('private_feeds').select('contact_id').where('token_hash', '=', tokenHash).executeTakeFirst();
  return row?.contact_id;
}

/** The contact's feed link row (without its hash), or undefined. */
export async function findFeedLinkOfContact(db: Executor, contactId: number): Promise<{ createdAt: string } | undefined> {
  const row = await db.selectFrom('private_feeds').select('created_at').where('contact_id', '=', contactId).executeTakeFirst();
  return row && { createdAt: row.created_at };
}

/** Removes the contact's feed link; true when there was one. */
export async function deleteFeedLinkOfContact(db: Executor, contactId: number): Promise<boolean> {
  const result = await db.deleteFrom('private_feeds').where('contact_id', '=', contactId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Stores a new feed link (the caller removed the old one in the same transaction). */
export async function insertFeedLink(db: Executor, row: { tokenHash: string; contactId: number; createdAt: string }): Promise<void> {
  await db.insertInto('private_feeds').values({ token_hash: row.tokenHash, contact_id: row.contactId, created_at: row.createdAt }).execute();
}
