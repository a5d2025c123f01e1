import { sql, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// A newsletter in the recipient's language (issue 14): a send compiles its edition once per
// language of its audience and stores each compiled template here before the first message
// leaves, so a resumed send sends what it started with. Each ledger row names the language its
// message is written in, taken from the contact when the audience is snapshot. Deliveries
// started before this migration keep their template on the `deliveries` row and every one of
// their rows is English (the default), as they were sent.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('delivery_templates')
    .addColumn('delivery_id', 'integer', (col) => col.notNull().references('deliveries.id').onDelete('cascade'))
    .addColumn('language', 'text', (col) => col.notNull().check(sql`language in ('en', 'de', 'zh')`))
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('html', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('delivery_templates_pk', ['delivery_id', 'language'])
    .execute();
  await db.schema
    .alterTable('delivery_recipients')
    .addColumn('language', 'text', (col) => col.notNull().defaultTo('en').check(sql`language in ('en', 'de', 'zh')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('delivery_recipients').dropColumn('language').execute();
  await db.schema.dropTable('delivery_templates').execute();
}
