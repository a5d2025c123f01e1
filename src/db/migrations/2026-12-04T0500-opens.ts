import type { Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// The optional open pixel (issue 20, docs/engagement.md):
// - delivery_open_counts: the opens of a delivery, a number WITHOUT a contact.
// - open_guards: one row per delivery and ledger row whose pixel was loaded: `open_key` is a keyed
//   hash (HMAC under the tracking key) of the two, so a second load or a flood writes nothing
//   more. Swept with the rate limits (two days), like click_guards.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('delivery_open_counts')
    .addColumn('delivery_id', 'integer', (col) => col.primaryKey().references('deliveries.id').onDelete('cascade'))
    .addColumn('opens', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('open_guards')
    .addColumn('open_key', 'text', (col) => col.primaryKey())
    .addColumn('at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('open_guards_at_idx').on('open_guards').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('open_guards').execute();
  await db.schema.dropTable('delivery_open_counts').execute();
}
