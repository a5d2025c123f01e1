import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Content translations (issue 14): a German or Chinese version of an issue's, story's, event's,
// program's or report's reader-facing text. One row per item and language. The item is named by
// exactly one of five foreign keys (as `section_items` names what it shows), so deleting the
// original deletes its translations and no translation can point at nothing.
//
// `fields` is a JSON object of the translated short texts (title, headings, labels, …; which
// ones depends on the kind); `body` is the translated body in the original's format (teaser,
// the members-only line, the members-only part), '' when only the short texts are translated.
// `original_digest` is a digest of the original's translatable text when the translation was
// written, `original_updated_at` the original's updated_at then: a translation whose original's
// text no longer has that digest is older than the original.

const ITEM_COLUMNS = [
  ['issue_id', 'issues'],
  ['story_id', 'stories'],
  ['event_id', 'events'],
  ['program_id', 'programs'],
  ['report_id', 'reports'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  let table = db.schema
    .createTable('translations')
    .addColumn('id', 'integer', (col) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement())) as unknown as CreateTableBuilder<string, string>;
  for (const [column, target] of ITEM_COLUMNS) {
    table = table.addColumn(column, 'integer', (col) => col.references(`${target}.id`).onDelete('cascade'));
  }
  table = table
    .addColumn('language', 'text', (col) => col.notNull().check(sql`language in ('de', 'zh')`))
    .addColumn('fields', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('body', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('original_digest', 'text', (col) => col.notNull())
    .addColumn('original_updated_at', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addCheckConstraint(
      'translations_exactly_one_item',
      sql.raw(`(${ITEM_COLUMNS.map(([column]) => `case when ${column} is null then 0 else 1 end`).join(' + ')}) = 1`),
    );
  // NULLs are distinct in a unique constraint on both engines: each holds for its own kind only.
  for (const [column] of ITEM_COLUMNS) table = table.addUniqueConstraint(`translations_${column}_language_uq`, [column, 'language']);
  await table.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('translations').execute();
}
