import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Delivery that adapts to the receiving side (issue 19):
// - deliveries: why a delivery paused itself (`pause_reason`: `transport` is the circuit breaker,
//   which the worker probes and lifts by itself; `refused` a 5xx for our side; `start` an edition
//   that could not begin), the consecutive transport failures the breaker counts, when and how
//   often it probes, and the alarm of the current incident (raised once, cleared when it ends).
// - delivery_recipients: the receiving domain of each row (what pacing groups by) and how many
//   times its domain deferred it (4xx at RCPT TO). Rows written before keep the domain of their
//   address, filled in here.
// - send_domain_pace: the pace per receiving domain, shared by every sending process.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('deliveries')
    .addColumn('pause_reason', 'text', (col) => col.check(sql`pause_reason in ('transport', 'refused', 'start')`))
    .execute();
  await db.schema.alterTable('deliveries').addColumn('transport_failures', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('deliveries').addColumn('probe_at', 'text').execute();
  await db.schema.alterTable('deliveries').addColumn('probes', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('deliveries').addColumn('alarm', 'text').execute();
  await db.schema.alterTable('deliveries').addColumn('alarm_at', 'text').execute();

  await db.schema.alterTable('delivery_recipients').addColumn('domain', 'text', (col) => col.notNull().defaultTo('')).execute();
  await db.schema.alterTable('delivery_recipients').addColumn('deferrals', 'integer', (col) => col.notNull().defaultTo(0)).execute();
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await sql`update delivery_recipients set domain = ${postgres ? sql`split_part(email_key, '@', 2)` : sql`substr(email_key, instr(email_key, '@') + 1)`}`.execute(db);
  await db.schema.createIndex('delivery_recipients_domain_idx').on('delivery_recipients').columns(['delivery_id', 'domain', 'state']).execute();

  await db.schema
    .createTable('send_domain_pace')
    .addColumn('domain', 'text', (col) => col.primaryKey())
    .addColumn('interval_ms', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_at', 'text', (col) => col.notNull())
    .addColumn('deferrals', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('successes', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_deferral', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('send_domain_pace').execute();
  await db.schema.dropIndex('delivery_recipients_domain_idx').execute();
  await db.schema.alterTable('delivery_recipients').dropColumn('deferrals').execute();
  await db.schema.alterTable('delivery_recipients').dropColumn('domain').execute();
  for (const column of ['alarm_at', 'alarm', 'probes', 'probe_at', 'transport_failures', 'pause_reason']) await db.schema.alterTable('deliveries').dropColumn(column).execute();
}
