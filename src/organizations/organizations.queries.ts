import type { Executor } from '../db/database.js';
import type { Organization } from './organizations.js';

/** An organisation with its name key, for matching a story's names. */
export interface OrganizationMatch extends Organization {
  readonly nameKey: string;
}

/** The organisations whose slug or name key is among those given. */
export async function findOrganizationsMatching(db: Executor, slugs: readonly string[], keys: readonly string[]): Promise<OrganizationMatch[]> {
  if (slugs.length === 0 && keys.length === 0) return [];
  return db
    .selectFrom('organizations')
    .select(['id', 'slug', 'name', 'name_key as nameKey'])
    .where((eb) => eb.or([eb('slug', 'in', [...slugs, '']), eb('name_key', 'in', [...keys, ''])]))
    .orderBy('id')
    .execute();
}

/** Adds an organisation unless its slug is taken (by a writer at the same moment, say). */
export async function insertOrganization(db: Executor, values: { slug: string; name: string; nameKey: string }, now: string): Promise<void> {
  await db
    .insertInto('organizations')
    .values({ slug: values.slug, name: values.name, name_key: values.nameKey, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
}

/** One organisation by slug. */
export function findOrganizationBySlug(db: Executor, slug: string): Promise<Organization | undefined> {
  return db.selectFrom('organizations').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}
