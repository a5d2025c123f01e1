import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { filterCondition, parseStoredFilter, type SegmentFilter } from './criteria.js';
import type { SampleContact, Segment } from './segments.js';

// SQL of segments: the saved filters, and the contacts a filter matches now (subscribed and not
// suppressed: the people a send could reach).

const COLUMNS = ['id', 'slug', 'name', 'filter', 'created_by', 'created_at', 'updated_at', 'deleted_at'] as const;

type SegmentRow = { id: number; slug: string; name: string; filter: string; created_by: string; created_at: string; updated_at: string; deleted_at: string | null };

/** A stored filter that no longer reads matches nobody (never everyone). */
const NOBODY: SegmentFilter = { companies: [] };

function toSegment(row: SegmentRow): Segment {
  return { id: row.id, slug: row.slug, name: row.name, filter: parseStoredFilter(row.filter) ?? NOBODY, createdBy: row.created_by, createdAt: row.created_at, updatedAt: row.updated_at, deletedAt: row.deleted_at };
}

/** Segments not deleted, by name. */
export async function findSegments(db: Executor): Promise<Segment[]> {
  const rows = await db.selectFrom('segments').select(COLUMNS).where('deleted_at', 'is', null).orderBy('name').orderBy('id').execute();
  return rows.map(toSegment);
}

/** One segment by id (also a deleted one: deliveries name it). */
export async function findSegment(db: Executor, id: number): Promise<Segment | undefined> {
  const row = await db.selectFrom('segments').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toSegment(row) : undefined;
}

/** A segment not deleted, by slug. */
export async function findSegmentBySlug(db: Executor, slug: string): Promise<Segment | undefined> {
  const row = await db.selectFrom('segments').select(COLUMNS).where('slug', '=', slug).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? toSegment(row) : undefined;
}

/** Writes a new segment; returns its id. */
export async function insertSegment(db: Executor, input: { slug: string; name: string; filter: SegmentFilter; createdBy: string; now: string }): Promise<number> {
  const row = await db
    .insertInto('segments')
    .values({ slug: input.slug, name: input.name, filter: JSON.stringify(input.filter), created_by: input.createdBy, created_at: input.now, updated_at: input.now, deleted_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a segment not deleted; whether it existed. */
export async function updateSegmentRow(db: Executor, id: number, input: { slug: string; name: string; filter: SegmentFilter; now: string }): Promise<boolean> {
  const result = await db
    .updateTable('segments')
    .set({ slug: input.slug, name: input.name, filter: JSON.stringify(input.filter), updated_at: input.now })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Hides a segment (deliveries keep naming it); whether it was there. */
export async function markSegmentDeleted(db: Executor, id: number, now: string): Promise<boolean> {
  const result = await db.updateTable('segments').set({ deleted_at: now, updated_at: now }).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Subscribed, unsuppressed contacts (with their company) that a filter matches. */
function reachableMatching(db: Executor, filter: SegmentFilter) {
  return db
    .selectFrom('contacts')
    .leftJoin('companies', 'companies.id', 'contacts.company_id')
    .where('contacts.subscribed', '=', 1)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('suppressions').select('suppressions.email_key').whereRef('suppressions.email_key', '=', 'contacts.email_key'))))
    .where((eb) => filterCondition(eb, filter));
}

/** How many reachable contacts match, split by edition (members get the full one). */
export async function countMatching(db: Executor, filter: SegmentFilter): Promise<{ full: number; teaser: number }> {
  const row = await reachableMatching(db, filter)
    .select([
      sql<number>`coalesce(sum(case when companies.membership = 'active' then 1 else 0 end), 0)`.as('full'),
      sql<number>`coalesce(sum(case when companies.membership = 'active' then 0 else 1 end), 0)`.as('teaser'),
    ])
    .executeTakeFirstOrThrow();
  return { full: Number(row.full), teaser: Number(row.teaser) };
}

/** The first few matching contacts (by id), for the form's sample. */
export async function sampleMatching(db: Executor, filter: SegmentFilter, limit: number): Promise<SampleContact[]> {
  const rows = await reachableMatching(db, filter).select(['contacts.id', 'contacts.name', 'contacts.email', 'companies.name as company']).orderBy('contacts.id').limit(limit).execute();
  return rows.map((row) => ({ id: row.id, name: row.name, email: row.email, company: row.company }));
}

/** The values companies' sectors (industries) take, for the form's choices. */
export async function findSectorValues(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('companies').select('industry').distinct().where('industry', 'is not', null).where('industry', '!=', '').orderBy('industry').execute();
  return rows.map((row) => row.industry!);
}
