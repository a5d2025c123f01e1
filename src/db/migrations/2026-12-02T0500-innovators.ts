import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Organisation profiles and the innovators directory (issue 17): an organisation of the
// knowledge base (2026-12-02T0100-organizations) may carry a profile: its origin country, kind,
// Chinese name, city, founding year, website, a body with the members-only split, its sectors
// and technologies, the other names stories use for it, and contact persons who are never shown
// on any page. `profiled_at` is null for an organisation that is only a name in stories. The
// directory (`/innovators`) lists the profiled organisations of Chinese origin.

const KINDS = `('startup', 'scale-up', 'corporate', 'research-institute', 'investor', 'public-body')`;

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (col: any) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement());
  await db.schema.alterTable('organizations').addColumn('country', 'text').execute();
  await db.schema.alterTable('organizations').addColumn('kind', 'text', (col) => col.check(sql.raw(`kind is null or kind in ${KINDS}`))).execute();
  await db.schema.alterTable('organizations').addColumn('name_zh', 'text').execute();
  await db.schema.alterTable('organizations').addColumn('city', 'text').execute();
  await db.schema.alterTable('organizations').addColumn('founded_year', 'integer').execute();
  await db.schema.alterTable('organizations').addColumn('website', 'text').execute();
  await db.schema.alterTable('organizations').addColumn('body', 'text', (col) => col.notNull().defaultTo('')).execute();
  // The profile's public text, lower-cased (the part above the members-only line), which the directory's search reads.
  await db.schema.alterTable('organizations').addColumn('public_text', 'text', (col) => col.notNull().defaultTo('')).execute();
  await db.schema.alterTable('organizations').addColumn('profiled_at', 'text').execute();
  await db.schema.createIndex('organizations_directory').on('organizations').columns(['country', 'profiled_at']).execute();

  await db.schema
    .createTable('organization_sectors')
    .addColumn('organization_id', 'integer', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('sector_id', 'integer', (col) => col.notNull().references('sectors.id'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('organization_sectors_pk', ['organization_id', 'sector_id'])
    .execute();
  await db.schema
    .createTable('organization_technologies')
    .addColumn('organization_id', 'integer', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('slug', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('organization_technologies_pk', ['organization_id', 'slug'])
    .execute();
  await db.schema.createIndex('organization_technologies_slug').on('organization_technologies').column('slug').execute();
  await db.schema
    .createTable('organization_aliases')
    .addColumn('organization_id', 'integer', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('name_key', 'text', (col) => col.notNull().unique())
    .execute();
  await db.schema
    .createTable('organization_contacts')
    .addColumn('id', 'integer', id)
    .addColumn('organization_id', 'integer', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('role', 'text')
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('email_key', 'text', (col) => col.notNull())
    .addColumn('language', 'text', (col) => col.notNull().defaultTo('en').check(sql`language in ('en', 'de', 'zh')`))
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('opted_out_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('organization_contacts_email_uq', ['organization_id', 'email_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['organization_contacts', 'organization_aliases', 'organization_technologies', 'organization_sectors']) await db.schema.dropTable(table).execute();
  await db.schema.dropIndex('organizations_directory').execute();
  for (const column of ['profiled_at', 'public_text', 'body', 'website', 'founded_year', 'city', 'name_zh', 'kind', 'country']) await db.schema.alterTable('organizations').dropColumn(column).execute();
}
