import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Survey reports computed from raw responses (issue 18, docs/reports.md): a report's questions
// and segment columns, findings that name a question, answer codes and a segment, and the
// respondents with their segment values and answer codes. Responses are stored one row per
// respondent, per segment value and per chosen code, so counts are plain GROUP BYs that give
// the same numbers on SQLite and PostgreSQL. Flags are 0/1 integers, JSON is text.

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
  // JSON array of segment column keys, e.g. ["industry"]; null for a counts-only report.
  await db.schema.alterTable('reports').addColumn('segment_columns', 'text').execute();
  // The last day (YYYY-MM-DD, inclusive) members answer the survey on the site; null: not collected here.
  await db.schema.alterTable('reports').addColumn('collect_until', 'text').execute();

  await withId(db, 'report_questions')
    .addColumn('report_id', 'integer', (col) => col.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    // JSON array of { code, text }.
    .addColumn('answers', 'text', (col) => col.notNull())
    .addUniqueConstraint('report_questions_key_uq', ['report_id', 'key'])
    .execute();

  await withId(db, 'response_findings')
    .addColumn('report_id', 'integer', (col) => col.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('statement', 'text', (col) => col.notNull())
    .addColumn('segment_column', 'text', (col) => col.notNull())
    .addColumn('segment_value', 'text', (col) => col.notNull())
    .addColumn('question_key', 'text', (col) => col.notNull())
    // JSON array of answer codes.
    .addColumn('answer_codes', 'text', (col) => col.notNull())
    .addColumn('members_only', 'integer', (col) => col.notNull().defaultTo(0))
    .addUniqueConstraint('response_findings_position_uq', ['report_id', 'position'])
    .execute();

  await withId(db, 'report_respondents')
    .addColumn('report_id', 'integer', (col) => col.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('respondent', 'text', (col) => col.notNull())
    .addColumn('line', 'integer', (col) => col.notNull())
    .addColumn('imported_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('report_respondents_uq', ['report_id', 'respondent'])
    .execute();

  await db.schema
    .createTable('respondent_segments')
    .addColumn('respondent_id', 'integer', (col) => col.notNull().references('report_respondents.id').onDelete('cascade'))
    .addColumn('column_key', 'text', (col) => col.notNull())
    .addColumn('value', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('respondent_segments_pk', ['respondent_id', 'column_key'])
    .execute();

  await db.schema
    .createTable('respondent_answers')
    .addColumn('respondent_id', 'integer', (col) => col.notNull().references('report_respondents.id').onDelete('cascade'))
    .addColumn('question_key', 'text', (col) => col.notNull())
    .addColumn('code', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('respondent_answers_pk', ['respondent_id', 'question_key', 'code'])
    .execute();
  await db.schema.createIndex('respondent_answers_question').on('respondent_answers').columns(['question_key', 'code']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['respondent_answers', 'respondent_segments', 'report_respondents', 'response_findings', 'report_questions']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('reports').dropColumn('collect_until').execute();
  await db.schema.alterTable('reports').dropColumn('segment_columns').execute();
}
