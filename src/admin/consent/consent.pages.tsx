import type { ConsentEvent } from '../../consent/consent.js';
import type { Contact } from '../../members/members.js';
import { AdminLayout } from '../admin-layout.js';
import type { StaffContext } from '../admin-route.js';
import { ListTable, PageHeading, utcTime } from '../page-parts.js';

/** `/admin/contacts/<id>/consent`: every ledger row of one address, the wording in full. */
export function ConsentProofPage({ ctx, contact, events }: { ctx: StaffContext; contact: Contact; events: readonly ConsentEvent[] }) {
  const { t } = ctx.locale;
  const title = t('deskConsent.title', { email: contact.email });
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/contacts">
      <PageHeading back={{ href: `/admin/contacts/${contact.id}`, label: t('deskConsent.back') }} title={title} />
      <p>{t('deskConsent.intro')}</p>
      <ListTable
        headings={[t('deskConsent.time'), t('deskConsent.purpose'), t('deskConsent.action'), t('deskConsent.source'), t('deskConsent.wording'), t('deskConsent.network')]}
        items={events}
        empty={t('deskConsent.none')}
        row={(event) => (
          <tr key={event.id}>
            <td>
              <time dateTime={event.occurredAt}>{utcTime(event.occurredAt)}</time>
            </td>
            <td>
              {t('deskConsent.purposeName', { purpose: event.purpose })}
              {event.subjectRef ? (
                <>
                  <br />
                  {t('deskConsent.subject', { subject: event.subjectRef })}
                </>
              ) : null}
            </td>
            <td>{t('deskConsent.actionName', { action: event.action })}</td>
            <td>
              {t('deskConsent.sourceKind', { kind: event.sourceKind })}: {event.source}
            </td>
            <td>{event.wording ? <q lang={event.wording.language}>{event.wording.text}</q> : t('deskConsent.noWording')}</td>
            <td>{[event.ip, event.userAgent].filter(Boolean).join(' · ')}</td>
          </tr>
        )}
      />
      {events.length > 0 ? (
        <p>
          <a href={`/admin/contacts/${contact.id}/consent.csv`} download>
            {t('deskConsent.exportCsv')}
          </a>
        </p>
      ) : null}
    </AdminLayout>
  );
}
