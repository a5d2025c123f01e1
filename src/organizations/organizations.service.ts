import type { Executor } from '../db/database.js';
import { nameKey, slugFromName } from '../lib/slug.js';
import { findOrganizationBySlug, findOrganizationsMatching, insertOrganization, type OrganizationMatch } from './organizations.queries.js';

export { findOrganizationBySlug as getOrganization };

/** The organisation a story's name for it means: one whose slug is the name's slug or the name itself, else one with the same name key. */
function matchOf(candidates: readonly OrganizationMatch[], name: string): OrganizationMatch | undefined {
  const slug = slugFromName(name, 'org');
  return candidates.find((o) => o.slug === slug || o.slug === name) ?? candidates.find((o) => o.nameKey === nameKey(name));
}

/**
 * The organisation of each name a story gives (in the caller's transaction), making the missing
 * ones, named as written. Names meaning the same organisation (`BYD`, `byd`) get the same id.
 */
export async function resolveOrganizations(db: Executor, names: readonly string[], now: string): Promise<Map<string, number>> {
  const resolved = new Map<string, number>();
  if (names.length === 0) return resolved;
  const find = () => findOrganizationsMatching(db, [...names.map((n) => slugFromName(n, 'org')), ...names], names.map(nameKey));
  let found = await find();
  const missing = names.filter((name) => !matchOf(found, name));
  if (missing.length > 0) {
    // A new name becomes an organisation under its own slug; two new names with one slug become one.
    for (const name of missing) await insertOrganization(db, { slug: slugFromName(name, 'org'), name, nameKey: nameKey(name) }, now);
    found = await find();
  }
  for (const name of names) {
    const match = matchOf(found, name);
    if (!match) throw new Error(`no organisation for "${name}"`);
    resolved.set(name, match.id);
  }
  return resolved;
}
