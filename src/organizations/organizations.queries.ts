import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../db/database.js';
import { containsPattern } from '../db/like.js';
import { splitBody } from '../content/body.js';
import type { Term } from '../content/taxonomy.js';
import { compareText } from '../lib/compare.js';
import { groupBy } from '../lib/group-by.js';
import { nameKey, slugFromName } from '../lib/slug.js';
import {
  DIRECTORY_COUNTRIES, inDirectory, type DirectoryEntry, type DirectoryFacets, type DirectoryFilter, type Organization, type OrganizationKind,
  type OrganizationProfile, type OrganizationProfileInput,
} from './organizations.js';

/** An organisation with the keys of its names and whether it has a profile, for matching a story's names. */
export interface OrganizationMatch extends Organization {
  /** The name key of its name and of each of its other names. */
  readonly nameKeys: readonly string[];
  readonly profiled: boolean;
}

/** The organisations whose slug, name key or other name's key is among those given. */
export async function findOrganizationsMatching(db: Executor, slugs: readonly string[], keys: readonly string[]): Promise<OrganizationMatch[]> {
  if (slugs.length === 0 && keys.length === 0) return [];
  const rows = await db
    .selectFrom('organizations')
    .select(['id', 'slug', 'name', 'name_key', 'profiled_at'])
    .where((eb) => eb.or([
      eb('slug', 'in', [...slugs, '']),
      eb('name_key', 'in', [...keys, '']),
      eb('id', 'in', eb.selectFrom('organization_aliases').select('organization_id').where('name_key', 'in', [...keys, ''])),
    ]))
    .orderBy('id')
    .execute();
  const aliases = rows.length === 0 ? [] : await db.selectFrom('organization_aliases').select(['organization_id', 'name_key']).where('organization_id', 'in', rows.map((r) => r.id)).execute();
  const aliasesOf = groupBy(aliases, (a) => a.organization_id, (a) => a.name_key);
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, nameKeys: [r.name_key, ...(aliasesOf.get(r.id) ?? [])], profiled: r.profiled_at !== null }));
}

/** Adds an organisation unless its slug is taken (by a writer at the same moment, say). */
export async function insertOrganization(db: Executor, values: { slug: string; name: string; nameKey: string }, now: string): Promise<void> {
  await db
    .insertInto('organizations')
    .values({ slug: values.slug, name: values.name, name_key: values.nameKey, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
}

/** One organisation by slug, and whether it has a profile. */
export async function findOrganizationBySlug(db: Executor, slug: string): Promise<(Organization & { profiled: boolean }) | undefined> {
  const row = await db.selectFrom('organizations').select(['id', 'slug', 'name', 'profiled_at']).where('slug', '=', slug).executeTakeFirst();
  return row && { id: row.id, slug: row.slug, name: row.name, profiled: row.profiled_at !== null };
}

/**
 * Writes a profile (by slug, making the organisation when it is new) with its sectors,
 * technologies, other names and contact persons; contacts are kept by address, so an opt-out
 * stays. Organisations without a profile that are this one under another name (its name or an
 * alias) are merged into it: their story mentions move here and they are removed.
 */
export async function upsertOrganizationProfile(db: Executor, input: OrganizationProfileInput, sectorIds: ReadonlyMap<string, number>, now: string): Promise<number> {
  const values = {
    name: input.name, name_key: nameKey(input.name), name_zh: input.nameZh, country: input.country, kind: input.kind, city: input.city,
    founded_year: input.foundedYear, website: input.website, body: input.body, public_text: splitBody(input.body).teaser.toLowerCase(), profiled_at: now, updated_at: now,
  };
  const { id } = await db
    .insertInto('organizations')
    .values({ ...values, slug: input.slug, created_at: now })
    .onConflict((oc) => oc.column('slug').doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();

  await db.deleteFrom('organization_sectors').where('organization_id', '=', id).execute();
  if (input.sectors.length > 0) {
    await db.insertInto('organization_sectors').values(input.sectors.map((slug, index) => ({ organization_id: id, sector_id: sectorIds.get(slug)!, position: index + 1 }))).execute();
  }
  await db.deleteFrom('organization_technologies').where('organization_id', '=', id).execute();
  const technologies = [...new Map(input.technologies.map((name) => [slugFromName(name, 'tech'), name])).entries()];
  if (technologies.length > 0) {
    await db.insertInto('organization_technologies').values(technologies.map(([slug, name], index) => ({ organization_id: id, position: index + 1, slug, name }))).execute();
  }
  await db.deleteFrom('organization_aliases').where('organization_id', '=', id).execute();
  const aliases = [...new Map(input.aliases.map((name) => [nameKey(name), name])).entries()].filter(([key]) => key !== values.name_key);
  if (aliases.length > 0) {
    await db.insertInto('organization_aliases').values(aliases.map(([key, name], index) => ({ organization_id: id, position: index + 1, name, name_key: key }))).execute();
  }

  // Contact persons, kept by address: one no longer listed is removed, a listed one keeps its opt-out.
  const keys = input.contacts.map((c) => c.email.trim().toLowerCase());
  await db.deleteFrom('organization_contacts').where('organization_id', '=', id).where('email_key', 'not in', [...keys, '']).execute();
  for (const [index, contact] of input.contacts.entries()) {
    const row = { name: contact.name, role: contact.role, email: contact.email.trim(), language: contact.language, source: contact.source, position: index + 1, updated_at: now };
    await db.insertInto('organization_contacts').values({ ...row, organization_id: id, email_key: keys[index]!, created_at: now })
      .onConflict((oc) => oc.columns(['organization_id', 'email_key']).doUpdateSet(row)).execute();
  }

  // The same organisation under the names stories used before it had a profile.
  const nameKeys = [values.name_key, ...aliases.map(([key]) => key)];
  const slugs = [input.name, ...aliases.map(([, name]) => name)].map((name) => slugFromName(name, 'org'));
  const duplicates = await db.selectFrom('organizations').select('id').where('id', '!=', id).where('profiled_at', 'is', null)
    .where((eb) => eb.or([eb('name_key', 'in', nameKeys), eb('slug', 'in', slugs)])).execute();
  if (duplicates.length > 0) {
    const ids = duplicates.map((d) => d.id);
    await db.updateTable('story_organizations').set({ organization_id: id }).where('organization_id', 'in', ids).execute();
    await db.deleteFrom('organizations').where('id', 'in', ids).execute();
  }
  return id;
}

const profileColumns = ['id', 'slug', 'name', 'name_zh', 'country', 'kind', 'city', 'founded_year', 'website', 'body', 'profiled_at', 'updated_at'] as const;

/** Sectors and technologies of some organisations, as terms, in their order. */
async function termsOf(db: Executor, ids: readonly number[]): Promise<{ sectors: Map<number, Term[]>; technologies: Map<number, Term[]> }> {
  if (ids.length === 0) return { sectors: new Map(), technologies: new Map() };
  const [sectors, technologies] = await Promise.all([
    db.selectFrom('organization_sectors').innerJoin('sectors', 'sectors.id', 'organization_sectors.sector_id')
      .select(['organization_sectors.organization_id as id', 'sectors.slug', 'sectors.name']).where('organization_sectors.organization_id', 'in', [...ids])
      .orderBy('organization_sectors.organization_id').orderBy('organization_sectors.position').execute(),
    db.selectFrom('organization_technologies').select(['organization_id as id', 'slug', 'name']).where('organization_id', 'in', [...ids])
      .orderBy('organization_id').orderBy('position').execute(),
  ]);
  const term = (row: { slug: string; name: string }): Term => ({ slug: row.slug, name: row.name });
  return { sectors: groupBy(sectors, (r) => r.id, term), technologies: groupBy(technologies, (r) => r.id, term) };
}

/** A profiled organisation by slug (undefined for one that is only a name in stories). */
export async function findOrganizationProfile(db: Executor, slug: string): Promise<OrganizationProfile | undefined> {
  const row = await db.selectFrom('organizations').select(profileColumns).where('slug', '=', slug).where('profiled_at', 'is not', null).executeTakeFirst();
  if (!row) return undefined;
  const [{ sectors, technologies }, aliases] = await Promise.all([
    termsOf(db, [row.id]),
    db.selectFrom('organization_aliases').select('name').where('organization_id', '=', row.id).orderBy('position').execute(),
  ]);
  return {
    id: row.id, slug: row.slug, name: row.name, nameZh: row.name_zh, country: row.country, kind: row.kind, city: row.city, foundedYear: row.founded_year,
    website: row.website, body: splitBody(row.body), sectors: sectors.get(row.id) ?? [], technologies: technologies.get(row.id) ?? [],
    aliases: aliases.map((a) => a.name), inDirectory: inDirectory(row.country), updatedAt: row.updated_at,
  };
}

/** Every profile's input, for the content folder's export (contacts included), by slug. */
export async function listProfileInputs(db: Executor, only?: readonly number[]): Promise<OrganizationProfileInput[]> {
  let query = db.selectFrom('organizations').select(profileColumns).where('profiled_at', 'is not', null);
  if (only) query = query.where('id', 'in', [...only, -1]);
  const rows = await query.orderBy('slug').execute();
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [{ sectors, technologies }, aliases, contacts] = await Promise.all([
    termsOf(db, ids),
    db.selectFrom('organization_aliases').select(['organization_id', 'name']).where('organization_id', 'in', ids).orderBy('organization_id').orderBy('position').execute(),
    db.selectFrom('organization_contacts').select(['organization_id', 'name', 'role', 'email', 'language', 'source']).where('organization_id', 'in', ids).orderBy('organization_id').orderBy('position').execute(),
  ]);
  const aliasesOf = groupBy(aliases, (a) => a.organization_id, (a) => a.name);
  const contactsOf = groupBy(contacts, (c) => c.organization_id, ({ organization_id: _id, ...contact }) => contact);
  return rows
    .map((row) => ({
      slug: row.slug, name: row.name, nameZh: row.name_zh, country: row.country, kind: row.kind, city: row.city, foundedYear: row.founded_year, website: row.website,
      body: row.body, sectors: (sectors.get(row.id) ?? []).map((s) => s.slug), technologies: (technologies.get(row.id) ?? []).map((t) => t.name),
      aliases: aliasesOf.get(row.id) ?? [], contacts: contactsOf.get(row.id) ?? [],
    }))
    .sort((a, b) => compareText(a.slug, b.slug));
}

/** The directory's organisations: profiled, of Chinese origin. */
function directory(db: Executor) {
  return db.selectFrom('organizations').where('profiled_at', 'is not', null).where('country', 'in', [...DIRECTORY_COUNTRIES]);
}

function filtered(db: Executor, filter: DirectoryFilter) {
  let query = directory(db);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.city) query = query.where('city', '=', filter.city);
  if (filter.sector) {
    const sector = filter.sector;
    query = query.where('id', 'in', db.selectFrom('organization_sectors').innerJoin('sectors', 'sectors.id', 'organization_sectors.sector_id').select('organization_id').where('sectors.slug', '=', sector));
  }
  if (filter.technology) query = query.where('id', 'in', db.selectFrom('organization_technologies').select('organization_id').where('slug', '=', filter.technology!));
  for (const word of (filter.q ?? '').split(/\s+/).filter(Boolean).slice(0, 10)) {
    const pattern = containsPattern(word);
    // Every word in the name, Chinese name, city, another name, a technology or the public profile text (never the members-only part).
    query = query.where((eb) => eb.or([
      sql<SqlBool>`lower(organizations.name) like ${pattern} escape '\\'`,
      sql<SqlBool>`coalesce(organizations.name_zh, '') like ${pattern} escape '\\'`,
      sql<SqlBool>`lower(organizations.city) like ${pattern} escape '\\'`,
      eb('id', 'in', eb.selectFrom('organization_aliases').select('organization_id').where(sql<SqlBool>`lower(name) like ${pattern} escape '\\'`)),
      eb('id', 'in', eb.selectFrom('organization_technologies').select('organization_id').where(sql<SqlBool>`lower(name) like ${pattern} escape '\\'`)),
      sql<SqlBool>`organizations.public_text like ${pattern} escape '\\'`,
    ]));
  }
  return query;
}

/** One page of the directory, by slug, and how many innovators the filter leaves. */
export async function findDirectoryPage(db: Executor, filter: DirectoryFilter, limit: number, offset: number): Promise<{ total: number; items: DirectoryEntry[] }> {
  const [count, rows] = await Promise.all([
    filtered(db, filter).select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirstOrThrow(),
    filtered(db, filter).select(['id', 'slug', 'name', 'name_zh', 'kind', 'city', 'body']).orderBy('slug').limit(limit).offset(offset).execute(),
  ]);
  const { sectors, technologies } = await termsOf(db, rows.map((r) => r.id));
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      slug: r.slug, name: r.name, nameZh: r.name_zh, kind: r.kind, city: r.city, body: splitBody(r.body),
      sectors: sectors.get(r.id) ?? [], technologies: technologies.get(r.id) ?? [],
    })),
  };
}

/** Every value the whole directory can be filtered by, with counts, in a fixed order. */
export async function findDirectoryFacets(db: Executor): Promise<DirectoryFacets> {
  const ids = directory(db).select('id');
  const [sectors, technologies, cities, kinds] = await Promise.all([
    db.selectFrom('organization_sectors').innerJoin('sectors', 'sectors.id', 'organization_sectors.sector_id').where('organization_id', 'in', ids)
      .select((eb) => ['sectors.slug', 'sectors.name', eb.fn.countAll<number | string | bigint>().as('n')]).groupBy(['sectors.slug', 'sectors.name']).execute(),
    db.selectFrom('organization_technologies').where('organization_id', 'in', ids)
      .select((eb) => ['slug', eb.fn.min('name').as('name'), eb.fn.countAll<number | string | bigint>().as('n')]).groupBy('slug').execute(),
    directory(db).where('city', 'is not', null).select((eb) => ['city', eb.fn.countAll<number | string | bigint>().as('n')]).groupBy('city').execute(),
    directory(db).where('kind', 'is not', null).select((eb) => ['kind', eb.fn.countAll<number | string | bigint>().as('n')]).groupBy('kind').execute(),
  ]);
  return {
    sectors: sectors.map((s) => ({ slug: s.slug, name: s.name, count: Number(s.n) })).sort((a, b) => compareText(a.slug, b.slug)),
    technologies: technologies.map((t) => ({ slug: t.slug, name: String(t.name), count: Number(t.n) })).sort((a, b) => compareText(a.slug, b.slug)),
    cities: cities.map((c) => ({ name: c.city!, count: Number(c.n) })).sort((a, b) => compareText(a.name, b.name)),
    kinds: kinds.map((k) => ({ kind: k.kind as OrganizationKind, count: Number(k.n) })).sort((a, b) => compareText(a.kind, b.kind)),
  };
}

/** Whether the organisation of this slug is in the directory (its `/organizations/<slug>` redirects). */
export async function isInDirectory(db: Executor, slug: string): Promise<boolean> {
  const row = await directory(db).select('id').where('slug', '=', slug).executeTakeFirst();
  return row !== undefined;
}

/** The slugs of every organisation in the directory, for the sitemap. */
export async function listDirectorySlugs(db: Executor): Promise<{ slug: string; updatedAt: string }[]> {
  const rows = await directory(db).select(['slug', 'updated_at']).orderBy('slug').execute();
  return rows.map((r) => ({ slug: r.slug, updatedAt: r.updated_at }));
}

/** An organisation as the desk lists it. */
export interface DeskOrganizationRow {
  readonly slug: string;
  readonly name: string;
  readonly country: string | null;
  readonly profiled: boolean;
  readonly stories: number;
  readonly contacts: number;
}

/** One page of every organisation (profiled or only named in stories), by slug, with the total; `q` matches the name or slug. */
export async function findDeskOrganizations(db: Executor, q: string, limit: number, offset: number): Promise<{ total: number; items: DeskOrganizationRow[] }> {
  let query = db.selectFrom('organizations');
  if (q.trim()) query = query.where((eb) => eb.or([sql<SqlBool>`lower(organizations.name) like ${containsPattern(q.trim())} escape '\\'`, sql<SqlBool>`organizations.slug like ${containsPattern(q.trim())} escape '\\'`]));
  const [count, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirstOrThrow(),
    query.select((eb) => [
      'organizations.slug', 'organizations.name', 'organizations.country', 'organizations.profiled_at',
      eb.selectFrom('story_organizations').select((e) => e.fn.count<number | string | bigint>('story_id').distinct().as('n')).whereRef('story_organizations.organization_id', '=', 'organizations.id').as('stories'),
      eb.selectFrom('organization_contacts').select((e) => e.fn.countAll<number | string | bigint>().as('n')).whereRef('organization_contacts.organization_id', '=', 'organizations.id').as('contacts'),
    ]).orderBy('organizations.slug').limit(limit).offset(offset).execute(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({ slug: r.slug, name: r.name, country: r.country, profiled: r.profiled_at !== null, stories: Number(r.stories ?? 0), contacts: Number(r.contacts ?? 0) })),
  };
}

/** One organisation's profile input for the desk's form (contacts included), or undefined for an unknown slug; `profiled` false for a name-only one. */
export async function findProfileInput(db: Executor, slug: string): Promise<{ input: OrganizationProfileInput; profiled: boolean; updatedAt: string } | undefined> {
  const row = await db.selectFrom('organizations').select(['id', 'slug', 'name', 'profiled_at', 'updated_at']).where('slug', '=', slug).executeTakeFirst();
  if (!row) return undefined;
  if (row.profiled_at === null) {
    return { profiled: false, updatedAt: row.updated_at, input: { slug: row.slug, name: row.name, nameZh: null, country: null, kind: null, city: null, foundedYear: null, website: null, body: '', sectors: [], technologies: [], aliases: [], contacts: [] } };
  }
  const input = (await listProfileInputs(db, [row.id]))[0]!;
  return { profiled: true, updatedAt: row.updated_at, input };
}
