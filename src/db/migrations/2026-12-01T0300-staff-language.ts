import { sql, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// The desk in the staff member's language (issue 14): each account chooses English, German or
// Chinese for the desk and for the mail it gets (invitations, password links). Accounts made
// before this migration read the desk in English, as they did.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('staff')
    .addColumn('language', 'text', (col) => col.notNull().defaultTo('en').check(sql`language in ('en', 'de', 'zh')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff').dropColumn('language').execute();
}
