import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Privacy (issue 15):
// - `erased_addresses`: the addresses of erased people, kept only as a keyed hash (HMAC-SHA256
//   under the erasure key, never SECRET_KEY) of the normalised address, so an erased person is
//   never mailed again, not even after a re-import, while the address itself is gone. The
//   contact's former id is kept so the audit entry "erased contact #<id>" can be matched.
// - two more one-time link purposes: `data_export` (a member's link to download their data)
//   and `erasure_confirm` (a member's link confirming their erasure). SQLite cannot change a
//   CHECK in place, so it rebuilds `login_tokens` (nothing references it); PostgreSQL swaps
//   the constraint.

const PURPOSES = ['member_sign_in', 'staff_password', 'subscribe_confirm', 'data_export', 'erasure_confirm'];
const OLD_PURPOSES = ['member_sign_in', 'staff_password', 'subscribe_confirm'];

function purposeCheck(purposes: readonly string[]) {
  return sql.raw(`purpose in (${purposes.map((purpose) => `'${purpose}'`).join(', ')})`);
}

async function setPurposes(db: Kysely<any>, purposes: readonly string[]): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table login_tokens drop constraint login_tokens_purpose_check`.execute(db);
    await sql`alter table login_tokens add constraint login_tokens_purpose_check check (${purposeCheck(purposes)})`.execute(db);
    return;
  }
  // One transaction on the writer: the rebuild is all or nothing, and no statement is prepared
  // on another connection whose view of the schema predates the drop.
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('login_tokens_next')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('purpose', 'text', (col) => col.notNull().check(purposeCheck(purposes)))
      .addColumn('contact_id', 'integer', (col) => col.references('contacts.id').onDelete('cascade'))
      .addColumn('staff_id', 'integer', (col) => col.references('staff.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addColumn('expires_at', 'text', (col) => col.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await sql`insert into login_tokens_next (id, purpose, contact_id, staff_id, created_at, expires_at, used_at)
      select id, purpose, contact_id, staff_id, created_at, expires_at, used_at from login_tokens where ${purposeCheck(purposes)}`.execute(trx);
    await trx.schema.dropTable('login_tokens').execute();
    await trx.schema.alterTable('login_tokens_next').renameTo('login_tokens').execute();
  });
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('erased_addresses')
    .addColumn('address_hash', 'text', (col) => col.primaryKey())
    .addColumn('former_contact_id', 'integer')
    .addColumn('erased_at', 'text', (col) => col.notNull())
    .execute();
  await setPurposes(db, PURPOSES);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('login_tokens').where('purpose', 'in', ['data_export', 'erasure_confirm']).execute();
  await setPurposes(db, OLD_PURPOSES);
  await db.schema.dropTable('erased_addresses').execute();
}
