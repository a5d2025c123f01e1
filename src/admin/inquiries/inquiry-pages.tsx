import { INQUIRY_STATUSES, INQUIRY_TOPICS, topicLabel, type Inquiry, type InquiryStatus } from '../../inquiries/inquiries.js';
import type { StaffContext } from '../admin-route.js';
import { AdminLayout } from '../admin-layout.js';
import { ErrorSummary, Form, SelectField, type FormErrors } from '../forms.js';
import { FilterForm, FilterSelect, ListTable, PageHeading, utcTime } from '../page-parts.js';

const STATUS_OPTIONS = INQUIRY_STATUSES.map((status) => ({ value: status, label: status }));

/** `/admin/inquiries`: the inbox, newest first, filtered by status and topic. */
export function InboxPage({ ctx, inquiries, counts, filter, limit }: {
  ctx: StaffContext;
  inquiries: readonly Inquiry[];
  counts: Record<InquiryStatus, number>;
  filter: { status?: InquiryStatus | undefined; topic?: string | undefined };
  limit: number;
}) {
  return (
    <AdminLayout site={ctx.deps.site} title="Inquiries" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/inquiries">
      <h1>Inquiries</h1>
      <p>
        Messages sent through the public <a href="/contact">contact form</a>: {counts.new} new, {counts.answered} answered, {counts.closed} closed.
      </p>
      <FilterForm action="/admin/inquiries">
        <FilterSelect name="status" label="Status" value={filter.status ?? ''} options={[{ value: '', label: 'any' }, ...STATUS_OPTIONS]} />
        <FilterSelect name="topic" label="Topic" value={filter.topic ?? ''} options={[{ value: '', label: 'any' }, ...INQUIRY_TOPICS.map((topic) => ({ value: topic.key, label: topic.label }))]} />
      </FilterForm>
      <ListTable
        headings={['Received', 'From', 'Topic', 'Message', 'Status']}
        items={inquiries}
        empty="No inquiries match."
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
              <span class={`inquiry-status inquiry-status--${inquiry.status}`}>{inquiry.status}</span>
            </td>
          </tr>
        )}
      />
      {inquiries.length >= limit ? <p>Showing the newest {limit}; narrow the filters to see older ones.</p> : null}
    </AdminLayout>
  );
}

/** `/admin/inquiries/<id>`: the message, a reply link and the status form. */
export function InquiryPage({ ctx, inquiry, errors }: { ctx: StaffContext; inquiry: Inquiry; errors?: FormErrors | undefined }) {
  const subject = encodeURIComponent(`Re: ${topicLabel(inquiry.topic)}`);
  return (
    <AdminLayout site={ctx.deps.site} title={`Inquiry from ${inquiry.name}`} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/inquiries">
      <PageHeading back={{ href: '/admin/inquiries', label: 'Inquiries' }} title={`Inquiry from ${inquiry.name}`} />
      <dl class="facts">
        <dt>From</dt>
        <dd>
          {inquiry.name} &lt;<a href={`mailto:${inquiry.email}?subject=${subject}`}>{inquiry.email}</a>&gt;
        </dd>
        <dt>Company</dt>
        <dd>{inquiry.company ?? '—'}</dd>
        <dt>Topic</dt>
        <dd>{topicLabel(inquiry.topic)}</dd>
        <dt>Received</dt>
        <dd>{utcTime(inquiry.createdAt)}</dd>
        <dt>Status</dt>
        <dd>
          <span class={`inquiry-status inquiry-status--${inquiry.status}`}>{inquiry.status}</span> (changed {utcTime(inquiry.updatedAt)})
        </dd>
      </dl>
      <h2>Message</h2>
      <div class="inquiry-message">{inquiry.message}</div>
      <h2>Status</h2>
      <p>Answer by email (the link above opens your mail program), then mark the inquiry as answered; close it when nothing more is needed.</p>
      <ErrorSummary errors={errors} />
      <Form action={`/admin/inquiries/${inquiry.id}/status`} csrf={ctx.csrf}>
        <SelectField name="status" label="Status" value={inquiry.status} options={STATUS_OPTIONS} errors={errors} />
        <p>
          <button type="submit" class="button">
            Change status
          </button>
        </p>
      </Form>
    </AdminLayout>
  );
}
