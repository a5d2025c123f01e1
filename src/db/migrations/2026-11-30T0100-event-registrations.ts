import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Event registration: per-event settings (questions, waitlist, the call for speakers),
// registrations with their waitlist, and submissions to calls for speakers and partners
// (issue 5). Same conventions as the people migration: ISO-8601 UTC text timestamps, 0/1
// flags, JSON as text.

type Table = CreateTableBuilder<string, never>;

function withId(db: Kysely<any>, name: string): Table {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return db.schema
    .createTable(name)
    .addColumn('id', 'integer', (col) =>
      postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement(),
    ) as unknown as Table;
}

function sqlIn(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(', ')})`);
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('event_settings')
    .addColumn('event_id', 'integer', (col) => col.primaryKey().references('events.id').onDelete('cascade'))
    // JSON array of { id, label, kind: 'text' | 'choice', choices: string[], required: boolean }.
    .addColumn('questions', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('waitlist', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('call_kinds', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('call_closes_at', 'text')
    .addColumn('call_intro', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await withId(db, 'event_registrations')
    .addColumn('event_id', 'integer', (col) => col.notNull().references('events.id').onDelete('cascade'))
    .addColumn('contact_id', 'integer', (col) => col.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('status', 'text', (col) => col.notNull().check(sqlIn('status', ['confirmed', 'waitlisted', 'cancelled'])))
    .addColumn('answers', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('registered_at', 'text', (col) => col.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('checked_in_at', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('event_registrations_contact_uq', ['event_id', 'contact_id'])
    .execute();
  await db.schema.createIndex('event_registrations_status_idx').on('event_registrations').columns(['event_id', 'status', 'registered_at']).execute();

  await withId(db, 'event_submissions')
    .addColumn('event_id', 'integer', (col) => col.notNull().references('events.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sqlIn('kind', ['speaker', 'partner'])))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('organisation', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('summary', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().check(sqlIn('status', ['submitted', 'accepted', 'rejected', 'withdrawn'])))
    .addColumn('review_notes', 'text', (col) => col.notNull().defaultTo(''))
    // Hash of the secret link that lets the submitter withdraw.
    .addColumn('withdraw_key', 'text', (col) => col.notNull().unique())
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('event_submissions_event_idx').on('event_submissions').columns(['event_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['event_submissions', 'event_registrations', 'event_settings']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
