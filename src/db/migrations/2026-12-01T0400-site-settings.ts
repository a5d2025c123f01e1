import type { Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Site settings (issue 15): the organisation behind the site (name, postal address, contact),
// the imprint and privacy texts in each language, the tracking and consent-network-log switches
// and the retention ages. One row per setting that the desk (or the content folder) saved; a
// setting without a row takes its value from the environment (or its default), so later issues
// add settings without a migration.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site_settings')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('site_settings').execute();
}
