import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Audiences and engagement, the recipient side (issue 20):
// - segments: saved filters over contacts (src/audiences/). Deleting one hides it (`deleted_at`)
//   so the deliveries sent to it keep naming it; a slug is unique among the ones not deleted.
// - deliveries: the segment a send went to (null: the whole edition) and the IANA zone its time
//   was chosen in (shown back in it). One open send per issue × edition × segment now (the old
//   index allowed one per issue × edition).
// - delivery_recipients.edition_claim: `<issue>:<edition>:<contact>` on every row of a real send
//   that names a contact, unique: the ledger itself keeps a contact from getting an edition twice
//   across deliveries (one per segment). A cancel releases the claims of rows never handed to the
//   server. Rows written before get their claim here (rows of live sends, and rows of cancelled
//   sends that reached the person).

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('segments')
    .addColumn('id', 'integer', (col) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement()))
    .addColumn('slug', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('filter', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('segments_slug_uq').on('segments').column('slug').unique().where(sql.ref('deleted_at'), 'is', null).execute();

  await db.schema.alterTable('deliveries').addColumn('segment_id', 'integer', (col) => col.references('segments.id')).execute();
  await db.schema.alterTable('deliveries').addColumn('schedule_zone', 'text').execute();
  await db.schema.dropIndex('deliveries_one_send_uq').execute();
  await sql`create unique index deliveries_one_send_segment_uq on deliveries (issue_id, edition, coalesce(segment_id, 0)) where kind = 'send' and status <> 'cancelled'`.execute(db);

  await db.schema.alterTable('delivery_recipients').addColumn('edition_claim', 'text').execute();
  await sql`
    update delivery_recipients set edition_claim = (
      select cast(deliveries.issue_id as text) || ':' || deliveries.edition || ':' || cast(delivery_recipients.contact_id as text)
      from deliveries where deliveries.id = delivery_recipients.delivery_id
    )
    where contact_id is not null
      and delivery_id in (select id from deliveries where kind = 'send')
      and (state in ('sent', 'bounced', 'sending') or delivery_id in (select id from deliveries where status <> 'cancelled'))
  `.execute(db);
  await db.schema.createIndex('delivery_recipients_edition_claim_uq').on('delivery_recipients').column('edition_claim').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('delivery_recipients_edition_claim_uq').execute();
  await db.schema.alterTable('delivery_recipients').dropColumn('edition_claim').execute();
  await db.schema.dropIndex('deliveries_one_send_segment_uq').execute();
  await db.schema.alterTable('deliveries').dropColumn('schedule_zone').execute();
  await db.schema.alterTable('deliveries').dropColumn('segment_id').execute();
  await db.schema
    .createIndex('deliveries_one_send_uq')
    .on('deliveries')
    .columns(['issue_id', 'edition'])
    .unique()
    .where(sql.ref('kind'), '=', 'send')
    .where(sql.ref('status'), '<>', 'cancelled')
    .execute();
  await db.schema.dropTable('segments').execute();
}
