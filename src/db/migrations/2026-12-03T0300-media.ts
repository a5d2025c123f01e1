import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Images (issue 21): one row per uploaded image. `hash` names its files under MEDIA_DIR
// (`<hash>-<width>.<ext>` for each width in `widths`, served immutable; `<hash>.<ext>` the
// EXIF-free master, never served, which the content folder carries). Alt text is required;
// caption and credit are optional. Stories and issues get a lead image (a media hash).

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('media')
    .addColumn('id', 'integer', (col) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement()))
    .addColumn('hash', 'text', (col) => col.notNull().unique())
    .addColumn('ext', 'text', (col) => col.notNull().check(sql`ext in ('jpg', 'png')`))
    .addColumn('width', 'integer', (col) => col.notNull())
    .addColumn('height', 'integer', (col) => col.notNull())
    .addColumn('widths', 'text', (col) => col.notNull())
    .addColumn('bytes', 'integer', (col) => col.notNull())
    .addColumn('alt', 'text', (col) => col.notNull())
    .addColumn('caption', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('credit', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.alterTable('stories').addColumn('lead_media', 'text').execute();
  await db.schema.alterTable('issues').addColumn('lead_media', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('issues').dropColumn('lead_media').execute();
  await db.schema.alterTable('stories').dropColumn('lead_media').execute();
  await db.schema.dropTable('media').execute();
}
