import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen: never edit after it lands; add a new migration instead.
// Dialect-neutral on purpose: timestamps are ISO-8601 UTC text, dates `YYYY-MM-DD` text and
// flags 0/1 integers, so SQLite and PostgreSQL return the same values.

type Table = CreateTableBuilder<string, never>;

/** An integer primary key that the database numbers itself, on either engine. */
function withId(db: Kysely<any>, name: string): Table {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return db.schema
    .createTable(name)
    .addColumn('id', 'integer', (col) =>
      postgres ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement(),
    ) as unknown as Table;
}

function withTimestamps(table: Table): Table {
  return table
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull());
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute();

  await withId(db, 'topics')
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('position', 'integer', (col) => col.notNull())
    .execute();

  await withId(db, 'sectors')
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .execute();

  await withTimestamps(
    withId(db, 'stories')
      .addColumn('slug', 'text', (col) => col.notNull().unique())
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('body', 'text', (col) => col.notNull()),
  ).execute();

  await db.schema
    .createTable('story_topics')
    .addColumn('story_id', 'integer', (col) => col.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('topic_id', 'integer', (col) => col.notNull().references('topics.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('story_topics_pk', ['story_id', 'topic_id'])
    .execute();

  await db.schema
    .createTable('story_sectors')
    .addColumn('story_id', 'integer', (col) => col.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('sector_id', 'integer', (col) => col.notNull().references('sectors.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('story_sectors_pk', ['story_id', 'sector_id'])
    .execute();

  await db.schema
    .createTable('story_organizations')
    .addColumn('story_id', 'integer', (col) => col.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('story_organizations_pk', ['story_id', 'position'])
    .execute();

  await withId(db, 'sources')
    .addColumn('story_id', 'integer', (col) => col.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('author', 'text')
    .addColumn('title', 'text')
    .addColumn('outlet', 'text', (col) => col.notNull())
    .addColumn('published_on', 'text')
    .addColumn('url', 'text')
    .addUniqueConstraint('sources_story_position_uq', ['story_id', 'position'])
    .execute();

  await withTimestamps(
    withId(db, 'events')
      .addColumn('slug', 'text', (col) => col.notNull().unique())
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('body', 'text', (col) => col.notNull())
      .addColumn('starts_at', 'text', (col) => col.notNull())
      .addColumn('ends_at', 'text', (col) => col.notNull())
      .addColumn('time_zone', 'text', (col) => col.notNull())
      .addColumn('all_day', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('venue', 'text')
      .addColumn('address', 'text')
      .addColumn('city', 'text')
      .addColumn('online', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('online_url', 'text')
      .addColumn('organiser', 'text', (col) => col.notNull())
      .addColumn('organiser_name', 'text')
      .addColumn('url', 'text')
      .addColumn('capacity', 'integer')
      .addColumn('registration_opens_at', 'text')
      .addColumn('registration_closes_at', 'text'),
  ).execute();
  await db.schema.createIndex('events_starts_at_idx').on('events').column('starts_at').execute();

  await db.schema
    .createTable('event_sectors')
    .addColumn('event_id', 'integer', (col) => col.notNull().references('events.id').onDelete('cascade'))
    .addColumn('sector_id', 'integer', (col) => col.notNull().references('sectors.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('event_sectors_pk', ['event_id', 'sector_id'])
    .execute();

  await withTimestamps(
    withId(db, 'programs')
      .addColumn('slug', 'text', (col) => col.notNull().unique())
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('body', 'text', (col) => col.notNull())
      .addColumn('registration_deadline', 'text')
      .addColumn('cohort_start', 'text')
      .addColumn('duration_months', 'integer')
      .addColumn('time_zone', 'text', (col) => col.notNull())
      .addColumn('contact_name', 'text')
      .addColumn('contact_email', 'text'),
  ).execute();

  await db.schema
    .createTable('program_roles')
    .addColumn('program_id', 'integer', (col) => col.notNull().references('programs.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('program_roles_pk', ['program_id', 'role'])
    .execute();

  await withTimestamps(
    withId(db, 'reports')
      .addColumn('slug', 'text', (col) => col.notNull().unique())
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('subtitle', 'text')
      .addColumn('body', 'text', (col) => col.notNull())
      .addColumn('publisher', 'text')
      .addColumn('partner', 'text')
      .addColumn('survey_start', 'text')
      .addColumn('survey_end', 'text'),
  ).execute();

  await withId(db, 'report_segments')
    .addColumn('report_id', 'integer', (col) => col.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('respondents', 'integer', (col) => col.notNull())
    .addUniqueConstraint('report_segments_key_uq', ['report_id', 'key'])
    .execute();

  await withId(db, 'findings')
    .addColumn('report_id', 'integer', (col) => col.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('statement', 'text', (col) => col.notNull())
    .addColumn('segment_key', 'text', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addColumn('compare_segment_key', 'text')
    .addColumn('compare_count', 'integer')
    .addUniqueConstraint('findings_position_uq', ['report_id', 'position'])
    .execute();

  await withTimestamps(
    withId(db, 'issues')
      .addColumn('slug', 'text', (col) => col.notNull().unique())
      .addColumn('title', 'text', (col) => col.notNull())
      .addColumn('season', 'text', (col) => col.notNull())
      .addColumn('year', 'integer', (col) => col.notNull())
      .addColumn('intro', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('published_at', 'text')
      .addUniqueConstraint('issues_year_season_uq', ['year', 'season']),
  ).execute();

  await withId(db, 'sections')
    .addColumn('issue_id', 'integer', (col) => col.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('heading', 'text', (col) => col.notNull())
    .addUniqueConstraint('sections_position_uq', ['issue_id', 'position'])
    .execute();

  await withId(db, 'section_items')
    .addColumn('section_id', 'integer', (col) => col.notNull().references('sections.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('label', 'text')
    .addColumn('story_id', 'integer', (col) => col.references('stories.id').onDelete('restrict'))
    .addColumn('event_id', 'integer', (col) => col.references('events.id').onDelete('restrict'))
    .addColumn('program_id', 'integer', (col) => col.references('programs.id').onDelete('restrict'))
    .addColumn('report_id', 'integer', (col) => col.references('reports.id').onDelete('restrict'))
    .addUniqueConstraint('section_items_position_uq', ['section_id', 'position'])
    .addCheckConstraint(
      'section_items_exactly_one_target',
      sql`(case when story_id is null then 0 else 1 end + case when event_id is null then 0 else 1 end
        + case when program_id is null then 0 else 1 end + case when report_id is null then 0 else 1 end) = 1`,
    )
    .execute();
  await db.schema.createIndex('section_items_story_idx').on('section_items').column('story_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'section_items', 'sections', 'issues', 'findings', 'report_segments', 'reports', 'program_roles',
    'programs', 'event_sectors', 'events', 'sources', 'story_organizations', 'story_sectors',
    'story_topics', 'stories', 'sectors', 'topics', 'meta',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
