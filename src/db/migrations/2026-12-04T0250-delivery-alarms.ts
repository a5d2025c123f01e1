import type { Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Alarms and the per-domain report over time (issue 19): what the receiving servers answered,
// per delivery, receiving domain and minute (UTC, `YYYY-MM-DDTHH:MM`): messages accepted,
// deferred (a 4xx for the recipient) and failed for good. The sender adds its counts about once a
// second (several processes add to the same row); the alarms read the last minutes of it, the
// delivery's desk page draws it. Deleted with its delivery.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('delivery_domain_minutes')
    .addColumn('delivery_id', 'integer', (col) => col.notNull().references('deliveries.id').onDelete('cascade'))
    .addColumn('domain', 'text', (col) => col.notNull())
    .addColumn('minute', 'text', (col) => col.notNull())
    .addColumn('accepted', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('deferred', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (col) => col.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('delivery_domain_minutes_pk', ['delivery_id', 'domain', 'minute'])
    .execute();
  await db.schema.createIndex('delivery_domain_minutes_minute_idx').on('delivery_domain_minutes').columns(['delivery_id', 'minute']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delivery_domain_minutes').execute();
}
