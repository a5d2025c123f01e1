import type { Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Private feeds (issue 16): a member contact's full-text Atom feed at /feeds/private/<token>.xml.
// One link per contact (`contact_id` is unique): creating a new one replaces the row, so the old
// token stops at once. Only the token's SHA-256 is stored (as for sessions and one-time links),
// so a leaked table opens no feed. Erasing the contact deletes the row (and the foreign key
// would too).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('private_feeds')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('contact_id', 'integer', (col) => col.notNull().unique().references('contacts.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
}
