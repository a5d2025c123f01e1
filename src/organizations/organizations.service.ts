import type { Executor } from '../db/database.js';
import { nameKey, slugFromName } from '../lib/slug.js';
import { findOrganizationsMatching, insertOrganization, type OrganizationMatch } from './organizations.queries.js';

export {
  findOrganizationBySlug as getOrganization, findOrganizationProfile as getOrganizationProfile, findDirectoryPage, findDirectoryFacets, isInDirectory,
  listDirectorySlugs, listProfileInputs, findDeskOrganizations as listDeskOrganizations, findProfileInput as getProfileForEditing,
  upsertOrganizationProfile as writeOrganizationProfile,
} from './organizations.queries.js';
export type { DeskOrganizationRow } from './organizations.queries.js';

/**
 * The organisation a story's name for it means, first of: the one whose slug is the name itself;
 * a profiled one with this name or another name of it; the one whose slug is the name's slug;
 * any with this name.
 */
function matchOf(candidates: readonly OrganizationMatch[], name: string): OrganizationMatch | undefined {
  const key = nameKey(name);
  const slug = slugFromName(name, 'org');
  return candidates.find((o) => o.slug === name)
    ?? candidates.find((o) => o.profiled && o.nameKeys.includes(key))
    ?? candidates.find((o) => o.slug === slug)
    ?? candidates.find((o) => o.nameKeys.includes(key));
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

