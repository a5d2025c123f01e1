import { PostgresAdapter, type Kysely } from 'kysely';
import { nameKey, slugFromName } from '../../lib/slug.js';

// Frozen once it lands: never edit after that; add a new migration instead.
// Organisations become one entity (issue 16, shared with the innovators directory of issue 17):
// `organizations` with a slug for `/organizations/<slug>` and a name key for matching, and each
// story's mention (`story_organizations`, which keeps the name as the story writes it) points at
// one. Existing mentions are matched by their slug: `BYD` and `byd` become one organisation,
// named as first written.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('organizations')
    .addColumn('id', 'integer', (col) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement()))
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('name_key', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('organizations_name_key').on('organizations').column('name_key').execute();
  await db.schema
    .alterTable('story_organizations')
    .addColumn('organization_id', 'integer', (col) => col.references('organizations.id'))
    .execute();
  await db.schema.createIndex('story_organizations_organization').on('story_organizations').columns(['organization_id', 'story_id']).execute();

  const mentions: { name: string }[] = await db.selectFrom('story_organizations').select('name').distinct().orderBy('name').execute();
  const now = new Date().toISOString();
  const bySlug = new Map<string, number>();
  for (const { name } of mentions) {
    const slug = slugFromName(name, 'org');
    let id = bySlug.get(slug);
    if (id === undefined) {
      ({ id } = await db.insertInto('organizations').values({ slug, name, name_key: nameKey(name), created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow());
      bySlug.set(slug, id!);
    }
    await db.updateTable('story_organizations').set({ organization_id: id }).where('name', '=', name).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('story_organizations_organization').execute();
  await db.schema.alterTable('story_organizations').dropColumn('organization_id').execute();
  await db.schema.dropTable('organizations').execute();
}
