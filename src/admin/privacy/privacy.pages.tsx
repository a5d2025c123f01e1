import type { EntryCount } from '../../privacy/privacy.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { ErrorSummary, Form, type FormErrors } from '../forms.js';
import { ListTable, PageHeading } from '../page-parts.js';

/** The contact page's personal-data section: the export download and the way to erasure. */
export function ContactPrivacySection({ ctx, contactId }: { ctx: StaffContext; contactId: number }) {
  const { t } = ctx.locale;
  return (
    <section aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">{t('deskPrivacy.heading')}</h2>
      <p>{t('deskPrivacy.intro')}</p>
      <p>
        <a class="button button--quiet" href={`/admin/contacts/${contactId}/export.json`} download>
          {t('deskPrivacy.export')}
        </a>{' '}
        <a class="button button--quiet" href={`/admin/contacts/${contactId}/erase`}>
          {t('deskPrivacy.erase')}
        </a>
      </p>
    </section>
  );
}

/** `/admin/contacts/:id/erase`: what an erasure would delete, anonymise or keep, and the confirm button. */
export function ErasureConfirmPage({ ctx, contactId, email, counts, errors }: { ctx: StaffContext; contactId: number; email: string; counts: readonly EntryCount[]; errors?: FormErrors | undefined }) {
  const { t } = ctx.locale;
  const title = t('deskPrivacy.eraseTitle', { id: contactId });
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/contacts">
      <PageHeading back={{ href: `/admin/contacts/${contactId}`, label: email }} title={title} />
      <ErrorSummary errors={errors} />
      <p>{t('deskPrivacy.eraseIntro', { email })}</p>
      <ListTable
        headings={[t('deskPrivacy.where'), t('deskPrivacy.what'), t('deskPrivacy.rows')]}
        items={counts.filter((count) => count.count > 0)}
        empty=""
        row={(count) => (
          <tr>
            <td>
              <code>{count.entry}</code>
            </td>
            <td>{t('deskPrivacy.action', { action: count.action })}</td>
            <td>{count.count}</td>
          </tr>
        )}
      />
      <Form action={`/admin/contacts/${contactId}/erase`} csrf={ctx.csrf}>
        <button type="submit" class="button button--danger">
          {t('deskPrivacy.confirm')}
        </button>{' '}
        <a href={`/admin/contacts/${contactId}`}>{t('deskPrivacy.cancel')}</a>
      </Form>
    </AdminLayout>
  );
}
