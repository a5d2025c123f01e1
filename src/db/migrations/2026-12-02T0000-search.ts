import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// The search index (issue 16, src/search): one row per item and language (the English original
// and each translation) with its texts for snippets and its token strings, made by the one text
// analysis of src/search/analysis.ts. The public tokens come from what the public sees, the
// member tokens from the members-only text only; a public search matches the public tokens alone.
// The full-text part is per engine, over our token strings (never the engine's own analysis):
// - SQLite: a contentless FTS5 table keyed by search_documents.id, whose tokenizer only splits
//   on spaces in effect (our tokens hold letters, digits and `_`, which unicode61 keeps together).
// - PostgreSQL: tsvectors built from the token arrays (array_to_tsvector: exact lexemes, the
//   'simple' configuration's effect without its parser), with GIN indexes.
// `topics` and `sectors` are slugs between spaces (' ai robotics ') for facets and filters.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('search_documents')
    .addColumn('id', 'integer', (col) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement()))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('issue', 'story', 'event', 'program', 'report')`))
    .addColumn('item_id', 'integer', (col) => col.notNull())
    .addColumn('language', 'text', (col) => col.notNull().check(sql`language in ('en', 'de', 'zh')`))
    .addColumn('slug', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('public_text', 'text', (col) => col.notNull())
    .addColumn('member_text', 'text', (col) => col.notNull())
    .addColumn('public_tokens', 'text', (col) => col.notNull())
    .addColumn('member_tokens', 'text', (col) => col.notNull())
    .addColumn('topics', 'text', (col) => col.notNull().defaultTo(' '))
    .addColumn('sectors', 'text', (col) => col.notNull().defaultTo(' '))
    .addColumn('year', 'integer')
    .addColumn('quarter', 'integer')
    .addColumn('published_at', 'text')
    .addColumn('indexed_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('search_documents_item_language_uq', ['kind', 'item_id', 'language'])
    .execute();
  if (postgres) {
    await sql`alter table search_documents add column public_vector tsvector not null default ''::tsvector, add column full_vector tsvector not null default ''::tsvector`.execute(db);
    await sql`create index search_documents_public_vector on search_documents using gin (public_vector)`.execute(db);
    await sql`create index search_documents_full_vector on search_documents using gin (full_vector)`.execute(db);
  } else {
    await sql`create virtual table search_fts using fts5(public_tokens, member_tokens, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 0 tokenchars '_'")`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) await sql`drop table search_fts`.execute(db);
  await db.schema.dropTable('search_documents').execute();
}
