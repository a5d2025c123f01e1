import type { CompanyFilter, CompanySummary } from '../../members/companies.js';
import { MEMBERSHIPS, type Company, type Paged } from '../../members/members.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { ErrorSummary, Form, SelectField, TextField, type FormErrors } from '../forms.js';
import { FilterForm, FilterSelect, ListTable, PageHeading } from '../page-parts.js';
import { Pager } from './people-parts.js';

const MEMBERSHIP_OPTIONS = [
  { value: 'active', label: 'Active: its contacts are members' },
  { value: 'lapsed', label: 'Lapsed: its contacts read what the public reads' },
] as const;

/** A membership as a badge. */
export function MembershipBadge({ membership }: { membership: Company['membership'] }) {
  return <span class={membership === 'active' ? 'status status--published' : 'status status--draft'}>{membership}</span>;
}

/** `/admin/companies`: companies by name, with filters and each one's number of contacts. */
export function CompanyListPage({ ctx, companies, filter }: { ctx: StaffContext; companies: Paged<CompanySummary>; filter: CompanyFilter }) {
  const filters = { q: filter.search, membership: filter.membership };
  return (
    <AdminLayout site={ctx.deps.site} title="Companies" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/companies">
      <h1>Companies</h1>
      <p>A contact is a member while their company's membership is active.</p>
      <p class="actions">
        <a class="button" href="/admin/companies/new">
          New company
        </a>
        <a class="button button--quiet" href="/admin/contacts/import">
          Import contacts (CSV)
        </a>
      </p>
      <FilterForm action="/admin/companies">
        <label>
          Name <input type="search" name="q" value={filter.search ?? ''} />
        </label>
        <FilterSelect
          name="membership"
          label="Membership"
          value={filter.membership ?? ''}
          options={[{ value: '', label: 'Any' }, ...MEMBERSHIPS.map((membership) => ({ value: membership, label: membership }))]}
        />
      </FilterForm>
      <ListTable
        headings={['Name', 'Industry', 'Membership', 'Contacts']}
        items={companies.items}
        empty="No companies match these filters."
        row={(company) => (
          <tr key={company.id}>
            <td>
              <a href={`/admin/companies/${company.id}`}>{company.name}</a>
            </td>
            <td>{company.industry ?? ''}</td>
            <td>
              <MembershipBadge membership={company.membership} />
            </td>
            <td>{company.contactCount > 0 ? <a href={`/admin/contacts?company=${company.id}`}>{company.contactCount}</a> : '0'}</td>
          </tr>
        )}
      />
      <Pager paged={companies} path="/admin/companies" filters={filters} noun="companies" />
    </AdminLayout>
  );
}

/** The company form's values (as typed). */
export interface CompanyValues {
  readonly name: string;
  readonly industry: string;
  readonly membership: string;
}

/** `/admin/companies/new` and `/admin/companies/<id>`. */
export function CompanyFormPage({ ctx, values, existing, errors }: { ctx: StaffContext; values: CompanyValues; existing?: Company | undefined; errors?: FormErrors | undefined }) {
  const title = existing ? existing.name : 'New company';
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/companies">
      <PageHeading back={{ href: '/admin/companies', label: 'Companies' }} title={title} />
      {existing ? (
        <p>
          <a href={`/admin/contacts?company=${existing.id}`}>Its contacts</a>
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form action={existing ? `/admin/companies/${existing.id}` : '/admin/companies'} csrf={ctx.csrf}>
        <TextField name="name" label="Name" value={values.name} required errors={errors} />
        <TextField name="industry" label="Industry" value={values.industry} hint="For example manufacturing, automotive or finance." errors={errors} />
        <SelectField name="membership" label="Membership" value={values.membership} options={MEMBERSHIP_OPTIONS} errors={errors} />
        <button type="submit" class="button">
          {existing ? 'Save' : 'Create company'}
        </button>
      </Form>
    </AdminLayout>
  );
}
