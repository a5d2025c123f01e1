import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Invalid, NotFound, type Problem } from '../lib/errors.js';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { companyInputSchema, type CompanyFilter, type CompanyInput, type CompanySummary } from './companies.js';
import { countCompanies, findCompanies, findCompanyById, findCompanyByKey, insertCompany, listCompanyNames, updateCompanyRow } from './companies.queries.js';
import { companyKey, pagedOf, type Company, type Paged } from './members.js';

/** How many companies one page of the desk's list shows. */
export const COMPANIES_PER_PAGE = 50;

/** One page of companies by name, narrowed by the filter. */
export async function listCompanies(db: Executor, filter: CompanyFilter, page: number): Promise<Paged<CompanySummary>> {
  const normalised: CompanyFilter = { ...filter, search: filter.search ? companyKey(filter.search) : undefined };
  const total = await countCompanies(db, normalised);
  const items = await findCompanies(db, normalised, { limit: COMPANIES_PER_PAGE, offset: (Math.max(1, page) - 1) * COMPANIES_PER_PAGE });
  return pagedOf(items, total, Math.max(1, page), COMPANIES_PER_PAGE);
}

/** A company by id; throws NotFound. */
export async function getCompany(db: Executor, id: number): Promise<Company> {
  const company = await findCompanyById(db, id);
  if (!company) throw new NotFound('There is no such company.');
  return company;
}

/** A company by name, compared the way names are kept unique (case and spacing ignored). */
export function findCompanyByName(db: Executor, name: string): Promise<Company | undefined> {
  return findCompanyByKey(db, companyKey(name));
}

/** Every company's id and name, for the contact form's picker. */
export function listCompanyChoices(db: Executor): Promise<{ id: number; name: string }[]> {
  return listCompanyNames(db);
}

/** The raw fields of the company form. */
export interface CompanyForm {
  readonly name: string;
  readonly industry: string;
  readonly membership: string;
}

/** Validates the company form; throws `Invalid` naming every bad field. */
export function parseCompanyForm(form: CompanyForm): CompanyInput {
  const parsed = companyInputSchema.safeParse(form);
  if (parsed.success) return parsed.data;
  const problems: Problem[] = parsed.error.issues.map((issue) => ({ where: String(issue.path[0] ?? ''), message: issue.message }));
  throw new Invalid('Check the highlighted fields.', problems);
}

async function ensureNameFree(db: Executor, name: string, ownId: number | undefined): Promise<void> {
  const clash = await findCompanyByKey(db, companyKey(name));
  if (clash && clash.id !== ownId) {
    throw new Invalid(`Another company is already called "${clash.name}".`, [
      { where: 'name', message: `another company is already called "${clash.name}" (names are compared without regard to case and spacing)` },
    ]);
  }
}

/** Creates a company; a name that differs from an existing one only in case or spacing is refused. */
export async function createCompany(db: Database, clock: Clock, form: CompanyForm, actor: Actor): Promise<Company> {
  const input = parseCompanyForm(form);
  return db.transaction().execute(async (trx) => {
    await ensureNameFree(trx, input.name, undefined);
    const id = await insertCompany(trx, { ...input, nameKey: companyKey(input.name) }, clock.now().toISOString());
    await recordActivity(trx, clock, actor, 'company.create', { type: 'company', id, label: input.name }, input.membership);
    return getCompany(trx, id);
  });
}

/** Changes a company's name, industry or membership (which decides whether its contacts are members). */
export async function updateCompany(db: Database, clock: Clock, id: number, form: CompanyForm, actor: Actor): Promise<Company> {
  const input = parseCompanyForm(form);
  return db.transaction().execute(async (trx) => {
    const before = await getCompany(trx, id);
    await ensureNameFree(trx, input.name, id);
    await updateCompanyRow(trx, id, { ...input, nameKey: companyKey(input.name) }, clock.now().toISOString());
    const detail = before.membership === input.membership ? null : `membership ${before.membership} → ${input.membership}`;
    await recordActivity(trx, clock, actor, 'company.update', { type: 'company', id, label: input.name }, detail);
    return getCompany(trx, id);
  });
}
