import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { bumpContentVersion } from '../content/content-version.service.js';
import { invalidDraft } from '../content/draft-fields.js';
import { resolveSectorIds } from '../content/taxonomy.service.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { NotFound } from '../lib/errors.js';
import { checkOrganizationDraft, type OrganizationDraft } from '../organizations/organization-draft.js';
import { getOrganization, writeOrganizationProfile } from '../organizations/organizations.service.js';
import { reindexItem } from '../search/search.service.js';

// The desk's profile editing: the profile, its search document, its activity line and the
// content version in one transaction (beside story-editing.service.ts, for the same reason: the
// search index sits above the organisations domain).

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
    const existing = await getOrganization(trx, input.slug);
    if (slug === undefined && existing?.profiled) found.push({ where: 'slug', message: `another organisation already has a profile under “${input.slug}”; choose another slug` });
    if (slug !== undefined && !existing) throw new NotFound(`There is no organisation "${slug}".`);
    if (found.length > 0) throw invalidDraft(found);
    const id = await writeOrganizationProfile(trx, input, sectorIds, now);
    await reindexItem(trx, 'innovator', id, clock.now());
    await recordActivity(trx, clock, actor, 'organization.profile', { type: 'organization', id, label: input.name }, existing?.profiled ? 'updated' : 'created');
    await bumpContentVersion(trx, now);
    return { slug: input.slug };
  });
}
