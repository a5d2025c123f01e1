import { listActivity } from '../activity/activity.service.js';
import { alarmText } from '../delivery/alarms/alarm.js';
import { alarmOf } from '../delivery/alarms/alarms.service.js';
import { getDeskOverview, type IssueOverview } from '../issues/desk-overview.service.js';
import { countOutbox } from '../mail/outbox.js';
import { listStaff } from '../staff/staff.service.js';
import { staffRoute, type AdminRoute, type StaffContext } from './admin-route.js';
import { AdminLayout } from './admin-layout.js';
import { ActivityTable } from './activity.routes.js';
import { utcTime } from './page-parts.js';
import { listDeliveries } from '../delivery/engine/deliveries.service.js';
import { getWorkerStatus, WORKER_SILENCE_MS } from '../jobs/heartbeats.service.js';
import { getMailQueue } from '../mail/mail-queue.service.js';
import { DeliveriesTable } from './delivery/delivery.pages.js';
import type { Translate } from '../i18n/messages.js';
import { useLocale } from '../web/locale.js';

function IssueCard({ heading, issue }: { heading: string; issue: IssueOverview }) {
  const { t } = useLocale();
  const state = issue.isPublic ? 'published' : issue.status;
  const when = issue.scheduledFor
    ? t('desk.dashboard.goesPublic', { time: utcTime(issue.scheduledFor) })
    : issue.publishedAt && issue.isPublic
      ? t('desk.dashboard.publicSince', { time: utcTime(issue.publishedAt) })
      : '';
  return (
    <section class="dashboard-card">
      <h2>{heading}</h2>
      <p>
        <a href={issue.editPath}>{issue.title}</a> <span class={`status status--${state}`}>{t('desk.dashboard.state', { state })}</span>
      </p>
      <p>
        {t('desk.dashboard.counts', { sections: issue.sections, items: issue.itemTotal, stories: issue.items.story, events: issue.items.event, programs: issue.items.program, reports: issue.items.report })}
        {when}
      </p>
    </section>
  );
}

/** What someone should look at: each line says what and where to fix it. */
async function attentionItems(ctx: StaffContext, next: IssueOverview | null, unusedStories: number): Promise<{ text: string; href: string }[]> {
  const { t } = ctx.locale;
  const items: { text: string; href: string }[] = [];
  const now = ctx.deps.clock.now().getTime();
  if (next && next.status === 'draft' && next.itemTotal === 0) items.push({ text: t('desk.dashboard.emptyDraft', { title: next.title }), href: next.editPath });
  if (next?.scheduledFor && new Date(next.scheduledFor).getTime() - now < 48 * 3600_000) {
    items.push({ text: t('desk.dashboard.checkPreviews', { title: next.title, time: utcTime(next.scheduledFor) }), href: next.editPath });
  }
  if (unusedStories > 0) items.push({ text: t('desk.dashboard.unusedStories', { count: unusedStories }), href: '/admin/stories?used=no' });
  if (ctx.can('manage_staff')) {
    const invited = (await listStaff(ctx.deps.db)).filter((member) => member.active && !member.hasPassword);
    if (invited.length > 0) items.push({ text: t('desk.dashboard.noPassword', { count: invited.length }), href: '/admin/staff' });
  }
  if (ctx.can('manage_sending')) items.push(...(await workAttention(ctx, t)));
  if (ctx.can('manage_sending') && ctx.deps.transport.outboxDir) {
    const kept = countOutbox(ctx.deps.transport.outboxDir);
    if (kept > 0) items.push({ text: t('desk.dashboard.outbox', { count: kept }), href: '/admin/outbox' });
  }
  return items;
}

/** Work that waits for a process that is not running, and mail that could not be sent. */
async function workAttention(ctx: StaffContext, t: Translate): Promise<{ text: string; href: string }[]> {
  const { db, clock } = ctx.deps;
  const items: { text: string; href: string }[] = [];
  const minutes = WORKER_SILENCE_MS / 60_000;
  const [workers, queue, deliveries] = await Promise.all([getWorkerStatus(db, clock), getMailQueue(db, 200), listDeliveries(db, { limit: 200 })]);
  const waitingSends = deliveries.filter(({ delivery }) => delivery.status === 'sending' || (delivery.status === 'scheduled' && delivery.scheduledAt !== null && delivery.scheduledAt <= clock.now().toISOString()));
  if (!workers.lastSending && waitingSends.length > 0) {
    const seen = workers.workers.find((worker) => worker.roles.split(',').includes('sending'));
    items.push({
      text: t('desk.dashboard.noWorker', { minutes, seen: seen ? t('desk.dashboard.lastSeen', { time: utcTime(seen.seenAt) }) : '', count: waitingSends.length }),
      href: '/admin/deliveries',
    });
  }
  // Deliveries that paused themselves (the circuit breaker, a refusal of our sender, a send that could not start).
  for (const { delivery } of deliveries) {
    if (delivery.status === 'paused' && delivery.problem) {
      items.push({ text: t('deskDeliveryHealth.dashboard.paused', { id: delivery.id, title: delivery.issueTitle, problem: delivery.problem }), href: `/admin/deliveries/${delivery.id}` });
    }
    // Alarms (stalled, failing, deferring), raised by the worker once per incident.
    const raised = alarmOf(delivery);
    if (raised) items.push({ text: t('deskDeliveryHealth.dashboard.alarm', { id: delivery.id, title: delivery.issueTitle, alarm: alarmText(t, raised.alarm) }), href: `/admin/deliveries/${delivery.id}` });
  }
  const stale = queue.waiting.filter((mail) => clock.now().getTime() - new Date(mail.createdAt).getTime() > WORKER_SILENCE_MS);
  if (!workers.lastJobs && stale.length > 0) {
    items.push({ text: t('desk.dashboard.staleMail', { count: stale.length, minutes }), href: '/admin/outbox' });
  }
  if (queue.failed.length > 0) {
    const [last] = queue.failed;
    items.push({ text: t('desk.dashboard.failedMail', { count: queue.failed.length, to: last!.to, error: last!.lastError ?? t('desk.dashboard.unknownError') }), href: '/admin/outbox' });
  }
  return items;
}

/** The dashboard: the current issue's state, what needs attention, recent activity. */
export const dashboardRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin', 'view_desk', async (ctx) => {
    const overview = await getDeskOverview(ctx.deps.db, ctx.deps.clock, { unusedLimit: 5 });
    const attention = await attentionItems(ctx, overview.next, overview.unusedStories.total);
    const recent = ctx.can('read_activity') ? await listActivity(ctx.deps.db, { limit: 10 }) : [];
    const deliveries = ctx.can('manage_sending') ? await listDeliveries(ctx.deps.db, { limit: 5 }) : [];
    const { t } = ctx.locale;
    return ctx.page(
      <AdminLayout site={ctx.deps.site} title={t('desk.dashboard.title')} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin">
        <h1>{t('desk.dashboard.title')}</h1>
        <div class="dashboard">
          {overview.next ? <IssueCard heading={t('desk.dashboard.inTheWorks')} issue={overview.next} /> : null}
          {overview.current ? <IssueCard heading={t('desk.dashboard.currentIssue')} issue={overview.current} /> : null}
          {!overview.next && !overview.current ? (
            <section class="dashboard-card">
              <h2>{t('desk.dashboard.noIssues')}</h2>
              <p>
                <a href="/admin/issues/new">{t('desk.dashboard.startFirst')}</a>.
              </p>
            </section>
          ) : null}
        </div>
        <p class="actions">
          {ctx.can('draft_content') ? (
            <>
              <a class="button" href="/admin/stories/new">
                {t('desk.dashboard.newStory')}
              </a>
              <a class="button button--quiet" href="/admin/issues/new">
                {t('desk.dashboard.newIssue')}
              </a>
            </>
          ) : null}
        </p>
        <section>
          <h2>{t('desk.dashboard.attention')}</h2>
          {attention.length === 0 ? (
            <p>{t('desk.dashboard.nothing')}</p>
          ) : (
            <ul class="attention-list">
              {attention.map((item) => (
                <li key={item.href + item.text} class="attention">
                  <a href={item.href}>{item.text}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
        {overview.unusedStories.items.length > 0 ? (
          <section>
            <h2>{t('desk.dashboard.unusedHeading')}</h2>
            <ul>
              {overview.unusedStories.items.map((story) => (
                <li key={story.slug}>
                  <a href={`/admin/stories/${story.slug}/edit`}>{story.title}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {ctx.can('manage_sending') && deliveries.length > 0 ? (
          <section>
            <h2>{t('desk.dashboard.recentDeliveries')}</h2>
            <DeliveriesTable items={deliveries} />
            <p>
              <a href="/admin/deliveries">{t('desk.dashboard.allDeliveries')}</a>
            </p>
          </section>
        ) : null}
        {ctx.can('read_activity') ? (
          <section>
            <h2>{t('desk.dashboard.recentActivity')}</h2>
            <ActivityTable entries={recent} />
            <p>
              <a href="/admin/activity">{t('desk.dashboard.allActivity')}</a>
            </p>
          </section>
        ) : null}
      </AdminLayout>,
    );
  }),
];
