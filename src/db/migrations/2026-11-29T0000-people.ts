import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
// People and access: member companies and contacts, staff, sessions, one-time tokens, rate
// counters and the activity log. Same conventions as the content migration: ISO-8601 UTC text
// timestamps, 0/1 flags, and `*_key` columns holding the lower-cased form that uniqueness uses.

type Table = CreateTableBuilder<string, never>;

function withId(db: Kysely<any>, name: string): Table {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return db.schema
    .createTable(name)
    .addColumn('id', 'integer', (col) =>
      postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement(),
    ) as unknown as Table;
}

function withTimestamps(table: Table): Table {
  return table
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull());
}

export async function up(db: Kysely<any>): Promise<void> {
  await withTimestamps(
    withId(db, 'companies')
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('name_key', 'text', (col) => col.notNull().unique())
      .addColumn('industry', 'text')
      .addColumn('membership', 'text', (col) => col.notNull().check(sqlIn('membership', ['active', 'lapsed']))),
  ).execute();

  await withTimestamps(
    withId(db, 'contacts')
      .addColumn('email', 'text', (col) => col.notNull())
      .addColumn('email_key', 'text', (col) => col.notNull().unique())
      .addColumn('name', 'text', (col) => col.notNull().defaultTo(''))
      .addColumn('language', 'text', (col) => col.notNull().defaultTo('en'))
      .addColumn('company_id', 'integer', (col) => col.references('companies.id').onDelete('set null'))
      .addColumn('subscribed', 'integer', (col) => col.notNull().defaultTo(1))
      .addColumn('subscription_changed_at', 'text'),
  ).execute();
  await db.schema.createIndex('contacts_company_idx').on('contacts').column('company_id').execute();

  await db.schema
    .createTable('contact_topics')
    .addColumn('contact_id', 'integer', (col) => col.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('topic_id', 'integer', (col) => col.notNull().references('topics.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('contact_topics_pk', ['contact_id', 'topic_id'])
    .execute();

  await withTimestamps(
    withId(db, 'staff')
      .addColumn('email', 'text', (col) => col.notNull())
      .addColumn('email_key', 'text', (col) => col.notNull().unique())
      .addColumn('name', 'text', (col) => col.notNull().defaultTo(''))
      .addColumn('role', 'text', (col) => col.notNull().check(sqlIn('role', ['owner', 'admin', 'editor', 'contributor'])))
      .addColumn('password_hash', 'text')
      .addColumn('failed_attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
      .addColumn('last_sign_in_at', 'text'),
  ).execute();

  // The id is the SHA-256 of the cookie's token, so a leaked table grants no session.
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull().check(sqlIn('kind', ['member', 'staff'])))
    .addColumn('contact_id', 'integer', (col) => col.references('contacts.id').onDelete('cascade'))
    .addColumn('staff_id', 'integer', (col) => col.references('staff.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

  // One-time tokens (magic sign-in links, set-password links), stored as SHA-256 hashes.
  await db.schema
    .createTable('login_tokens')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('purpose', 'text', (col) => col.notNull().check(sqlIn('purpose', ['member_sign_in', 'staff_password', 'subscribe_confirm'])))
    .addColumn('contact_id', 'integer', (col) => col.references('contacts.id').onDelete('cascade'))
    .addColumn('staff_id', 'integer', (col) => col.references('staff.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .execute();

  // Fixed-window counters, shared by every web process (sign-in and public-form limits).
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('window_start', 'text', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .execute();

  await withId(db, 'activity')
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('actor_type', 'text', (col) => col.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_label', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('subject_type', 'text', (col) => col.notNull())
    .addColumn('subject_id', 'integer')
    .addColumn('subject_label', 'text', (col) => col.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('activity_at_idx').on('activity').column('at').execute();
}

/** A CHECK that a text column holds one of a few literal values. */
function sqlIn(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(', ')})`);
}
