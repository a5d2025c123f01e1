import type { Issue } from '../../issues/issues.js';
import { remainingOf, type Delivery, type DeliveryCounts } from '../../delivery/delivery.js';
import type { SuppressionRow } from '../../delivery/suppressions.service.js';
import { AdminLayout } from '../admin-layout.js';
import type { StaffContext } from '../admin-route.js';
import { ActionButton, ErrorSummary, Form, SelectField, TextArea, TextField, type FormErrors } from '../forms.js';
import { ListTable, PageHeading, TextWith, utcTime } from '../page-parts.js';
import { useLocale } from '../../web/locale.js';
import type { Translate } from '../../i18n/messages.js';
import { SentChart } from './sent-chart.js';
import type { DomainHealth } from '../../delivery/engine/pacing.js';
import { findingChartSvg } from '../../reports/finding-chart.js';
import type { MinuteCounts } from '../../delivery/delivery.js';
import { DEFAULT_SEND_ZONE, timeInZone } from './send-confirm.js';
import { AlarmNote } from './alarm-parts.js';
import { DomainTimelineChart } from './domain-timeline-chart.js';
import type { DomainMinute } from '../../delivery/alarms/alarm.js';
import type { DeliveryEngagement } from '../../engagement/engagement.js';
import { DeliveryEngagementSection, DeliveryOpensSection } from '../engagement/engagement-parts.js';

// The desk's delivery pages: the list, starting a send or a test send, one delivery's live
// progress and report, and the suppression list (docs/desk/deliveries.md).

function editionOptions(t: Translate) {
  return [
    { value: 'full', label: t('deskSending.delivery.editionLabel', { edition: 'full' }) },
    { value: 'teaser', label: t('deskSending.delivery.editionLabel', { edition: 'teaser' }) },
  ];
}

function statusLabel(t: Translate, status: Delivery['status']): string {
  return t('deskSending.delivery.status', { status });
}

export function describeDelivery(t: Translate, delivery: Delivery): string {
  const description = t('deskSending.delivery.describe', { title: delivery.issueTitle, edition: delivery.edition === 'full' ? 'full' : 'teaser', kind: delivery.kind === 'test' ? 'test' : 'real' });
  return delivery.segmentName ? t('deskAudiences.delivery.toSegment', { description, segment: delivery.segmentName }) : description;
}

/** Values the send forms re-render with. */
export interface SendFormValues {
  readonly edition: string;
  readonly scheduledAt: string;
  readonly addresses: string;
  /** The segment's id ('' for everyone of the edition) and the zone the time is in. */
  readonly segment?: string;
  readonly timeZone?: string;
}

export const EMPTY_SEND_FORM: SendFormValues = { edition: 'both', scheduledAt: '', addresses: '', segment: '', timeZone: DEFAULT_SEND_ZONE };

/** Test send, send now and schedule for one issue (on the issue page and on its own page). */
export function SendForms({ ctx, issue, values, errors, form, headingLevel = 3, segments }: { ctx: StaffContext; issue: Pick<Issue, 'slug' | 'status'>; values: SendFormValues; errors?: FormErrors | undefined; form?: 'test' | 'send'; /** 3 inside the issue page's Sending panel, 2 on a page of its own. */ headingLevel?: 2 | 3; /** The segments a send may go to (the send page offers them; the issue page links there). */ segments?: readonly { id: number; name: string }[] }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const { t } = ctx.locale;
  return (
    <>
      <Heading>{t('deskSending.delivery.testSend')}</Heading>
      <Form action="/admin/deliveries/test" csrf={ctx.csrf}>
        <input type="hidden" name="issue" value={issue.slug} />
        {form === 'test' ? <ErrorSummary errors={errors} /> : null}
        <SelectField name="edition" idKey="test-edition" label={t('deskSending.delivery.edition')} value={values.edition === 'teaser' ? 'teaser' : 'full'} options={editionOptions(t)} />
        <TextArea name="addresses" label={t('deskSending.delivery.sendTo')} hint={t('deskSending.delivery.sendToHint')} rows={3} value={values.addresses} errors={form === 'test' ? errors : undefined} />
        <button type="submit" class="button button--quiet">
          {t('deskSending.delivery.sendTest')}
        </button>
      </Form>
      <Heading>{t('deskSending.delivery.sendToSubscribers')}</Heading>
      {issue.status === 'draft' ? (
        <p>{t('deskSending.delivery.draftNotSent')}</p>
      ) : (
        <Form action="/admin/deliveries/send" csrf={ctx.csrf}>
          <input type="hidden" name="issue" value={issue.slug} />
          {form === 'send' ? <ErrorSummary errors={errors} /> : null}
          <SelectField
            name="edition"
            label={t('deskSending.delivery.edition')}
            value={values.edition}
            options={[{ value: 'both', label: t('deskSending.delivery.editionLabel', { edition: 'both' }) }, ...editionOptions(t)]}
          />
          {segments ? (
            <SelectField name="segment" label={t('deskAudiences.send.segment')} hint={t('deskAudiences.send.segmentHint')} value={values.segment ?? ''} options={[{ value: '', label: t('deskAudiences.send.everyone') }, ...segments.map((segment) => ({ value: String(segment.id), label: segment.name }))]} errors={form === 'send' ? errors : undefined} />
          ) : null}
          <TextField name="scheduled_at" label={t('deskAudiences.send.sendAt')} type="datetime-local" hint={t('deskSending.delivery.sendAtHint')} value={values.scheduledAt} errors={form === 'send' ? errors : undefined} />
          <TextField name="time_zone" label={t('deskAudiences.send.timeZone')} hint={t('deskAudiences.send.timeZoneHint')} value={values.timeZone ?? DEFAULT_SEND_ZONE} errors={form === 'send' ? errors : undefined} />
          <button type="submit" class="button">
            {t('deskAudiences.send.continue')}
          </button>
          {segments ? null : (
            <p>
              <a href={`/admin/deliveries/new?issue=${encodeURIComponent(issue.slug)}`}>{t('deskAudiences.send.toSegment')}</a>
            </p>
          )}
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
  const { t } = useLocale();
  return (
    <ListTable
      headings={[
        t('deskSending.delivery.delivery'),
        t('deskSending.delivery.statusHeading'),
        t('deskSending.delivery.created'),
        t('deskSending.delivery.recipients'),
        t('deskSending.delivery.sent'),
        t('deskSending.delivery.failed'),
        t('deskSending.delivery.bounced'),
        t('deskSending.delivery.left'),
      ]}
      items={items}
      empty={t('deskSending.delivery.noDeliveries')}
      row={({ delivery, counts }) => (
        <tr key={delivery.id}>
          <td>
            <a href={`/admin/deliveries/${delivery.id}`}>{`#${delivery.id} ${describeDelivery(t, delivery)}`}</a>
          </td>
          <td>
            {delivery.status === 'scheduled' && delivery.scheduledAt ? t('deskSending.delivery.scheduledFor', { time: timeInZone(delivery.scheduledAt, delivery.scheduleZone) }) : statusLabel(t, delivery.status)}
            {delivery.status === 'paused' && delivery.problem ? t('deskSending.delivery.needsAttention') : ''}
          </td>
          <td>{utcTime(delivery.createdAt)}</td>
          <CountsCells counts={counts} />
        </tr>
      )}
    />
  );
}

export function DeliveriesPage({ ctx, items, issue }: { ctx: StaffContext; items: readonly { delivery: Delivery; counts: DeliveryCounts }[]; issue: Issue | null }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('desk.nav.deliveries')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/deliveries">
      <h1>{issue ? t('deskSending.delivery.deliveriesOf', { title: issue.title }) : t('desk.nav.deliveries')}</h1>
      <p class="actions">
        <a href={issue ? `/admin/deliveries/new?issue=${encodeURIComponent(issue.slug)}` : '/admin/deliveries/new'}>{issue ? t('deskSending.delivery.sendOrTestThis') : t('deskSending.delivery.sendAnIssue')}</a>
        {issue ? <a href="/admin/deliveries">{t('deskSending.delivery.allDeliveries')}</a> : null}
        <a href="/admin/deliveries/suppressions">{t('deskSending.delivery.suppressionList')}</a>
      </p>
      <p>
        <TextWith text={(markers) => t('deskSending.delivery.howToSend', markers)} elements={{ command: <code>{'insights send <slug>'}</code> }} />
      </p>
      <DeliveriesTable items={items} />
    </AdminLayout>
  );
}

export function NewDeliveryPage({ ctx, issue, values, errors, form, segments }: { ctx: StaffContext; issue: Issue; values: SendFormValues; errors?: FormErrors | undefined; form?: 'test' | 'send'; segments: readonly { id: number; name: string }[] }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskSending.delivery.sendTitle', { title: issue.title })} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/deliveries">
      <PageHeading back={{ href: `/admin/deliveries?issue=${encodeURIComponent(issue.slug)}`, label: t('deskSending.delivery.deliveriesOf', { title: issue.title }) }} title={t('deskSending.delivery.sendHeading', { title: issue.title })} />
      <SendForms ctx={ctx} issue={issue} values={values} errors={errors} form={form} headingLevel={2} segments={segments} />
    </AdminLayout>
  );
}

/** `/admin/deliveries/new` without an issue: pick one (a GET form, so it works without script). */
export function ChooseIssuePage({ ctx, issues }: { ctx: StaffContext; issues: readonly Issue[] }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskSending.delivery.sendAnIssue')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/deliveries">
      <PageHeading back={{ href: '/admin/deliveries', label: t('desk.nav.deliveries') }} title={t('deskSending.delivery.sendAnIssue')} />
      {issues.length === 0 ? (
        <p>{t('deskSending.delivery.noIssues')}</p>
      ) : (
        <form method="get" action="/admin/deliveries/new" class="form">
          <SelectField name="issue" label={t('deskSending.delivery.issue')} value={issues[0]!.slug} options={issues.map((issue) => ({ value: issue.slug, label: t('deskSending.delivery.issueOption', { title: issue.title, status: issue.status }) }))} />
          <button type="submit" class="button">
            {t('deskSending.delivery.continue')}
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

const DOMAIN_ROWS = 20;
const CHART_DOMAINS = 6;

/** Per receiving domain: state, counts and pace, largest first; a bar of each largest domain's share sent (the reports' chart). */
function DomainsSection({ ctx, domains }: { ctx: StaffContext; domains: readonly DomainHealth[] }) {
  const { t } = ctx.locale;
  const shown = domains.slice(0, DOMAIN_ROWS);
  const rest = domains.slice(DOMAIN_ROWS);
  const charted = domains.slice(0, CHART_DOMAINS).filter((domain) => domain.total > 0);
  const svg =
    charted.length > 0
      ? findingChartSvg(
          {
            bars: charted.map((domain) => ({ label: `${domain.domain}: ${domain.sent} / ${domain.total}`, share: domain.sent / domain.total, low: domain.sent / domain.total, high: domain.sent / domain.total, emphasis: domain.state !== 'ok' })),
            alt: charted.map((domain) => `${domain.domain} ${domain.sent}/${domain.total}`).join('; '),
            ticks: ['0%', '50%', '100%'],
          },
          'delivery-domains',
        )
      : null;
  return (
    <section data-delivery-domains="">
      <h2>{t('deskDeliveryHealth.domains.heading')}</h2>
      <p>{t('deskDeliveryHealth.domains.intro')}</p>
      {svg ? <figure class="chart" dangerouslySetInnerHTML={{ __html: svg }} /> : null}
      <ListTable
        headings={[
          t('deskDeliveryHealth.domains.domain'), t('deskDeliveryHealth.domains.state'), t('deskDeliveryHealth.domains.recipients'), t('deskDeliveryHealth.domains.sent'),
          t('deskDeliveryHealth.domains.deferred'), t('deskDeliveryHealth.domains.failed'), t('deskDeliveryHealth.domains.left'), t('deskDeliveryHealth.domains.pace'),
        ]}
        items={shown}
        empty={t('deskDeliveryHealth.domains.none')}
        row={(domain) => (
          <tr key={domain.domain} data-domain={domain.domain} data-domain-state={domain.state}>
            <td>{domain.domain}</td>
            <td>{t('deskDeliveryHealth.domains.stateValue', { state: domain.state, time: domain.nextAt ? utcTime(domain.nextAt) : '' })}</td>
            <td>{domain.total}</td>
            <td>{domain.sent}</td>
            <td>{domain.deferrals}</td>
            <td>{domain.failed}</td>
            <td>{domain.left}</td>
            <td>{t('deskDeliveryHealth.domains.paceValue', { limited: domain.perHour === null ? 'no' : 'yes', perHour: domain.perHour ?? 0 })}</td>
          </tr>
        )}
      />
      {rest.length > 0 ? <p>{t('deskDeliveryHealth.domains.more', { count: rest.length, recipients: rest.reduce((sum, domain) => sum + domain.total, 0) })}</p> : null}
    </section>
  );
}

export function DeliveryPage({ ctx, report, domains = [], timeline = [], engagement, opens }: { ctx: StaffContext; report: Report; domains?: readonly DomainHealth[]; timeline?: readonly DomainMinute[]; /** Its clicks (engagement), when the delivery numbered its links. */ engagement?: DeliveryEngagement; /** Its opens (the optional pixel). */ opens?: { readonly shown: boolean; readonly opens: number } }) {
  const { delivery, counts } = report;
  const path = `/admin/deliveries/${delivery.id}`;
  const live = delivery.status === 'sending' || delivery.status === 'scheduled';
  const done = counts.sent + counts.failed + counts.bounced + counts.skipped;
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskSending.delivery.deliveryTitle', { id: delivery.id })} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/deliveries">
      <PageHeading back={{ href: '/admin/deliveries', label: t('desk.nav.deliveries') }} title={`#${delivery.id} ${describeDelivery(t, delivery)}`} />
      <div data-live-delivery={live ? String(delivery.id) : undefined}>
        <p role="status">
          <strong>{statusLabel(t, delivery.status)}</strong>
          {delivery.status === 'scheduled' && delivery.scheduledAt ? t('deskSending.delivery.forTime', { time: timeInZone(delivery.scheduledAt, delivery.scheduleZone) }) : ''}
          {counts.total > 0 ? t('deskSending.delivery.progressText', { done, total: counts.total, percent: Math.floor((done / counts.total) * 100) }) : ''}
          {live ? (
            <>
              {' · '}
              <a href={path}>{t('deskSending.delivery.refresh')}</a>
            </>
          ) : null}
        </p>
        {counts.total > 0 ? <progress max={counts.total} value={done} aria-label={t('deskSending.delivery.progress')} /> : null}
      </div>
      {delivery.status === 'paused' && delivery.problem ? (
        <p class="attention" data-delivery-problem="">
          <TextWith text={(markers) => t('deskSending.delivery.pausedNote', { ...markers, problem: delivery.problem ?? '' })} elements={{ paused: <strong>{t('deskSending.delivery.pausedBySelf')}</strong> }} />
          {delivery.pauseReason === 'transport' && delivery.probeAt ? (
            <>
              {' '}
              <span data-delivery-probe="">{t('deskDeliveryHealth.breaker.probe', { time: utcTime(delivery.probeAt), probes: delivery.probes })}</span>
            </>
          ) : null}
        </p>
      ) : null}
      <AlarmNote delivery={delivery} />
      <p>
        {t('deskSending.delivery.facts', {
          subject: delivery.subject || t('deskSending.delivery.subjectLater'),
          started: delivery.startedAt ? utcTime(delivery.startedAt) : t('deskSending.delivery.notYet'),
          finished: delivery.finishedAt ? 'yes' : 'no',
          finishedAt: delivery.finishedAt ? utcTime(delivery.finishedAt) : '',
          createdBy: delivery.createdBy,
        })}
      </p>
      <div class="actions">
        {delivery.status === 'sending' ? <ActionButton action={`${path}/pause`} csrf={ctx.csrf} label={t('deskSending.delivery.pause')} tone="quiet" /> : null}
        {delivery.status === 'paused' ? <ActionButton action={`${path}/resume`} csrf={ctx.csrf} label={t('deskSending.delivery.resume')} /> : null}
        {counts.failed > 0 && (delivery.status === 'done' || delivery.status === 'sending' || delivery.status === 'paused') ? (
          <ActionButton action={`${path}/retry-failed`} csrf={ctx.csrf} label={t('deskSending.delivery.retryFailed', { count: counts.failed })} />
        ) : null}
        {delivery.status === 'scheduled' || delivery.status === 'sending' || delivery.status === 'paused' ? (
          <ActionButton action={`${path}/cancel`} csrf={ctx.csrf} label={t('deskSending.delivery.cancel')} tone="danger" />
        ) : null}
      </div>
      <h2>{t('deskSending.delivery.report')}</h2>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('deskSending.delivery.recipients')}</th>
            <th scope="col">{t('deskSending.delivery.sent')}</th>
            <th scope="col">{t('deskSending.delivery.failed')}</th>
            <th scope="col">{t('deskSending.delivery.bounced')}</th>
            <th scope="col">{t('deskSending.delivery.left')}</th>
            <th scope="col">{t('deskSending.delivery.unsubscribed')}</th>
            <th scope="col">{t('deskSending.delivery.complaints')}</th>
            <th scope="col">{t('deskSending.delivery.retried')}</th>
            <th scope="col">{t('deskSending.delivery.skipped')}</th>
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
          {t('deskSending.delivery.mayHaveRepeated', { count: counts.mayHaveRepeated })}
        </p>
      ) : null}
      <h2>{t('deskSending.delivery.overTime')}</h2>
      <SentChart perMinute={report.perMinute} />
      {engagement ? <DeliveryEngagementSection engagement={engagement} /> : null}
      {opens ? <DeliveryOpensSection opens={opens} /> : null}
      {delivery.kind === 'send' ? <DomainsSection ctx={ctx} domains={domains} /> : null}
      {delivery.kind === 'send' ? (
        <section data-delivery-timeline="">
          <h2>{t('deskDeliveryAlarms.timeline.heading')}</h2>
          <DomainTimelineChart timeline={timeline} />
        </section>
      ) : null}
      <h2>{t('deskSending.delivery.failedAndBounced')}</h2>
      <ListTable
        headings={[t('deskSending.delivery.address'), t('deskSending.delivery.state'), t('deskSending.delivery.attempts'), t('deskSending.delivery.reason'), t('deskSending.delivery.when')]}
        items={report.problems}
        empty={t('deskSending.delivery.none')}
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

export function SuppressionsPage({ ctx, items, total, email, errors }: { ctx: StaffContext; items: readonly SuppressionRow[]; total: number; email: string; errors?: FormErrors | undefined }) {
  const { t } = ctx.locale;
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskSending.delivery.suppressionList')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/deliveries">
      <PageHeading back={{ href: '/admin/deliveries', label: t('desk.nav.deliveries') }} title={t('deskSending.delivery.suppressionList')} />
      <p>{t('deskSending.delivery.suppressionIntro', { count: total })}</p>
      <Form action="/admin/deliveries/suppressions" csrf={ctx.csrf}>
        <ErrorSummary errors={errors} />
        <TextField name="email" label={t('deskSending.delivery.addAddress')} type="email" value={email} errors={errors} />
        <button type="submit" class="button">
          {t('deskSending.delivery.add')}
        </button>
      </Form>
      <ListTable
        headings={[t('deskSending.delivery.address'), t('deskSending.delivery.reason'), t('deskSending.delivery.detail'), t('deskSending.delivery.since'), '']}
        items={items}
        empty={t('deskSending.delivery.listEmpty')}
        row={(row) => (
          <tr key={row.emailKey}>
            <td>{row.emailKey}</td>
            <td>{t('deskSending.delivery.suppressionReason', { reason: row.reason })}</td>
            <td>{row.detail ?? ''}</td>
            <td>{utcTime(row.createdAt)}</td>
            <td>
              <ActionButton action="/admin/deliveries/suppressions/remove" csrf={ctx.csrf} label={t('deskSending.delivery.remove')} tone="quiet" fields={{ email: row.emailKey }} />
            </td>
          </tr>
        )}
      />
    </AdminLayout>
  );
}
