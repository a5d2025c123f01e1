import type { Sector } from '../../content/taxonomy.js';
import { ORGANIZATION_KINDS, inDirectory } from '../../organizations/organizations.js';
import type { DeskOrganizationRow } from '../../organizations/organizations.service.js';
import type { OrganizationDraft } from '../../organizations/organization-draft.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { CheckboxGroup, ErrorSummary, Form, SelectField, TextArea, TextField, type FormErrors } from '../forms.js';
import { FilterForm, ListTable, PageHeading } from '../page-parts.js';

/** Where the desk edits an organisation's profile. */
export function organizationEditPath(slug: string): string {
  return `/admin/organizations/${slug}/edit`;
}

/** `/admin/organizations`: every organisation, profiled or only named, searchable, a page at a time. */
export function OrganizationListPage({ ctx, q, rows, total, page, pages }: { ctx: StaffContext; q: string; rows: readonly DeskOrganizationRow[]; total: number; page: number; pages: number }) {
  const { t } = ctx.locale;
  const href = (n: number) => `/admin/organizations?${new URLSearchParams({ ...(q ? { q } : {}), ...(n > 1 ? { page: String(n) } : {}) }).toString()}`;
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskOrganizations.title')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/organizations">
      <h1>{t('deskOrganizations.title')}</h1>
      <p>{t('deskOrganizations.lede')}</p>
      <p class="actions">
        <a class="button" href="/admin/organizations/new">{t('deskOrganizations.new')}</a>
      </p>
      <FilterForm action="/admin/organizations">
        <label>
          {t('deskOrganizations.search')} <input type="search" name="q" value={q} maxLength={200} />
        </label>
      </FilterForm>
      <p role="status">{t('deskOrganizations.count', { count: total })}</p>
      <ListTable
        headings={[t('deskOrganizations.col.name'), t('deskOrganizations.col.country'), t('deskOrganizations.col.profile'), t('deskOrganizations.col.stories'), t('deskOrganizations.col.contacts')]}
        items={rows}
        empty={t('deskOrganizations.empty')}
        row={(row) => (
          <tr>
            <td><a href={organizationEditPath(row.slug)}>{row.name}</a></td>
            <td>{row.country ?? ''}</td>
            <td>{t(!row.profiled ? 'deskOrganizations.profile.none' : inDirectory(row.country) ? 'deskOrganizations.profile.directory' : 'deskOrganizations.profile.page')}</td>
            <td>{String(row.stories)}</td>
            <td>{String(row.contacts)}</td>
          </tr>
        )}
      />
      {pages > 1 ? (
        <nav class="pager" aria-label={t('browse.pager.label')}>
          {page > 1 ? <a href={href(page - 1)} rel="prev">{t('browse.pager.newer')}</a> : null}
          <span>{t('browse.pager.pageOf', { page: String(page), pages: String(pages) })}</span>
          {page < pages ? <a href={href(page + 1)} rel="next">{t('browse.pager.older')}</a> : null}
        </nav>
      ) : null}
    </AdminLayout>
  );
}

/** The profile form, new or for an organisation; it re-renders with what was typed and the problems at their fields. */
export function OrganizationEditPage({ ctx, slug, name, draft, sectors, errors, publicPath }: {
  ctx: StaffContext; slug: string | undefined; name: string; draft: OrganizationDraft; sectors: readonly Sector[]; errors?: FormErrors | undefined; publicPath: string | null;
}) {
  const { t } = ctx.locale;
  const title = slug ? t('deskOrganizations.editTitle', { name }) : t('deskOrganizations.newTitle');
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/organizations">
      <PageHeading back={{ href: '/admin/organizations', label: t('deskOrganizations.back') }} title={title} />
      {publicPath ? <p><a href={publicPath}>{t('deskOrganizations.view')}</a></p> : null}
      <ErrorSummary errors={errors} />
      <Form action={slug ? organizationEditPath(slug) : '/admin/organizations/new'} csrf={ctx.csrf}>
        {slug ? <input type="hidden" name="slug" value={slug} /> : <TextField name="slug" label={t('deskOrganizations.field.slug')} hint={t('deskOrganizations.field.slugHint')} value={draft.slug} errors={errors} required />}
        <TextField name="name" label={t('deskOrganizations.field.name')} value={draft.name} errors={errors} required />
        <TextField name="nameZh" label={t('deskOrganizations.field.nameZh')} value={draft.nameZh} errors={errors} />
        <TextField name="country" label={t('deskOrganizations.field.country')} hint={t('deskOrganizations.field.countryHint')} value={draft.country} errors={errors} />
        <SelectField
          name="kind"
          label={t('deskOrganizations.field.kind')}
          value={draft.kind}
          errors={errors}
          options={[{ value: '', label: t('deskOrganizations.field.kindNone') }, ...ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: t(`organizationProfile.kind.${kind}` as MessageKey) }))]}
        />
        <TextField name="city" label={t('deskOrganizations.field.city')} value={draft.city} errors={errors} />
        <TextField name="founded" label={t('deskOrganizations.field.founded')} value={draft.founded} errors={errors} />
        <TextField name="website" type="url" label={t('deskOrganizations.field.website')} value={draft.website} errors={errors} />
        <CheckboxGroup name="sectors" legend={t('deskOrganizations.field.sectors')} options={sectors.map((s) => ({ value: s.slug, label: s.name }))} checked={draft.sectors} errors={errors} />
        <TextArea name="technologies" label={t('deskOrganizations.field.technologies')} hint={t('deskOrganizations.field.technologiesHint')} value={draft.technologies} errors={errors} rows={3} />
        <TextArea name="aliases" label={t('deskOrganizations.field.aliases')} hint={t('deskOrganizations.field.aliasesHint')} value={draft.aliases} errors={errors} rows={3} />
        <TextArea name="body" label={t('deskOrganizations.field.body')} hint={t('deskOrganizations.field.bodyHint')} value={draft.body} errors={errors} rows={12} />
        <TextArea name="contacts" label={t('deskOrganizations.field.contacts')} hint={t('deskOrganizations.field.contactsHint')} value={draft.contacts} errors={errors} rows={4} />
        <p>
          <button type="submit" class="button">{t('deskOrganizations.save')}</button>
        </p>
      </Form>
    </AdminLayout>
  );
}
