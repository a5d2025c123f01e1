import type { Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// The optional open pixel (issue 20, docs/engagement.md): one row per delivery and ledger row
// whose pixel was loaded, WITHOUT a contact: `open_key` is a keyed hash (HMAC under the tracking
// key) of the delivery and the ledger row, so a second load (or a flood) finds its row and writes
// nothing more. The delivery's opens are the count of its rows. Deleted with its delivery.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('delivery_opens')
    .addColumn('open_key', 'text', (col) => col.primaryKey())
    .addColumn('delivery_id', 'integer', (col) => col.notNull().references('deliveries.id').onDelete('cascade'))
    .addColumn('opened_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('delivery_opens_delivery_idx').on('delivery_opens').column('delivery_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delivery_opens').execute();
}
