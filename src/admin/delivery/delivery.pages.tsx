import type { Issue } from '../../issues/issues.js';
import { remainingOf, type Delivery, type DeliveryCounts } from '../../delivery/delivery.js';
import type { SuppressionRow } from '../../delivery/suppressions.service.js';
import { AdminLayout } from '../admin-layout.js';
import type { StaffContext } from '../admin-route.js';
import { ActionButton, ErrorSummary, Form, SelectField, TextArea, TextField, type FormErrors } from '../forms.js';
import { ListTable, PageHeading, utcTime } from '../page-parts.js';
import { SentChart } from './sent-chart.js';
import type { MinuteCounts } from '../../delivery/delivery.js';

// The desk's delivery pages: the list, starting a send or a test send, one delivery's live
// progress and report, and the suppression list (docs/desk/deliveries.md).

const EDITION_LABELS = { full: 'Full edition (members)', teaser: 'Teaser edition (public subscribers)' } as const;
const STATUS_LABELS: Record<Delivery['status'], string> = { scheduled: 'Scheduled', sending: 'Sending', paused: 'Paused', cancelled: 'Cancelled', done: 'Done' };

export function describeDelivery(delivery: Delivery): string {
  return `${delivery.issueTitle}: ${delivery.edition === 'full' ? 'full edition' : 'teaser edition'}${delivery.kind === 'test' ? ' (test)' : ''}`;
}

/** Values the send forms re-render with. */
export interface SendFormValues {
  readonly edition: string;
  readonly scheduledAt: string;
  readonly addresses: string;
}

export const EMPTY_SEND_FORM: SendFormValues = { edition: 'both', scheduledAt: '', addresses: '' };

/** Test send, send now and schedule for one issue (on the issue page and on its own page). */
export function SendForms({ ctx, issue, values, errors, form, headingLevel = 3 }: { ctx: StaffContext; issue: Pick<Issue, 'slug' | 'status'>; values: SendFormValues; errors?: FormErrors | undefined; form?: 'test' | 'send'; /** 3 inside the issue page's Sending panel, 2 on a page of its own. */ headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      <Heading>Test send</Heading>
      <Form action="/admin/deliveries/test" csrf={ctx.csrf}>
        <input type="hidden" name="issue" value={issue.slug} />
        {form === 'test' ? <ErrorSummary errors={errors} /> : null}
        <SelectField name="edition" idKey="test-edition" label="Edition" value={values.edition === 'teaser' ? 'teaser' : 'full'} options={[{ value: 'full', label: EDITION_LABELS.full }, { value: 'teaser', label: EDITION_LABELS.teaser }]} />
        <TextArea name="addresses" label="Send to" hint="Up to 20 addresses, separated by commas or new lines. The subject starts with [Test]." rows={3} value={values.addresses} errors={form === 'test' ? errors : undefined} />
        <button type="submit" class="button button--quiet">
          Send test
        </button>
      </Form>
      <Heading>Send to subscribers</Heading>
      {issue.status === 'draft' ? (
        <p>Publish or schedule the issue first; drafts are not sent.</p>
      ) : (
        <Form action="/admin/deliveries/send" csrf={ctx.csrf}>
          <input type="hidden" name="issue" value={issue.slug} />
          {form === 'send' ? <ErrorSummary errors={errors} /> : null}
          <SelectField
            name="edition"
            label="Edition"
            value={values.edition}
            options={[{ value: 'both', label: 'Both: full to members, teaser to everyone else' }, { value: 'full', label: EDITION_LABELS.full }, { value: 'teaser', label: EDITION_LABELS.teaser }]}
          />
          <TextField name="scheduled_at" label="Send at (UTC, optional)" type="datetime-local" hint="Leave empty to send now. The worker starts scheduled sends at this time." value={values.scheduledAt} errors={form === 'send' ? errors : undefined} />
          <button type="submit" class="button">
            Send or schedule
          </button>
        </Form>
      )}
    </>
  );
}

function CountsCells({ counts }: { counts: DeliveryCounts }) {
  return (
    <>
      <td>{counts.total}</td>
      <td>{counts.sent}</td>
      <td>{counts.failed}</td>
      <td>{counts.bounced}</td>
      <td>{remainingOf(counts)}</td>
    </>
  );
}

/** Deliveries as rows with their counts and a link to each report. */
export function DeliveriesTable({ items }: { items: readonly { delivery: Delivery; counts: DeliveryCounts }[] }) {
  return (
    <ListTable
      headings={['Delivery', 'Status', 'Created', 'Recipients', 'Sent', 'Failed', 'Bounced', 'Left']}
      items={items}
      empty="No deliveries yet."
      row={({ delivery, counts }) => (
        <tr key={delivery.id}>
          <td>
            <a href={`/admin/deliveries/${delivery.id}`}>{`#${delivery.id} ${describeDelivery(delivery)}`}</a>
          </td>
          <td>
            {delivery.status === 'scheduled' && delivery.scheduledAt ? `Scheduled for ${utcTime(delivery.scheduledAt)}` : STATUS_LABELS[delivery.status]}
            {delivery.status === 'paused' && delivery.problem ? ' (needs attention)' : ''}
          </td>
          <td>{utcTime(delivery.createdAt)}</td>
          <CountsCells counts={counts} />
        </tr>
      )}
    />
  );
}

export function DeliveriesPage({ ctx, items, issue }: { ctx: StaffContext; items: readonly { delivery: Delivery; counts: DeliveryCounts }[]; issue: Issue | null }) {
  return (
    <AdminLayout site={ctx.deps.site} title="Deliveries" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/deliveries">
      <h1>{issue ? `Deliveries of ${issue.title}` : 'Deliveries'}</h1>
      <p class="actions">
        <a href={issue ? `/admin/deliveries/new?issue=${encodeURIComponent(issue.slug)}` : '/admin/deliveries/new'}>{issue ? 'Send or test this issue' : 'Send an issue'}</a>
        {issue ? <a href="/admin/deliveries">All deliveries</a> : null}
        <a href="/admin/deliveries/suppressions">Suppression list</a>
      </p>
      <p>To send an issue, open it under Issues and use “Sending”, or run <code>insights send &lt;slug&gt;</code>.</p>
      <DeliveriesTable items={items} />
    </AdminLayout>
  );
}

export function NewDeliveryPage({ ctx, issue, values, errors, form }: { ctx: StaffContext; issue: Issue; values: SendFormValues; errors?: FormErrors | undefined; form?: 'test' | 'send' }) {
  return (
    <AdminLayout site={ctx.deps.site} title={`Send: ${issue.title}`} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/deliveries">
      <PageHeading back={{ href: `/admin/deliveries?issue=${encodeURIComponent(issue.slug)}`, label: `Deliveries of ${issue.title}` }} title={`Send ${issue.title}`} />
      <SendForms ctx={ctx} issue={issue} values={values} errors={errors} form={form} headingLevel={2} />
    </AdminLayout>
  );
}

/** `/admin/deliveries/new` without an issue: pick one (a GET form, so it works without script). */
export function ChooseIssuePage({ ctx, issues }: { ctx: StaffContext; issues: readonly Issue[] }) {
  return (
    <AdminLayout site={ctx.deps.site} title="Send an issue" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/deliveries">
      <PageHeading back={{ href: '/admin/deliveries', label: 'Deliveries' }} title="Send an issue" />
      {issues.length === 0 ? (
        <p>There are no issues yet.</p>
      ) : (
        <form method="get" action="/admin/deliveries/new" class="form">
          <SelectField name="issue" label="Issue" value={issues[0]!.slug} options={issues.map((issue) => ({ value: issue.slug, label: `${issue.title} (${issue.status})` }))} />
          <button type="submit" class="button">
            Continue
          </button>
        </form>
      )}
    </AdminLayout>
  );
}

type Report = {
  delivery: Delivery;
  counts: DeliveryCounts;
  problems: readonly { email: string; state: string; attempts: number; lastError: string | null; updatedAt: string }[];
  perMinute: readonly MinuteCounts[];
};

export function DeliveryPage({ ctx, report }: { ctx: StaffContext; report: Report }) {
  const { delivery, counts } = report;
  const path = `/admin/deliveries/${delivery.id}`;
  const live = delivery.status === 'sending' || delivery.status === 'scheduled';
  const done = counts.sent + counts.failed + counts.bounced + counts.skipped;
  return (
    <AdminLayout site={ctx.deps.site} title={`Delivery #${delivery.id}`} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/deliveries">
      <PageHeading back={{ href: '/admin/deliveries', label: 'Deliveries' }} title={`#${delivery.id} ${describeDelivery(delivery)}`} />
      <div data-live-delivery={live ? String(delivery.id) : undefined}>
        <p role="status">
          <strong>{STATUS_LABELS[delivery.status]}</strong>
          {delivery.status === 'scheduled' && delivery.scheduledAt ? ` for ${utcTime(delivery.scheduledAt)}` : ''}
          {counts.total > 0 ? ` · ${done} of ${counts.total} done (${Math.floor((done / counts.total) * 100)}%)` : ''}
          {live ? (
            <>
              {' · '}
              <a href={path}>Refresh</a>
            </>
          ) : null}
        </p>
        {counts.total > 0 ? <progress max={counts.total} value={done} aria-label="Progress" /> : null}
      </div>
      {delivery.status === 'paused' && delivery.problem ? (
        <p class="attention" data-delivery-problem="">
          <strong>Paused by itself:</strong> {delivery.problem}. Fix the cause (see the operations guide), then Resume.
        </p>
      ) : null}
      <p>
        Subject: {delivery.subject || '(set when sending starts)'} · Started {delivery.startedAt ? utcTime(delivery.startedAt) : 'not yet'}
        {delivery.finishedAt ? ` · Finished ${utcTime(delivery.finishedAt)}` : ''} · Created by {delivery.createdBy}
      </p>
      <div class="actions">
        {delivery.status === 'sending' ? <ActionButton action={`${path}/pause`} csrf={ctx.csrf} label="Pause" tone="quiet" /> : null}
        {delivery.status === 'paused' ? <ActionButton action={`${path}/resume`} csrf={ctx.csrf} label="Resume" /> : null}
        {counts.failed > 0 && (delivery.status === 'done' || delivery.status === 'sending' || delivery.status === 'paused') ? (
          <ActionButton action={`${path}/retry-failed`} csrf={ctx.csrf} label={`Retry ${counts.failed} failed`} />
        ) : null}
        {delivery.status === 'scheduled' || delivery.status === 'sending' || delivery.status === 'paused' ? (
          <ActionButton action={`${path}/cancel`} csrf={ctx.csrf} label="Cancel delivery" tone="danger" />
        ) : null}
      </div>
      <h2>Report</h2>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Recipients</th>
            <th scope="col">Sent</th>
            <th scope="col">Failed</th>
            <th scope="col">Bounced</th>
            <th scope="col">Left</th>
            <th scope="col">Unsubscribed</th>
            <th scope="col">Complaints</th>
            <th scope="col">Retried</th>
            <th scope="col">Skipped</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <CountsCells counts={counts} />
            <td>{counts.unsubscribed}</td>
            <td>{counts.complaints}</td>
            <td>{counts.retried}</td>
            <td>{counts.skipped}</td>
          </tr>
        </tbody>
      </table>
      {counts.mayHaveRepeated > 0 ? (
        <p class="attention">
          {counts.mayHaveRepeated} message(s) may have been sent twice: a sender stopped (crash or kill) while they were in flight, and they were sent again to make sure
          nobody was missed.
        </p>
      ) : null}
      <h2>Over time</h2>
      <SentChart perMinute={report.perMinute} />
      <h2>Failed and bounced</h2>
      <ListTable
        headings={['Address', 'State', 'Attempts', 'Reason', 'When']}
        items={report.problems}
        empty="None."
        row={(row) => (
          <tr key={row.email}>
            <td>{row.email}</td>
            <td>{row.state}</td>
            <td>{row.attempts}</td>
            <td>{row.lastError ?? ''}</td>
            <td>{utcTime(row.updatedAt)}</td>
          </tr>
        )}
      />
      {live ? <script src="/admin/deliveries/progress.js" defer /> : null}
    </AdminLayout>
  );
}

const REASONS: Record<SuppressionRow['reason'], string> = { hard_bounce: 'Hard bounce', complaint: 'Complaint', manual: 'Added on the desk' };

export function SuppressionsPage({ ctx, items, total, email, errors }: { ctx: StaffContext; items: readonly SuppressionRow[]; total: number; email: string; errors?: FormErrors | undefined }) {
  return (
    <AdminLayout site={ctx.deps.site} title="Suppression list" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/deliveries">
      <PageHeading back={{ href: '/admin/deliveries', label: 'Deliveries' }} title="Suppression list" />
      <p>No delivery is sent to these {total} address(es). Hard bounces and complaints are added by themselves.</p>
      <Form action="/admin/deliveries/suppressions" csrf={ctx.csrf}>
        <ErrorSummary errors={errors} />
        <TextField name="email" label="Add an address" type="email" value={email} errors={errors} />
        <button type="submit" class="button">
          Add
        </button>
      </Form>
      <ListTable
        headings={['Address', 'Reason', 'Detail', 'Since', '']}
        items={items}
        empty="The list is empty."
        row={(row) => (
          <tr key={row.emailKey}>
            <td>{row.emailKey}</td>
            <td>{REASONS[row.reason]}</td>
            <td>{row.detail ?? ''}</td>
            <td>{utcTime(row.createdAt)}</td>
            <td>
              <ActionButton action="/admin/deliveries/suppressions/remove" csrf={ctx.csrf} label="Remove" tone="quiet" fields={{ email: row.emailKey }} />
            </td>
          </tr>
        )}
      />
    </AdminLayout>
  );
}
