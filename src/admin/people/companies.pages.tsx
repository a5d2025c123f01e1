import type { Suggestion } from '../../organizations/suggestions.js';
import type { CompanyFilter, CompanySummary } from '../../members/companies.js';
import { MEMBERSHIPS, type Company, type Paged } from '../../members/members.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { ErrorSummary, Form, SelectField, TextField, type FormErrors } from '../forms.js';
import { FilterForm, FilterSelect, ListTable, PageHeading } from '../page-parts.js';
import { Pager } from './people-parts.js';
import { useLocale } from '../../web/locale.js';

/** A membership as a badge. */
export function MembershipBadge({ membership }: { membership: Company['membership'] }) {
  const { t } = useLocale();
  return <span class={membership === 'active' ? 'status status--published' : 'status status--draft'}>{t('desk.companies.membershipOf', { membership })}</span>;
}

/** `/admin/companies`: companies by name, with filters and each one's number of contacts. */
export function CompanyListPage({ ctx, companies, filter }: { ctx: StaffContext; companies: Paged<CompanySummary>; filter: CompanyFilter }) {
  const filters = { q: filter.search, membership: filter.membership };
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('desk.nav.companies')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/companies">
      <h1>{t('desk.nav.companies')}</h1>
      <p>{t('desk.companies.intro')}</p>
      <p class="actions">
        <a class="button" href="/admin/companies/new">
          {t('desk.companies.new')}
        </a>
        <a class="button button--quiet" href="/admin/contacts/import">
          {t('desk.companies.import')}
        </a>
      </p>
      <FilterForm action="/admin/companies">
        <label>
          {t('desk.companies.name')} <input type="search" name="q" value={filter.search ?? ''} />
        </label>
        <FilterSelect
          name="membership"
          label={t('desk.companies.membership')}
          value={filter.membership ?? ''}
          options={[{ value: '', label: t('desk.companies.any') }, ...MEMBERSHIPS.map((membership) => ({ value: membership, label: t('desk.companies.membershipOf', { membership }) }))]}
        />
      </FilterForm>
      <ListTable
        headings={[t('desk.companies.name'), t('desk.companies.industry'), t('desk.companies.membership'), t('desk.nav.contacts')]}
        items={companies.items}
        empty={t('desk.companies.noMatch')}
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
export function CompanyFormPage({ ctx, values, existing, errors, suggestions }: { ctx: StaffContext; values: CompanyValues; existing?: Company | undefined; errors?: FormErrors | undefined; suggestions?: readonly Suggestion[] | undefined }) {
  const { t } = ctx.locale;
  const title = existing ? existing.name : t('desk.companies.new');
  const membershipOptions = [
    { value: 'active', label: t('desk.companies.activeOption') },
    { value: 'lapsed', label: t('desk.companies.lapsedOption') },
  ];
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/companies">
      <PageHeading back={{ href: '/admin/companies', label: t('desk.nav.companies') }} title={title} />
      {existing ? (
        <p>
          <a href={`/admin/contacts?company=${existing.id}`}>{t('desk.companies.itsContacts')}</a>
        </p>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form action={existing ? `/admin/companies/${existing.id}` : '/admin/companies'} csrf={ctx.csrf}>
        <TextField name="name" label={t('desk.companies.name')} value={values.name} required errors={errors} />
        <TextField name="industry" label={t('desk.companies.industry')} value={values.industry} hint={t('desk.companies.industryHint')} errors={errors} />
        <SelectField name="membership" label={t('desk.companies.membership')} value={values.membership} options={membershipOptions} errors={errors} />
        <button type="submit" class="button">
          {existing ? t('desk.forms.save') : t('desk.companies.create')}
        </button>
      </Form>
      {suggestions ? <InnovatorSuggestions suggestions={suggestions} /> : null}
    </AdminLayout>
  );
}

/** The innovators suggested to a member company, each with its points and why. */
function InnovatorSuggestions({ suggestions }: { suggestions: readonly Suggestion[] }) {
  const { t } = useLocale();
  const separator = t('reading.listSeparator');
  return (
    <section aria-labelledby="suggestions-heading">
      <h2 id="suggestions-heading">{t('deskOrganizations.suggestions.title')}</h2>
      <p>{t('deskOrganizations.suggestions.lede')}</p>
      {suggestions.length === 0 ? (
        <p>{t('deskOrganizations.suggestions.empty')}</p>
      ) : (
        <ol>
          {suggestions.map((suggestion) => (
            <li>
              <a href={`/innovators/${suggestion.slug}`}>{suggestion.name}</a> {t('deskOrganizations.suggestions.points', { points: suggestion.points })}
              <ul>
                {suggestion.parts.map((part) => (
                  <li>{part.key === 'sector' || part.key === 'topic' ? t(part.key === 'sector' ? 'deskOrganizations.suggestions.sector' : 'deskOrganizations.suggestions.topic', { names: part.names.join(separator), points: part.points }) : t('innovationPlatform.desk.suggestionWhy', { part: part.key, names: part.names.join(separator), points: part.points })}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
