import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// The curation inbox (issue 22): the feeds the team reads (`curation_sources`, polled by the job
// loop with conditional GET and backoff), the items they bring or an editor adds by hand
// (`curation_items`: one row per identity, near-duplicates joined into clusters by SimHash bands),
// and the rules that tag, star or dismiss arriving items. `src/curation/README.md` has the states.

const SOURCE_STATES = `('new', 'ok', 'failing')`;
const RULE_ACTIONS = `('topic', 'sector', 'star', 'dismiss')`;

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (col: any) => (postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement());
  await db.schema
    .createTable('curation_sources')
    .addColumn('id', 'integer', id)
    .addColumn('url', 'text', (col) => col.notNull().unique())
    .addColumn('title', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('site_url', 'text')
    .addColumn('language', 'text')
    .addColumn('format', 'text')
    // The validators of the copy we last parsed, sent back as If-None-Match / If-Modified-Since.
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('state', 'text', (col) => col.notNull().defaultTo('new').check(sql.raw(`state in ${SOURCE_STATES}`)))
    .addColumn('last_error', 'text')
    .addColumn('error_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_polled_at', 'text')
    .addColumn('last_success_at', 'text')
    // When the next poll is due; moved forward when a poll is queued (the claim), so one poll is queued per turn.
    .addColumn('next_poll_at', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('curation_sources_due').on('curation_sources').column('next_poll_at').execute();

  await db.schema
    .createTable('curation_items')
    .addColumn('id', 'integer', id)
    // Null for an article added by hand.
    .addColumn('source_id', 'integer', (col) => col.references('curation_sources.id').onDelete('set null'))
    // `guid:<source id>:<guid>`, `url:<canonical url>` or `hash:<sha-256>`: an item arrives once.
    .addColumn('identity', 'text', (col) => col.notNull().unique())
    .addColumn('url', 'text')
    .addColumn('canonical_url', 'text')
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('author', 'text')
    .addColumn('outlet', 'text', (col) => col.notNull())
    .addColumn('published_at', 'text')
    .addColumn('language', 'text')
    // Plain text; the item's HTML is kept only after sanitising.
    .addColumn('summary', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('content_html', 'text', (col) => col.notNull().defaultTo(''))
    // SimHash of the normalised text as 16 hex digits, and its four 16-bit bands: two items within
    // three bits of each other share at least one band, so candidates are found by index.
    .addColumn('simhash', 'text', (col) => col.notNull())
    .addColumn('band0', 'integer', (col) => col.notNull())
    .addColumn('band1', 'integer', (col) => col.notNull())
    .addColumn('band2', 'integer', (col) => col.notNull())
    .addColumn('band3', 'integer', (col) => col.notNull())
    // The id of the cluster's first item (its own id when it leads); the inbox shows leads.
    .addColumn('cluster_id', 'integer')
    // Tags from the rules (or the editor): `,slug,slug,` so one LIKE finds a slug.
    .addColumn('topics', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('sectors', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('read_at', 'text')
    .addColumn('starred', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('dismissed', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('assignee_id', 'integer', (col) => col.references('staff.id').onDelete('set null'))
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('board_issue_id', 'integer', (col) => col.references('issues.id').onDelete('set null'))
    .addColumn('story_id', 'integer', (col) => col.references('stories.id').onDelete('set null'))
    .addColumn('promoted_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  for (const band of ['band0', 'band1', 'band2', 'band3']) {
    await db.schema.createIndex(`curation_items_${band}`).on('curation_items').column(band).execute();
  }
  await db.schema.createIndex('curation_items_cluster').on('curation_items').column('cluster_id').execute();
  await db.schema.createIndex('curation_items_source').on('curation_items').column('source_id').execute();
  await db.schema.createIndex('curation_items_created').on('curation_items').column('created_at').execute();
  await db.schema.createIndex('curation_items_story').on('curation_items').column('story_id').execute();

  await db.schema
    .createTable('curation_rules')
    .addColumn('id', 'integer', id)
    .addColumn('phrase', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull().check(sql.raw(`action in ${RULE_ACTIONS}`)))
    // The topic's or sector's slug; '' for star and dismiss.
    .addColumn('value', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('curation_rules_uq').on('curation_rules').columns(['phrase', 'action', 'value']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('curation_rules').execute();
  await db.schema.dropTable('curation_items').execute();
  await db.schema.dropTable('curation_sources').execute();
}
