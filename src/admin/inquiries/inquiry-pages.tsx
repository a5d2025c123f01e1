import { can } from '../../auth/permissions.js';
import { INQUIRY_STATUSES, INQUIRY_TOPICS, topicLabel, type Inquiry, type InquiryStatus } from '../../inquiries/inquiries.js';
import { topicLabelIn } from '../../inquiries/inquiries.service.js';
import type { Translate } from '../../i18n/messages.js';
import type { StaffMember } from '../../staff/staff.js';
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
  filter: { status?: InquiryStatus | undefined; topic?: string | undefined; assigned?: 'me' | undefined };
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
        <FilterSelect name="topic" label={t('desk.inquiries.topic')} value={filter.topic ?? ''} options={[{ value: '', label: t('desk.inquiries.any') }, ...INQUIRY_TOPICS.map((topic) => ({ value: topic.key, label: topicLabelIn(ctx.locale.language, topic.key) }))]} />
        <FilterSelect name="assigned" label={t('services.desk.inbox.assigned')} value={filter.assigned ?? ''} options={[{ value: '', label: t('desk.inquiries.any') }, { value: 'me', label: t('services.desk.inbox.assignedToMe') }]} />
      </FilterForm>
      {can(ctx.staff.role, 'manage_site') ? (
        <p>
          <a href="/admin/inquiries/owners">{t('services.desk.owners.title')}</a>
        </p>
      ) : null}
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
            <td>{topicLabelIn(ctx.locale.language, inquiry.topic)}</td>
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
export function InquiryPage({ ctx, inquiry, assignee, errors }: { ctx: StaffContext; inquiry: Inquiry; assignee: string | null; errors?: FormErrors | undefined }) {
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
        <dd>{topicLabelIn(ctx.locale.language, inquiry.topic)}</dd>
        <dt>{t('services.desk.inbox.assignedTo')}</dt>
        <dd>{assignee ?? t('services.desk.inbox.nobody')}</dd>
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

/** `/admin/inquiries/owners`: who owns each topic (manage_site). */
export function TopicOwnersPage({ ctx, input, candidates, errors }: {
  ctx: StaffContext;
  input: Readonly<Record<string, string>>;
  candidates: readonly StaffMember[];
  errors?: FormErrors | undefined;
}) {
  const { t } = ctx.locale;
  const title = t('services.desk.owners.title');
  const options = [{ value: '', label: t('services.desk.owners.nobody') }, ...candidates.map((staff) => ({ value: String(staff.id), label: staff.name ? `${staff.name} <${staff.email}>` : staff.email }))];
  return (
    <AdminLayout site={ctx.deps.site} title={title} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/inquiries">
      <div class="narrow">
        <PageHeading back={{ href: '/admin/inquiries', label: t('desk.nav.inquiries') }} title={title} />
        <p>{t('services.desk.owners.intro')}</p>
        <ErrorSummary errors={errors} />
        <Form action="/admin/inquiries/owners" csrf={ctx.csrf}>
          {INQUIRY_TOPICS.map((topic) => (
            <SelectField key={topic.key} name={topic.key} label={t('services.desk.owners.owner', { topic: topicLabelIn(ctx.locale.language, topic.key) })} value={input[topic.key] ?? ''} options={options} errors={errors} />
          ))}
          <p>
            <button type="submit" class="button">
              {t('services.desk.owners.save')}
            </button>
          </p>
        </Form>
      </div>
    </AdminLayout>
  );
}
