import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Search at scale (issue 16, docs/search.md "Performance"): each search_documents row stores
// when it becomes public, so a search checks one column instead of joining every hit to the
// issues listing it.
// - `public_from`: '0000-01-01T00:00:00.000Z' for what is public whatever the time (events,
//   programs, a published issue, a story or report a published issue lists); a scheduled
//   issue's time (for it and what it lists: the earliest such time); null while nothing public
//   or scheduled lists it. Visible now = `public_from <= now`, the same rule as issues' isPublic.
//   The index's writes keep it: an issue's status change already reindexes what it lists.
// - `search_documents_hits` (SQLite): a covering index keyed by id with the columns a search
//   reads for every hit (visibility, filters, facets, order), so it never reads the wide rows
//   (texts and tokens, mostly in overflow pages) of hits that are only counted. PostgreSQL keeps
//   wide values out of line (TOAST) anyway, and its btree entries are limited in size.
// Existing rows are filled here, so an index built before this migration stays right.

const ALWAYS = '0000-01-01T00:00:00.000Z';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema.alterTable('search_documents').addColumn('public_from', 'text').execute();
  const from = sql`(case i.status when 'published' then ${ALWAYS} when 'scheduled' then i.published_at end)`;
  await sql`update search_documents set public_from = case
      when kind in ('event', 'program') then ${ALWAYS}
      when kind = 'issue' then (select ${from} from issues i where i.id = search_documents.item_id)
      when kind = 'story' then (select min(${from}) from section_items si join sections s on s.id = si.section_id join issues i on i.id = s.issue_id where si.story_id = search_documents.item_id)
      else (select min(${from}) from section_items si join sections s on s.id = si.section_id join issues i on i.id = s.issue_id where si.report_id = search_documents.item_id)
    end`.execute(db);
  if (postgres) return;
  await db.schema
    .createIndex('search_documents_hits')
    .on('search_documents')
    .columns(['id', 'public_from', 'kind', 'language', 'year', 'quarter', 'published_at', 'topics', 'sectors'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('search_documents_hits').ifExists().execute();
  await db.schema.alterTable('search_documents').dropColumn('public_from').execute();
}
