import { INQUIRY_STATUSES, INQUIRY_TOPICS, topicLabel, type Inquiry, type InquiryStatus } from '../../inquiries/inquiries.js';
import type { Translate } from '../../i18n/messages.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { ErrorSummary, Form, SelectField, type FormErrors } from '../forms.js';
import { FilterForm, FilterSelect, ListTable, PageHeading, TextWith, utcTime } from '../page-parts.js';

function statusOptions(t: Translate) {
  return INQUIRY_STATUSES.map((status) => ({ value: status, label: t('desk.inquiries.statusOf', { status }) }));
}

/** `/admin/inquiries`: the inbox, newest first, filtered by status and topic. */
export function InboxPage({ ctx, inquiries, counts, filter, limit }: {
  ctx: StaffContext;
  inquiries: readonly Inquiry[];
  counts: Record<InquiryStatus, number>;
  filter: { status?: InquiryStatus | undefined; topic?: string | undefined };
  limit: number;
}) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('desk.nav.inquiries')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/inquiries">
      <h1>{t('desk.nav.inquiries')}</h1>
      <p>
        <TextWith text={(markers) => t('desk.inquiries.intro', { ...markers, new: counts.new, answered: counts.answered, closed: counts.closed })} elements={{ form: <a href="/contact">{t('desk.inquiries.contactForm')}</a> }} />
      </p>
      <FilterForm action="/admin/inquiries">
        <FilterSelect name="status" label={t('desk.inquiries.status')} value={filter.status ?? ''} options={[{ value: '', label: t('desk.inquiries.any') }, ...statusOptions(t)]} />
        <FilterSelect name="topic" label={t('desk.inquiries.topic')} value={filter.topic ?? ''} options={[{ value: '', label: t('desk.inquiries.any') }, ...INQUIRY_TOPICS.map((topic) => ({ value: topic.key, label: topic.label }))]} />
      </FilterForm>
      <ListTable
        headings={[t('desk.inquiries.received'), t('desk.inquiries.from'), t('desk.inquiries.topic'), t('desk.inquiries.message'), t('desk.inquiries.status')]}
        items={inquiries}
        empty={t('desk.inquiries.noMatch')}
        row={(inquiry) => (
          <tr key={inquiry.id}>
            <td>{utcTime(inquiry.createdAt)}</td>
            <td>
              <a href={`/admin/inquiries/${inquiry.id}`}>{inquiry.name}</a>
              <br />
              <small>
                {inquiry.email}
                {inquiry.company ? ` · ${inquiry.company}` : ''}
              </small>
            </td>
            <td>{topicLabel(inquiry.topic)}</td>
            <td>{inquiry.message.length > 120 ? `${inquiry.message.slice(0, 117)}…` : inquiry.message}</td>
            <td>
              <span class={`inquiry-status inquiry-status--${inquiry.status}`}>{t('desk.inquiries.statusOf', { status: inquiry.status })}</span>
            </td>
          </tr>
        )}
      />
      {inquiries.length >= limit ? <p>{t('desk.inquiries.newest', { limit })}</p> : null}
    </AdminLayout>
  );
}

/** `/admin/inquiries/<id>`: the message, a reply link and the status form. */
export function InquiryPage({ ctx, inquiry, errors }: { ctx: StaffContext; inquiry: Inquiry; errors?: FormErrors | undefined }) {
  const { t } = ctx.locale;
  const subject = encodeURIComponent(`Re: ${topicLabel(inquiry.topic)}`);
  const title = t('desk.inquiries.title', { name: inquiry.name });
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/inquiries">
      <PageHeading back={{ href: '/admin/inquiries', label: t('desk.nav.inquiries') }} title={title} />
      <dl class="facts">
        <dt>{t('desk.inquiries.from')}</dt>
        <dd>
          {inquiry.name} {'<'}
          <a href={`mailto:${inquiry.email}?subject=${subject}`}>{inquiry.email}</a>
          {'>'}
        </dd>
        <dt>{t('desk.inquiries.company')}</dt>
        <dd>{inquiry.company ?? '—'}</dd>
        <dt>{t('desk.inquiries.topic')}</dt>
        <dd>{topicLabel(inquiry.topic)}</dd>
        <dt>{t('desk.inquiries.received')}</dt>
        <dd>{utcTime(inquiry.createdAt)}</dd>
        <dt>{t('desk.inquiries.status')}</dt>
        <dd>
          <span class={`inquiry-status inquiry-status--${inquiry.status}`}>{t('desk.inquiries.statusOf', { status: inquiry.status })}</span> {t('desk.inquiries.changed', { time: utcTime(inquiry.updatedAt) })}
        </dd>
      </dl>
      <h2>{t('desk.inquiries.message')}</h2>
      <div class="inquiry-message">{inquiry.message}</div>
      <h2>{t('desk.inquiries.status')}</h2>
      <p>{t('desk.inquiries.howTo')}</p>
      <ErrorSummary errors={errors} />
      <Form action={`/admin/inquiries/${inquiry.id}/status`} csrf={ctx.csrf}>
        <SelectField name="status" label={t('desk.inquiries.status')} value={inquiry.status} options={statusOptions(t)} errors={errors} />
        <p>
          <button type="submit" class="button">
            {t('desk.inquiries.changeStatus')}
          </button>
        </p>
      </Form>
    </AdminLayout>
  );
}
