import { listActivity } from '../activity/activity.service.js';
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

function IssueCard({ heading, issue }: { heading: string; issue: IssueOverview }) {
  const state = issue.isPublic ? 'published' : issue.status;
  return (
    <section class="dashboard-card">
      <h2>{heading}</h2>
      <p>
        <a href={issue.editPath}>{issue.title}</a> <span class={`status status--${state}`}>{state}</span>
      </p>
      <p>
        {issue.sections} section{issue.sections === 1 ? '' : 's'}, {issue.itemTotal} item{issue.itemTotal === 1 ? '' : 's'} ({issue.items.story} stories,{' '}
        {issue.items.event} events, {issue.items.program} programs, {issue.items.report} reports).
        {issue.scheduledFor ? ` Goes public ${utcTime(issue.scheduledFor)}.` : issue.publishedAt && issue.isPublic ? ` Public since ${utcTime(issue.publishedAt)}.` : ''}
      </p>
    </section>
  );
}

/** What someone should look at: each line says what and where to fix it. */
async function attentionItems(ctx: StaffContext, next: IssueOverview | null, unusedStories: number): Promise<{ text: string; href: string }[]> {
  const items: { text: string; href: string }[] = [];
  const now = ctx.deps.clock.now().getTime();
  if (next && next.status === 'draft' && next.itemTotal === 0) items.push({ text: `${next.title} is a draft with nothing in it yet.`, href: next.editPath });
  if (next?.scheduledFor && new Date(next.scheduledFor).getTime() - now < 48 * 3600_000) {
    items.push({ text: `${next.title} goes public ${utcTime(next.scheduledFor)}: check the previews.`, href: next.editPath });
  }
  if (unusedStories > 0) items.push({ text: `${unusedStories} stor${unusedStories === 1 ? 'y is' : 'ies are'} not in any issue yet.`, href: '/admin/stories?used=no' });
  if (ctx.can('manage_staff')) {
    const invited = (await listStaff(ctx.deps.db)).filter((member) => member.active && !member.hasPassword);
    if (invited.length > 0) items.push({ text: `${invited.length} staff account${invited.length === 1 ? ' has' : 's have'} no password yet.`, href: '/admin/staff' });
  }
  if (ctx.can('manage_sending')) items.push(...(await workAttention(ctx)));
  if (ctx.can('manage_sending') && ctx.deps.transport.outboxDir) {
    const kept = countOutbox(ctx.deps.transport.outboxDir);
    if (kept > 0) items.push({ text: `No SMTP server is configured: ${kept} message${kept === 1 ? ' is' : 's are'} kept in the outbox instead of sent.`, href: '/admin/outbox' });
  }
  return items;
}

/** Work that waits for a process that is not running, and mail that could not be sent. */
async function workAttention(ctx: StaffContext): Promise<{ text: string; href: string }[]> {
  const { db, clock } = ctx.deps;
  const items: { text: string; href: string }[] = [];
  const minutes = WORKER_SILENCE_MS / 60_000;
  const [workers, queue, deliveries] = await Promise.all([getWorkerStatus(db, clock), getMailQueue(db, 200), listDeliveries(db, { limit: 200 })]);
  const waitingSends = deliveries.filter(({ delivery }) => delivery.status === 'sending' || (delivery.status === 'scheduled' && delivery.scheduledAt !== null && delivery.scheduledAt <= clock.now().toISOString()));
  if (!workers.lastSending && waitingSends.length > 0) {
    const seen = workers.workers.find((worker) => worker.roles.split(',').includes('sending'));
    items.push({
      text: `No worker seen for ${minutes} minutes${seen ? ` (last at ${utcTime(seen.seenAt)})` : ''}: ${waitingSends.length} deliver${waitingSends.length === 1 ? 'y waits' : 'ies wait'}. Start insights worker, or set WORKER=1.`,
      href: '/admin/deliveries',
    });
  }
  const stale = queue.waiting.filter((mail) => clock.now().getTime() - new Date(mail.createdAt).getTime() > WORKER_SILENCE_MS);
  if (!workers.lastJobs && stale.length > 0) {
    items.push({ text: `${stale.length} email${stale.length === 1 ? ' has' : 's have'} waited over ${minutes} minutes: no process has run jobs lately.`, href: '/admin/outbox' });
  }
  if (queue.failed.length > 0) {
    const [last] = queue.failed;
    items.push({ text: `${queue.failed.length} email${queue.failed.length === 1 ? '' : 's'} could not be sent (the last to ${last!.to}: ${last!.lastError ?? 'unknown error'}).`, href: '/admin/outbox' });
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
    return ctx.page(
      <AdminLayout site={ctx.deps.site} title="Dashboard" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin">
        <h1>Dashboard</h1>
        <div class="dashboard">
          {overview.next ? <IssueCard heading="In the works" issue={overview.next} /> : null}
          {overview.current ? <IssueCard heading="Current issue" issue={overview.current} /> : null}
          {!overview.next && !overview.current ? (
            <section class="dashboard-card">
              <h2>No issues yet</h2>
              <p>
                <a href="/admin/issues/new">Start the first issue</a>.
              </p>
            </section>
          ) : null}
        </div>
        <p class="actions">
          {ctx.can('draft_content') ? (
            <>
              <a class="button" href="/admin/stories/new">
                New story
              </a>
              <a class="button button--quiet" href="/admin/issues/new">
                New issue
              </a>
            </>
          ) : null}
        </p>
        <section>
          <h2>Needs attention</h2>
          {attention.length === 0 ? (
            <p>Nothing right now.</p>
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
            <h2>Stories not in any issue</h2>
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
            <h2>Recent deliveries</h2>
            <DeliveriesTable items={deliveries} />
            <p>
              <a href="/admin/deliveries">All deliveries →</a>
            </p>
          </section>
        ) : null}
        {ctx.can('read_activity') ? (
          <section>
            <h2>Recent activity</h2>
            <ActivityTable entries={recent} />
            <p>
              <a href="/admin/activity">All activity →</a>
            </p>
          </section>
        ) : null}
      </AdminLayout>,
    );
  }),
];
