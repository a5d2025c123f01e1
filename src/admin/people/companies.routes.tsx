import { suggestInnovatorsFor } from '../../issues/innovator-suggestions.service.js';
import { z } from 'zod';
import { createCompany, getCompany, listCompanies, updateCompany } from '../../members/companies.service.js';
import type { CompanyFilter } from '../../members/companies.js';
import { MEMBERSHIPS, type Company } from '../../members/members.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { failedStatus, formErrorsOf, formText, idParams, type FormErrors } from '../forms.js';
import { CompanyFormPage, CompanyListPage, type CompanyValues } from './companies.pages.js';
import { filterText, pageParam } from './people-parts.js';

const listQuery = z.object({
  q: filterText,
  membership: z.enum(MEMBERSHIPS).optional().catch(undefined),
  page: pageParam,
});

const companyForm: z.ZodType<CompanyValues, z.ZodTypeDef, unknown> = z.object({ name: formText, industry: formText, membership: formText });

function valuesOf(company: Company): CompanyValues {
  return { name: company.name, industry: company.industry ?? '', membership: company.membership };
}

async function formPage(ctx: StaffContext, props: { values: CompanyValues; existing?: Company; errors?: FormErrors }, status = 200) {
  // A member company's page suggests innovators to introduce it to.
  const suggestions = props.existing?.membership === 'active' ? await suggestInnovatorsFor(ctx.deps.db, ctx.deps.clock.now(), props.existing) : undefined;
  return ctx.page(<CompanyFormPage ctx={ctx} {...props} suggestions={suggestions} />, status);
}

/** Companies: list with filters, create, edit. */
export const companyRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/companies', 'manage_people', async (ctx) => {
    const query = listQuery.parse(ctx.request.query ?? {});
    const filter: CompanyFilter = { search: query.q, membership: query.membership };
    const companies = await listCompanies(ctx.deps.db, filter, query.page);
    return ctx.page(<CompanyListPage ctx={ctx} companies={companies} filter={filter} />);
  }),

  staffRoute('GET', '/admin/companies/new', 'manage_people', async (ctx) => formPage(ctx, { values: { name: '', industry: '', membership: 'active' } })),

  staffRoute('POST', '/admin/companies', 'manage_people', async (ctx) => {
    const values = companyForm.parse(ctx.request.body ?? {});
    try {
      const company = await createCompany(ctx.deps.db, ctx.deps.clock, values, ctx.actor);
      return ctx.redirect(`/admin/companies/${company.id}`, `Created ${company.name}.`);
    } catch (error) {
      return formPage(ctx, { values, errors: formErrorsOf(error) }, failedStatus(error));
    }
  }),

  staffRoute('GET', '/admin/companies/:id', 'manage_people', async (ctx) => {
    const company = await getCompany(ctx.deps.db, idParams.parse(ctx.request.params).id);
    return formPage(ctx, { values: valuesOf(company), existing: company });
  }),

  staffRoute('POST', '/admin/companies/:id', 'manage_people', async (ctx) => {
    const existing = await getCompany(ctx.deps.db, idParams.parse(ctx.request.params).id);
    const values = companyForm.parse(ctx.request.body ?? {});
    try {
      const company = await updateCompany(ctx.deps.db, ctx.deps.clock, existing.id, values, ctx.actor);
      return ctx.redirect(`/admin/companies/${company.id}`, 'Saved.');
    } catch (error) {
      return formPage(ctx, { values, existing, errors: formErrorsOf(error) }, failedStatus(error));
    }
  }),
];
