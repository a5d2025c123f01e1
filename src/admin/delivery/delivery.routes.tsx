import { z } from 'zod';
import { getDomainTimeline } from '../../delivery/alarms/alarms.service.js';
import { domainLimitsFor } from '../../delivery/engine/domain-limits.service.js';
import { EDITIONS, type Edition } from '../../delivery/delivery.js';
import {
  changeDelivery, countSendAudience, createSend, createTestSend, getDeliveryReport, listDeliveries, parseTestAddresses, retryFailed, type DeliveryEnv,
} from '../../delivery/engine/deliveries.service.js';
import { getDomainHealth } from '../../delivery/engine/pacing.js';
import { listSuppressions, suppressAddress, unsuppressAddress } from '../../delivery/suppressions.service.js';
import { listAllIssues } from '../../issues/issues.service.js';
import type { Issue } from '../../issues/issues.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { failedStatus, formErrorsOf, formText, idParams } from '../forms.js';
import { deliveryEngagement, deliveryOpens } from '../../engagement/engagement.service.js';
import { ChooseIssuePage, DeliveriesPage, DeliveryPage, NewDeliveryPage, SuppressionsPage, type SendFormValues } from './delivery.pages.js';
import { PROGRESS_SCRIPT } from './progress-script.js';
import { listSegments } from '../../audiences/segments.service.js';
import { DEFAULT_SEND_ZONE, parseSendTime, sendable, SendConfirmPage, timeInZone } from './send-confirm.js';

// The desk's delivery routes (docs/desk/deliveries.md). Sends are created here and sent by the
// worker; a test send (at most 20 addresses) is written with a job that the web process's own
// job loop runs at once, so no request waits for SMTP.

const sendForm = z.object({ issue: formText, edition: formText, scheduled_at: formText, addresses: formText, segment: formText, time_zone: formText, confirm: formText });
const emailForm = z.object({ email: formText });
const issueQuery = z.object({ issue: z.string().max(100).optional() });

/** The delivery parts of the process's services (the sender's, so Message-IDs and return paths use BOUNCE_DOMAIN). */
function envOf(ctx: StaffContext): DeliveryEnv {
  const { db, clock, secretKey, site, mailDomain } = ctx.deps.sender;
  return { db, clock, secretKey, site, mailDomain };
}

async function issueBySlug(ctx: StaffContext, slug: string): Promise<Issue> {
  const issue = (await listAllIssues(ctx.deps.db)).find((candidate) => candidate.slug === slug);
  if (!issue) throw new NotFound(`There is no issue "${slug}".`);
  return issue;
}

/** The segments a send may go to (the send page's choices). */
async function segmentChoices(ctx: StaffContext): Promise<{ id: number; name: string }[]> {
  return (await listSegments(ctx.deps.db)).map((segment) => ({ id: segment.id, name: segment.name }));
}

/** The segment field: '' is everyone of the edition; an unknown or deleted one is a field problem. */
async function segmentOf(ctx: StaffContext, value: string): Promise<number | null> {
  if (value.trim() === '') return null;
  const found = (await segmentChoices(ctx)).find((segment) => String(segment.id) === value.trim());
  if (!found) throw new Invalid(ctx.locale.t('deskAudiences.send.notSent'), [{ where: 'segment', message: ctx.locale.t('deskAudiences.send.noSegment') }]);
  return found.id;
}

function editionsOf(value: string): Edition[] {
  return (EDITIONS as readonly string[]).includes(value) ? [value as Edition] : [...EDITIONS];
}

export const deliveryRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/deliveries', 'manage_sending', async (ctx) => {
    const { issue: slug } = issueQuery.parse(ctx.request.query ?? {});
    const issue = slug ? await issueBySlug(ctx, slug) : null;
    const items = await listDeliveries(ctx.deps.db, { issueId: issue?.id, limit: 200 });
    return ctx.page(<DeliveriesPage ctx={ctx} items={items} issue={issue} />);
  }),

  staffRoute('GET', '/admin/deliveries/progress.js', 'manage_sending', async (ctx) =>
    ctx.reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-store').send(PROGRESS_SCRIPT),
  ),

  staffRoute('GET', '/admin/deliveries/new', 'manage_sending', async (ctx) => {
    const { issue: slug } = issueQuery.parse(ctx.request.query ?? {});
    if (!slug) return ctx.page(<ChooseIssuePage ctx={ctx} issues={await listAllIssues(ctx.deps.db)} />);
    const issue = await issueBySlug(ctx, slug);
    return ctx.page(<NewDeliveryPage ctx={ctx} issue={issue} values={{ edition: 'both', scheduledAt: '', addresses: '', segment: '', timeZone: DEFAULT_SEND_ZONE }} segments={await segmentChoices(ctx)} />);
  }),

  staffRoute('POST', '/admin/deliveries/test', 'manage_sending', async (ctx) => {
    const form = sendForm.parse(ctx.request.body ?? {});
    const issue = await issueBySlug(ctx, form.issue);
    const values: SendFormValues = { edition: form.edition, scheduledAt: '', addresses: form.addresses };
    const edition: Edition = form.edition === 'teaser' ? 'teaser' : 'full';
    try {
      const addresses = parseTestAddresses(form.addresses);
      const env = envOf(ctx);
      const delivery = await createTestSend(env, { slug: issue.slug, edition, addresses, actor: ctx.actor });
      return ctx.redirect(`/admin/deliveries/${delivery.id}`, `Test send of the ${edition} edition to ${addresses.length} address(es) started; it goes out in a moment.`);
    } catch (error) {
      return ctx.page(<NewDeliveryPage ctx={ctx} issue={issue} values={values} errors={formErrorsOf(error)} form="test" segments={await segmentChoices(ctx)} />, failedStatus(error));
    }
  }),

  staffRoute('POST', '/admin/deliveries/send', 'manage_sending', async (ctx) => {
    const form = sendForm.parse(ctx.request.body ?? {});
    const issue = await issueBySlug(ctx, form.issue);
    const values: SendFormValues = { edition: form.edition, scheduledAt: form.scheduled_at, addresses: '', segment: form.segment, timeZone: form.time_zone || DEFAULT_SEND_ZONE };
    let when: { scheduledAt: string | null; zone: string | null } = { scheduledAt: null, zone: null };
    const created: number[] = [];
    try {
      when = parseSendTime(ctx.locale.t, form.scheduled_at, values.timeZone!, ctx.deps.clock.now());
      const segmentId = await segmentOf(ctx, form.segment);
      // The exact count per edition and segment first; nothing is queued before "confirm".
      const counts = await countSendAudience(ctx.deps.db, { slug: issue.slug, editions: editionsOf(form.edition), segmentId });
      if (form.confirm !== 'yes' || !counts.some(sendable)) {
        const confirmValues = { edition: form.edition, segment: form.segment, scheduledAt: form.scheduled_at, timeZone: values.timeZone! };
        return ctx.page(<SendConfirmPage ctx={ctx} issue={issue} values={confirmValues} counts={counts} when={when} />, counts.some(sendable) ? 200 : 409);
      }
      // An edition the segment reaches nobody in is left out (the confirmation said so).
      for (const count of counts.filter(sendable)) created.push((await createSend(envOf(ctx), { slug: issue.slug, edition: count.edition, scheduledAt: when.scheduledAt, scheduleZone: when.zone, segmentId, actor: ctx.actor })).id);
    } catch (error) {
      const errors = formErrorsOf(error);
      const note = created.length > 0 ? ` (delivery #${created.join(', #')} was created before this.)` : '';
      return ctx.page(<NewDeliveryPage ctx={ctx} issue={issue} values={values} errors={{ ...errors, message: `${errors.message}${note}` }} form="send" segments={await segmentChoices(ctx)} />, failedStatus(error));
    }
    const notice = when.scheduledAt ? ctx.locale.t('deskAudiences.send.scheduled', { time: timeInZone(when.scheduledAt, when.zone), utc: when.scheduledAt.slice(0, 16).replace('T', ' ') }) : 'Sending has started; the worker sends the messages.';
    return ctx.redirect(created.length === 1 ? `/admin/deliveries/${created[0]}` : `/admin/deliveries?issue=${encodeURIComponent(issue.slug)}`, notice);
  }),

  staffRoute('GET', '/admin/deliveries/suppressions', 'manage_sending', async (ctx) => {
    const { items, total } = await listSuppressions(ctx.deps.db);
    return ctx.page(<SuppressionsPage ctx={ctx} items={items} total={total} email="" />);
  }),

  staffRoute('POST', '/admin/deliveries/suppressions', 'manage_sending', async (ctx) => {
    const { email } = emailForm.parse(ctx.request.body ?? {});
    try {
      await suppressAddress(ctx.deps.db, ctx.deps.clock, email, ctx.actor);
      return ctx.redirect('/admin/deliveries/suppressions', `${email.trim().toLowerCase()} is suppressed.`);
    } catch (error) {
      const { items, total } = await listSuppressions(ctx.deps.db);
      return ctx.page(<SuppressionsPage ctx={ctx} items={items} total={total} email={email} errors={formErrorsOf(error)} />, failedStatus(error));
    }
  }),

  staffRoute('POST', '/admin/deliveries/suppressions/remove', 'manage_sending', async (ctx) => {
    const { email } = emailForm.parse(ctx.request.body ?? {});
    await unsuppressAddress(ctx.deps.db, ctx.deps.clock, email, ctx.actor);
    return ctx.redirect('/admin/deliveries/suppressions', `${email.trim().toLowerCase()} was removed from the list.`);
  }),

  staffRoute('GET', '/admin/deliveries/:id', 'manage_sending', async (ctx) => {
    const { id } = idParams.parse(ctx.request.params);
    const report = await getDeliveryReport(ctx.deps.db, id);
    const domains = await getDomainHealth(ctx.deps.db, ctx.deps.clock, id, await domainLimitsFor(ctx.deps.db, ctx.deps.site, ctx.deps.sender.settings.domainLimits));
    return ctx.page(<DeliveryPage ctx={ctx} report={report} domains={domains} timeline={await getDomainTimeline(ctx.deps.db, id)} engagement={await deliveryEngagement(ctx.deps.db, id)} opens={await deliveryOpens(ctx.deps.db, ctx.deps.site, id)} />);
  }),

  ...(['pause', 'resume', 'cancel'] as const).map((action) =>
    staffRoute('POST', `/admin/deliveries/:id/${action}`, 'manage_sending', async (ctx) => {
      const { id } = idParams.parse(ctx.request.params);
      const delivery = await changeDelivery(ctx.deps.db, ctx.deps.clock, id, action, ctx.actor);
      const notices = { pause: 'Paused: no new messages are sent until you resume.', resume: 'Resumed.', cancel: 'Cancelled: the remaining recipients will not be sent to.' };
      return ctx.redirect(`/admin/deliveries/${delivery.id}`, notices[action]);
    }),
  ),

  staffRoute('POST', '/admin/deliveries/:id/retry-failed', 'manage_sending', async (ctx) => {
    const { id } = idParams.parse(ctx.request.params);
    const count = await retryFailed(ctx.deps.db, ctx.deps.clock, id, ctx.actor);
    return ctx.redirect(`/admin/deliveries/${id}`, count === 0 ? 'No failed recipient could be retried (suppressed addresses stay failed).' : `${count} failed recipient(s) queued again.`);
  }),
];
