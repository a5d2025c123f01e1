import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// The consent ledger (issue 15): proof of every consent a contact gave or withdrew, one row per
// event, never changed afterwards (only erasure anonymises a row: it clears `contact_id`, sets
// `subject_hash` and the network fields to null). `consent_wordings` holds each exact sentence
// a form showed, keyed by a digest of purpose, language and text, so a row names the wording
// version the person saw. No `on delete` for the contact: a contact with consent rows cannot be
// deleted by accident; erasure detaches the rows first.

const PURPOSES = ['newsletter', 'event_registration', 'program_registration', 'innovator_introduction', 'survey', 'engagement_tracking'];
const ACTIONS = ['requested', 'confirmed', 'withdrawn'];
const SOURCE_KINDS = ['form', 'link', 'import', 'desk', 'cli'];

function sqlIn(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(', ')})`);
}

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('consent_wordings')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('purpose', 'text', (col) => col.notNull().check(sqlIn('purpose', PURPOSES)))
    .addColumn('language', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();

  await (db.schema
    .createTable('consent_events')
    .addColumn('id', 'integer', (col) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement())) as unknown as CreateTableBuilder<string, string>)
    .addColumn('contact_id', 'integer', (col) => col.references('contacts.id'))
    .addColumn('subject_hash', 'text')
    .addColumn('purpose', 'text', (col) => col.notNull().check(sqlIn('purpose', PURPOSES)))
    .addColumn('action', 'text', (col) => col.notNull().check(sqlIn('action', ACTIONS)))
    .addColumn('occurred_at', 'text', (col) => col.notNull())
    .addColumn('source_kind', 'text', (col) => col.notNull().check(sqlIn('source_kind', SOURCE_KINDS)))
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('wording_id', 'text', (col) => col.references('consent_wordings.id'))
    .addColumn('subject_ref', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('consent_events_contact_idx').on('consent_events').columns(['contact_id', 'purpose', 'occurred_at']).execute();
  await db.schema.createIndex('consent_events_subject_hash_idx').on('consent_events').column('subject_hash').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consent_events').execute();
  await db.schema.dropTable('consent_wordings').execute();
}
