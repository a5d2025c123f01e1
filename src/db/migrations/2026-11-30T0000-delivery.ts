import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Delivery: deliveries, the recipient ledger, delivery events, suppressions and durable jobs (issue 4).
// Same conventions as the people migration: ISO-8601 UTC text timestamps, 0/1 flags, `*_key`
// columns holding lower-cased addresses. src/delivery/README.md explains the states.

type Table = CreateTableBuilder<string, never>;

function withId(db: Kysely<any>, name: string): Table {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return db.schema
    .createTable(name)
    .addColumn('id', 'integer', (col) =>
      postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement(),
    ) as unknown as Table;
}

export async function up(db: Kysely<any>): Promise<void> {
  // One send of one issue edition (or a test send to chosen addresses). The compiled edition is
  // kept on the row, so a resumed send sends exactly what it started with.
  await withId(db, 'deliveries')
    .addColumn('issue_id', 'integer', (col) => col.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('edition', 'text', (col) => col.notNull().check(sqlIn('edition', ['full', 'teaser'])))
    .addColumn('kind', 'text', (col) => col.notNull().check(sqlIn('kind', ['send', 'test'])))
    .addColumn('status', 'text', (col) => col.notNull().check(sqlIn('status', ['scheduled', 'sending', 'paused', 'cancelled', 'done'])))
    .addColumn('scheduled_at', 'text')
    .addColumn('subject', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('html', 'text')
    .addColumn('text', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    // Why the delivery stopped by itself (paused by the sender or the worker), shown on the desk.
    .addColumn('problem', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('deliveries_issue_idx').on('deliveries').column('issue_id').execute();
  // One real send per issue × edition that is not cancelled: two desk submits racing (PostgreSQL,
  // READ COMMITTED) cannot both insert one.
  await db.schema
    .createIndex('deliveries_one_send_uq')
    .on('deliveries')
    .columns(['issue_id', 'edition'])
    .unique()
    .where(sql.ref('kind'), '=', 'send')
    .where(sql.ref('status'), '<>', 'cancelled')
    .execute();
  await db.schema.createIndex('deliveries_status_idx').on('deliveries').columns(['status', 'scheduled_at']).execute();

  // The ledger: one row per delivery × address, written before anything is sent.
  await withId(db, 'delivery_recipients')
    .addColumn('delivery_id', 'integer', (col) => col.notNull().references('deliveries.id').onDelete('cascade'))
    .addColumn('contact_id', 'integer', (col) => col.references('contacts.id').onDelete('set null'))
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('email_key', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('state', 'text', (col) => col.notNull().check(sqlIn('state', ['queued', 'sending', 'sent', 'failed', 'bounced', 'skipped'])))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('reclaims', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (col) => col.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text', (col) => col.notNull())
    .addColumn('verp_token', 'text', (col) => col.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('delivery_recipients_address_uq', ['delivery_id', 'email_key'])
    .execute();
  await db.schema.createIndex('delivery_recipients_claim_idx').on('delivery_recipients').columns(['delivery_id', 'state', 'next_attempt_at']).execute();
  await db.schema.createIndex('delivery_recipients_verp_idx').on('delivery_recipients').column('verp_token').unique().execute();
  await db.schema.createIndex('delivery_recipients_message_idx').on('delivery_recipients').column('message_id').execute();

  // What happened after sending: bounce, complaint, unsubscribe (and failures for the chart).
  await withId(db, 'delivery_events')
    .addColumn('delivery_id', 'integer', (col) => col.references('deliveries.id').onDelete('cascade'))
    .addColumn('recipient_id', 'integer', (col) => col.references('delivery_recipients.id').onDelete('cascade'))
    .addColumn('contact_id', 'integer', (col) => col.references('contacts.id').onDelete('set null'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sqlIn('kind', ['bounce', 'complaint', 'unsubscribe'])))
    .addColumn('detail', 'text')
    .addColumn('at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('delivery_events_delivery_idx').on('delivery_events').columns(['delivery_id', 'kind']).execute();

  // Addresses never sent to again (hard bounces, complaints, manual entries).
  await db.schema
    .createTable('suppressions')
    .addColumn('email_key', 'text', (col) => col.primaryKey())
    .addColumn('reason', 'text', (col) => col.notNull().check(sqlIn('reason', ['hard_bounce', 'complaint', 'manual'])))
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();

  // Durable work with leases, run by `insights worker`.
  await withId(db, 'jobs')
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull().check(sqlIn('state', ['queued', 'running', 'done', 'failed'])))
    .addColumn('run_at', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['state', 'run_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['jobs', 'suppressions', 'delivery_events', 'delivery_recipients', 'deliveries']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

/** A CHECK that a text column holds one of a few literal values. */
function sqlIn(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(', ')})`);
}
