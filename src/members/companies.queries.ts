import { containsPattern } from '../db/like.js';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { chunksOf, rowsPerStatement } from './batches.js';
import type { CompanyFilter, CompanySummary } from './companies.js';
import type { Company, Membership } from './members.js';

const COMPANY_COLUMNS = ['companies.id', 'companies.name', 'companies.industry', 'companies.membership'] as const;

function toCompany(row: { id: number; name: string; industry: string | null; membership: Membership }): Company {
  return { id: row.id, name: row.name, industry: row.industry, membership: row.membership };
}


function filteredCompanies(db: Executor, filter: CompanyFilter) {
  let query = db.selectFrom('companies');
  if (filter.search) query = query.where(sql<boolean>`companies.name_key like ${containsPattern(filter.search)} escape '\\'`);
  if (filter.membership) query = query.where('companies.membership', '=', filter.membership);
  return query;
}

/** One page of companies by name, each with its number of contacts. */
export async function findCompanies(db: Executor, filter: CompanyFilter, page: { limit: number; offset: number }): Promise<CompanySummary[]> {
  const rows = await filteredCompanies(db, filter)
    .select(COMPANY_COLUMNS)
    .select((eb) =>
      eb.selectFrom('contacts').whereRef('contacts.company_id', '=', 'companies.id').select((inner) => inner.fn.countAll<number>().as('n')).as('contact_count'),
    )
    .orderBy('companies.name_key')
    .orderBy('companies.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((row) => ({ ...toCompany(row), contactCount: Number(row.contact_count ?? 0) }));
}

/** How many companies match a filter. */
export async function countCompanies(db: Executor, filter: CompanyFilter): Promise<number> {
  const row = await filteredCompanies(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findCompanyById(db: Executor, id: number): Promise<Company | undefined> {
  const row = await db.selectFrom('companies').select(COMPANY_COLUMNS).where('companies.id', '=', id).executeTakeFirst();
  return row && toCompany(row);
}

export async function findCompanyByKey(db: Executor, key: string): Promise<Company | undefined> {
  const row = await db.selectFrom('companies').select(COMPANY_COLUMNS).where('companies.name_key', '=', key).executeTakeFirst();
  return row && toCompany(row);
}

/** Every company's id and name, by name (for pickers). */
export async function listCompanyNames(db: Executor): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('companies').select(['id', 'name']).orderBy('name_key').orderBy('id').execute();
}

/** A company row as written. */
export interface CompanyRow {
  readonly name: string;
  readonly nameKey: string;
  readonly industry: string | null;
  readonly membership: Membership;
}

export async function insertCompany(db: Executor, row: CompanyRow, now: string): Promise<number> {
  const inserted = await db
    .insertInto('companies')
    .values({ name: row.name, name_key: row.nameKey, industry: row.industry, membership: row.membership, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateCompanyRow(db: Executor, id: number, row: CompanyRow, now: string): Promise<void> {
  await db
    .updateTable('companies')
    .set({ name: row.name, name_key: row.nameKey, industry: row.industry, membership: row.membership, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Companies by name key (absent keys are absent from the map), in bulk. */
export async function findCompaniesByKeys(db: Executor, keys: readonly string[]): Promise<Map<string, Company>> {
  const found = new Map<string, Company>();
  for (const chunk of chunksOf(keys, rowsPerStatement(1))) {
    const rows = await db.selectFrom('companies').select([...COMPANY_COLUMNS, 'companies.name_key']).where('companies.name_key', 'in', chunk).execute();
    for (const row of rows) found.set(row.name_key, toCompany(row));
  }
  return found;
}

/** Inserts many companies; returns their ids by name key. */
export async function insertCompanies(db: Executor, rows: readonly CompanyRow[], now: string): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const chunk of chunksOf(rows, rowsPerStatement(6))) {
    const inserted = await db
      .insertInto('companies')
      .values(chunk.map((row) => ({ name: row.name, name_key: row.nameKey, industry: row.industry, membership: row.membership, created_at: now, updated_at: now })))
      .returning(['id', 'name_key'])
      .execute();
    for (const row of inserted) ids.set(row.name_key, row.id);
  }
  return ids;
}

/** Sets the membership of many companies at once. */
export async function setCompaniesMembership(db: Executor, ids: readonly number[], membership: Membership, now: string): Promise<void> {
  for (const chunk of chunksOf(ids, rowsPerStatement(1))) {
    await db.updateTable('companies').set({ membership, updated_at: now }).where('id', 'in', chunk).execute();
  }
}
