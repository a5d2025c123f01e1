import type { Executor } from '../db/database.js';
import { compareText } from '../lib/compare.js';
import type { Sector, SectorInput, Topic, TopicInput } from './taxonomy.js';

/** Inserts or updates a topic by slug. */
export async function upsertTopic(db: Executor, input: TopicInput): Promise<void> {
  await db
    .insertInto('topics')
    .values(input)
    .onConflict((oc) =>
      oc.column('slug').doUpdateSet({ name: input.name, description: input.description, position: input.position }),
    )
    .execute();
}

/** Inserts or updates a sector by slug. */
export async function upsertSector(db: Executor, input: SectorInput): Promise<void> {
  await db
    .insertInto('sectors')
    .values(input)
    .onConflict((oc) => oc.column('slug').doUpdateSet({ name: input.name, description: input.description }))
    .execute();
}

export async function listTopics(db: Executor): Promise<Topic[]> {
  const rows = await db.selectFrom('topics').select(['slug', 'name', 'description', 'position']).execute();
  return rows.sort((a, b) => a.position - b.position || compareText(a.slug, b.slug));
}

export async function listSectors(db: Executor): Promise<Sector[]> {
  const rows = await db.selectFrom('sectors').select(['slug', 'name', 'description']).execute();
  return rows.sort((a, b) => compareText(a.slug, b.slug));
}

/** Maps slugs to row ids; slugs that do not exist are absent from the map. */
export async function topicIdsBySlug(db: Executor, slugs: readonly string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const rows = await db.selectFrom('topics').select(['id', 'slug']).where('slug', 'in', [...slugs]).execute();
  return new Map(rows.map((row) => [row.slug, row.id]));
}

/** Maps slugs to row ids; slugs that do not exist are absent from the map. */
export async function sectorIdsBySlug(db: Executor, slugs: readonly string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const rows = await db.selectFrom('sectors').select(['id', 'slug']).where('slug', 'in', [...slugs]).execute();
  return new Map(rows.map((row) => [row.slug, row.id]));
}
