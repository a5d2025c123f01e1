import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Programs: role registrations with their answers, the organiser's weights, pins and forbidden
// pairs, matching runs (drafts and published) with their pairs and unmatched people, and the
// contact inquiries (issue 6). Same conventions as the people migration: ISO-8601 UTC text
// timestamps, 0/1 flags; lists of short keys are stored as `;`-separated text.

type Table = CreateTableBuilder<string, never>;

function withId(db: Kysely<any>, name: string): Table {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return db.schema
    .createTable(name)
    .addColumn('id', 'integer', (col) =>
      postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement(),
    ) as unknown as Table;
}

/** A CHECK that a text column holds one of a few literal values. */
function sqlIn(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(', ')})`);
}

export async function up(db: Kysely<any>): Promise<void> {
  // One registration per contact and program. Name, email and company are copied from the
  // contact when they register, so the roster stays what people signed up with.
  await withId(db, 'program_registrations')
    .addColumn('program_id', 'integer', (col) => col.notNull().references('programs.id').onDelete('cascade'))
    .addColumn('contact_id', 'integer', (col) => col.references('contacts.id').onDelete('set null'))
    .addColumn('role', 'text', (col) => col.notNull().check(sqlIn('role', ['mentor', 'mentee', 'participant'])))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('email_key', 'text', (col) => col.notNull())
    .addColumn('company', 'text')
    .addColumn('company_key', 'text')
    .addColumn('areas', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('sector', 'text')
    .addColumn('goals', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('languages', 'text', (col) => col.notNull())
    .addColumn('city', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('availability', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('capacity', 'integer')
    .addColumn('not_own_company', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('sample', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('program_registrations_person_uq', ['program_id', 'email_key'])
    .execute();

  await db.schema
    .createTable('program_match_weights')
    .addColumn('program_id', 'integer', (col) => col.primaryKey().references('programs.id').onDelete('cascade'))
    .addColumn('expertise', 'integer', (col) => col.notNull())
    .addColumn('sector', 'integer', (col) => col.notNull())
    .addColumn('location', 'integer', (col) => col.notNull())
    .addColumn('availability', 'integer', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await withId(db, 'program_pair_rules')
    .addColumn('program_id', 'integer', (col) => col.notNull().references('programs.id').onDelete('cascade'))
    .addColumn('mentor_id', 'integer', (col) => col.notNull().references('program_registrations.id').onDelete('cascade'))
    .addColumn('mentee_id', 'integer', (col) => col.notNull().references('program_registrations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull().check(sqlIn('kind', ['pin', 'forbid'])))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('program_pair_rules_pair_uq', ['mentor_id', 'mentee_id'])
    .execute();

  await withId(db, 'match_runs')
    .addColumn('program_id', 'integer', (col) => col.notNull().references('programs.id').onDelete('cascade'))
    .addColumn('status', 'text', (col) => col.notNull().check(sqlIn('status', ['draft', 'published', 'superseded'])))
    .addColumn('weights', 'text', (col) => col.notNull())
    .addColumn('total_points', 'integer', (col) => col.notNull())
    .addColumn('greedy_points', 'integer', (col) => col.notNull())
    .addColumn('skipped_pins', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('published_at', 'text')
    // A digest of the registrations and pair rules the draft was made from; publishing refuses
    // when they differ now (someone changed answers, or a rule was added or removed).
    .addColumn('inputs_digest', 'text', (col) => col.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('match_runs_program_idx').on('match_runs').columns(['program_id', 'status']).execute();

  await db.schema
    .createTable('match_pairs')
    .addColumn('run_id', 'integer', (col) => col.notNull().references('match_runs.id').onDelete('cascade'))
    .addColumn('mentor_id', 'integer', (col) => col.notNull().references('program_registrations.id').onDelete('cascade'))
    .addColumn('mentee_id', 'integer', (col) => col.notNull().references('program_registrations.id').onDelete('cascade'))
    .addColumn('pinned', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('points', 'integer', (col) => col.notNull())
    .addColumn('breakdown', 'text', (col) => col.notNull())
    .addColumn('introduced_at', 'text')
    .addPrimaryKeyConstraint('match_pairs_pk', ['run_id', 'mentee_id'])
    .execute();

  // One row per introduction email (mentor side, mentee side) of a pair, across every run of
  // the program: inserting the row claims the email, so two publications never both send it.
  await db.schema
    .createTable('match_introductions')
    .addColumn('mentor_id', 'integer', (col) => col.notNull().references('program_registrations.id').onDelete('cascade'))
    .addColumn('mentee_id', 'integer', (col) => col.notNull().references('program_registrations.id').onDelete('cascade'))
    .addColumn('side', 'text', (col) => col.notNull().check(sqlIn('side', ['mentor', 'mentee'])))
    .addColumn('run_id', 'integer', (col) => col.notNull())
    .addColumn('claimed_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('match_introductions_pk', ['mentor_id', 'mentee_id', 'side'])
    .execute();

  await db.schema
    .createTable('match_unmatched')
    .addColumn('run_id', 'integer', (col) => col.notNull().references('match_runs.id').onDelete('cascade'))
    .addColumn('registration_id', 'integer', (col) => col.notNull().references('program_registrations.id').onDelete('cascade'))
    .addColumn('reason', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('match_unmatched_pk', ['run_id', 'registration_id'])
    .execute();

  await withId(db, 'inquiries')
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('company', 'text')
    .addColumn('topic', 'text', (col) => col.notNull())
    .addColumn('message', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().check(sqlIn('status', ['new', 'answered', 'closed'])))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('inquiries_status_idx').on('inquiries').columns(['status', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['inquiries', 'match_unmatched', 'match_introductions', 'match_pairs', 'match_runs', 'program_pair_rules', 'program_match_weights', 'program_registrations']) {
    await db.schema.dropTable(table).execute();
  }
}
