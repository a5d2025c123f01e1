import type { Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Erasure (issue 15): the addresses of erased people, kept only as a keyed hash (HMAC-SHA256
// under the erasure key, never SECRET_KEY) of the normalised address, so an erased person is
// never mailed again, not even after a re-import, while the address itself is gone. The
// contact's former id is kept so the audit entry "erased contact #<id>" can be matched.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('erased_addresses')
    .addColumn('address_hash', 'text', (col) => col.primaryKey())
    .addColumn('former_contact_id', 'integer')
    .addColumn('erased_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('erased_addresses').execute();
}
