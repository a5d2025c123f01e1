import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Innovators in search (issue 16): search_documents may hold kind 'innovator' (an organisation
// profile, found while the innovators directory lists it). Its kind CHECK allowed five kinds:
// - PostgreSQL: the constraint is dropped and added again with the sixth.
// - SQLite cannot alter a CHECK: the table is rebuilt with the new one, its rows copied with
//   their ids (the FTS5 rowids of search_fts, which stays as it is), its unique constraint and
//   covering index (2026-12-02T0400-search-visibility) made again, and its AUTOINCREMENT
//   sequence kept, so no id of a removed document is handed out again; all in one transaction.

const KINDS_BEFORE = ['issue', 'story', 'event', 'program', 'report'];
const KINDS_AFTER = [...KINDS_BEFORE, 'innovator'];
const COLUMNS = ['id', 'kind', 'item_id', 'language', 'slug', 'title', 'public_text', 'member_text', 'public_tokens', 'member_tokens', 'topics', 'sectors', 'year', 'quarter', 'published_at', 'indexed_at', 'public_from'];

const kindsSql = (kinds: readonly string[]) => sql.raw(`kind in (${kinds.map((k) => `'${k}'`).join(', ')})`);

async function rebuildSqlite(db: Kysely<any>, kinds: readonly string[]): Promise<void> {
  await db.schema
    .createTable('search_documents_rebuilt')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (col) => col.notNull().check(kindsSql(kinds)))
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
    .addColumn('public_from', 'text')
    .addUniqueConstraint('search_documents_item_language_uq', ['kind', 'item_id', 'language'])
    .execute();
  const columns = sql.raw(COLUMNS.join(', '));
  await sql`insert into search_documents_rebuilt (${columns}) select ${columns} from search_documents where ${kindsSql(kinds)} order by id`.execute(db);
  const sequence = await sql<{ seq: number }>`select seq from sqlite_sequence where name = 'search_documents'`.execute(db);
  await db.schema.dropTable('search_documents').execute();
  await sql`alter table search_documents_rebuilt rename to search_documents`.execute(db);
  const seq = sequence.rows[0]?.seq;
  if (seq !== undefined) await sql`update sqlite_sequence set seq = max(seq, ${seq}) where name = 'search_documents'`.execute(db);
  await db.schema
    .createIndex('search_documents_hits')
    .on('search_documents')
    .columns(['id', 'public_from', 'kind', 'language', 'year', 'quarter', 'published_at', 'topics', 'sectors'])
    .execute();
}

async function setKinds(db: Kysely<any>, kinds: readonly string[]): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table search_documents drop constraint if exists search_documents_kind_check`.execute(db);
    await sql`alter table search_documents add constraint search_documents_kind_check check (${kindsSql(kinds)})`.execute(db);
    return;
  }
  // One transaction (SQLite's migrations run outside one), so the rebuild is all or nothing and
  // every statement sees the schema the previous one left (the driver's reader would not).
  if (db.isTransaction) await rebuildSqlite(db, kinds);
  else await db.transaction().execute((trx) => rebuildSqlite(trx, kinds));
}

export async function up(db: Kysely<any>): Promise<void> {
  await setKinds(db, KINDS_AFTER);
}

export async function down(db: Kysely<any>): Promise<void> {
  // The innovators' documents go first (and on SQLite their full-text entries).
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    await sql`delete from search_fts where rowid in (select id from search_documents where kind = 'innovator')`.execute(db);
  }
  await sql`delete from search_documents where kind = 'innovator'`.execute(db);
  await setKinds(db, KINDS_BEFORE);
}
