import type { Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// A member contact's role (job title, issue 17): edited by the contact on the account page, by
// staff on the desk's contact page and by the contacts CSV's `role` column; an innovator
// introduction's email to the innovator names it once both sides said yes. Empty when unknown.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contacts').addColumn('role', 'text', (col) => col.notNull().defaultTo('')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contacts').dropColumn('role').execute();
}
