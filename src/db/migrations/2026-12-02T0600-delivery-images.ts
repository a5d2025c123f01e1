import { sql, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Findings' charts in the newsletter (issue 18): a compiled edition's HTML shows each chart as
// `<img src="cid:…">` and every message of the edition carries the PNG with that Content-ID.
// The PNGs are rendered when the edition is compiled (once per delivery and language) and kept
// here beside the template, so a resumed send attaches what it started with. `content` is the
// PNG in base64 (text: the same on SQLite and PostgreSQL).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('delivery_images')
    .addColumn('delivery_id', 'integer', (col) => col.notNull().references('deliveries.id').onDelete('cascade'))
    .addColumn('language', 'text', (col) => col.notNull().check(sql`language in ('en', 'de', 'zh')`))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('cid', 'text', (col) => col.notNull())
    .addColumn('filename', 'text', (col) => col.notNull())
    .addColumn('content_type', 'text', (col) => col.notNull())
    .addColumn('content', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('delivery_images_pk', ['delivery_id', 'language', 'position'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delivery_images').execute();
}
