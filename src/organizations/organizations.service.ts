import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { bumpContentVersion } from '../content/content-version.service.js';
import { invalidDraft } from '../content/draft-fields.js';
import { resolveSectorIds } from '../content/taxonomy.service.js';
import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { NotFound } from '../lib/errors.js';
import { nameKey, slugFromName } from '../lib/slug.js';
import { checkOrganizationDraft, type OrganizationDraft } from './organization-draft.js';
import { findOrganizationBySlug, findOrganizationsMatching, insertOrganization, upsertOrganizationProfile, type OrganizationMatch } from './organizations.queries.js';

export {
  findOrganizationBySlug as getOrganization, findOrganizationProfile as getOrganizationProfile, findDirectoryPage, findDirectoryFacets, isInDirectory,
  listDirectorySlugs, listProfileInputs, findDeskOrganizations as listDeskOrganizations, findProfileInput as getProfileForEditing,
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

/**
 * Saves a profile from the desk's form (in one transaction: the profile, its activity line and
 * the content version, so cached pages are rebuilt). `slug` is the organisation being edited
 * (undefined: a new one); a profile keeps its slug, since stories and readers link it. Throws
 * `Invalid` with every problem at its field, nothing written.
 */
export async function saveOrganizationProfile(db: Database, clock: Clock, actor: Actor, slug: string | undefined, draft: OrganizationDraft): Promise<{ slug: string }> {
  const { input, problems } = checkOrganizationDraft(slug ? { ...draft, slug } : draft);
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    if (!input) throw invalidDraft(problems);
    const sectorIds = await resolveSectorIds(trx, input.sectors);
    const found = input.sectors.filter((s) => !sectorIds.has(s)).map((s) => ({ where: 'sectors', message: `there is no sector “${s}”` }));
    const existing = await findOrganizationBySlug(trx, input.slug);
    if (slug === undefined && existing?.profiled) found.push({ where: 'slug', message: `another organisation already has a profile under “${input.slug}”; choose another slug` });
    if (slug !== undefined && !existing) throw new NotFound(`There is no organisation "${slug}".`);
    if (found.length > 0) throw invalidDraft(found);
    const id = await upsertOrganizationProfile(trx, input, sectorIds, now);
    await recordActivity(trx, clock, actor, 'organization.profile', { type: 'organization', id, label: input.name }, existing?.profiled ? 'updated' : 'created');
    await bumpContentVersion(trx, now);
    return { slug: input.slug };
  });
}
