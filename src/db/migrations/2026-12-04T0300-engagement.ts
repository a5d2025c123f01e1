import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Engagement (issue 20): first-party click counting through `/r/<token>`.
// - engagement_keys: the key click tokens are signed with when TRACKING_KEY is not set,
//   generated once (kept apart from SECRET_KEY).
// - delivery_links: the links of a delivery's compiled edition, numbered once per language;
//   a token names (delivery, ledger row, index) and its row here says where it goes.
// - link_clicks: clicks per link and delivery WITHOUT a contact: human, or machine with why
//   (head, early, burst, scanner).
// - contact_clicks: clicks of contacts who gave the consent purpose `engagement_tracking`.
// - click_guards: keyed hashes of (client address, token) for the dedupe window and burst
//   detection; never the address itself; swept after a day.
// - contact_opens: the optional open pixel, for consenting contacts only.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (col: any) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement());
  await db.schema
    .createTable('engagement_keys')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('secret', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('delivery_links')
    .addColumn('delivery_id', 'integer', (col) => col.notNull().references('deliveries.id').onDelete('cascade'))
    .addColumn('language', 'text', (col) => col.notNull())
    .addColumn('link_index', 'integer', (col) => col.notNull())
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('item_kind', 'text', (col) => col.check(sql`item_kind in ('story', 'event', 'program', 'report')`))
    .addColumn('item_slug', 'text')
    .addColumn('label', 'text', (col) => col.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('delivery_links_pk', ['delivery_id', 'language', 'link_index'])
    .execute();

  await db.schema
    .createTable('link_clicks')
    .addColumn('id', 'integer', id)
    .addColumn('delivery_id', 'integer', (col) => col.notNull().references('deliveries.id').onDelete('cascade'))
    .addColumn('language', 'text', (col) => col.notNull())
    .addColumn('link_index', 'integer', (col) => col.notNull())
    .addColumn('clicked_at', 'text', (col) => col.notNull())
    .addColumn('human', 'integer', (col) => col.notNull())
    .addColumn('machine_reason', 'text', (col) => col.check(sql`machine_reason in ('head', 'early', 'burst', 'scanner')`))
    .execute();
  await db.schema.createIndex('link_clicks_delivery_idx').on('link_clicks').columns(['delivery_id', 'human', 'clicked_at']).execute();

  await db.schema
    .createTable('contact_clicks')
    .addColumn('id', 'integer', id)
    .addColumn('contact_id', 'integer', (col) => col.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('delivery_id', 'integer', (col) => col.notNull().references('deliveries.id').onDelete('cascade'))
    .addColumn('language', 'text', (col) => col.notNull())
    .addColumn('link_index', 'integer', (col) => col.notNull())
    .addColumn('clicked_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('contact_clicks_contact_idx').on('contact_clicks').columns(['contact_id', 'clicked_at']).execute();

  await db.schema
    .createTable('click_guards')
    .addColumn('guard_key', 'text', (col) => col.primaryKey())
    .addColumn('source_hash', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull())
    .addColumn('click_id', 'integer')
    .addColumn('contact_click_id', 'integer')
    .addColumn('at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('click_guards_source_idx').on('click_guards').columns(['source_hash', 'at']).execute();
  await db.schema.createIndex('click_guards_token_idx').on('click_guards').columns(['token_hash', 'at']).execute();

  await db.schema
    .createTable('contact_opens')
    .addColumn('id', 'integer', id)
    .addColumn('contact_id', 'integer', (col) => col.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('delivery_id', 'integer', (col) => col.notNull().references('deliveries.id').onDelete('cascade'))
    .addColumn('opened_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('contact_opens_uq').on('contact_opens').columns(['contact_id', 'delivery_id']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['contact_opens', 'click_guards', 'contact_clicks', 'link_clicks', 'delivery_links', 'engagement_keys']) await db.schema.dropTable(table).execute();
}
