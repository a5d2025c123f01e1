import { z } from 'zod';
import { SLUG } from '../../lib/slug.js';
import { getEventsByIds } from '../../events/events.service.js';
import type { Event } from '../../events/events.js';
import { checkWindow, fillIssueEvents } from '../../issues/fill-issue-events.service.js';
import { formatRegistrationsCsv } from '../../events/registrations-csv.js';
import { SUBMISSION_STATUSES, type SubmissionStatus } from '../../events/registrations.js';
import { deskCancelRegistration, getRegistrations, promoteFromWaitlist, setCheckIn } from '../../events/registrations.service.js';
import { draftOfSettings, getEventSettings, settingsFromDraft, updateEventSettings, type SettingsDraft } from '../../events/event-settings.service.js';
import { getSubmission, getSubmissions, reviewSubmission } from '../../events/calls.service.js';
import { NotFound } from '../../lib/errors.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { failedStatus, formCheckbox, formErrorsOf, formList, formText, type FormErrors } from '../forms.js';
import { RegistrationsPage, SettingsPage, SubmissionPage, SubmissionsPage } from './registration-pages.js';
import { FillEventsPage } from './fill-events-panel.js';
import { attachmentDisposition } from '../../lib/header-values.js';

const eventParams = z.object({ id: z.coerce.number().int().positive() });
const registrationParams = z.object({ id: z.coerce.number().int().positive(), rid: z.coerce.number().int().positive() });
const submissionParams = z.object({ id: z.coerce.number().int().positive(), sid: z.coerce.number().int().positive() });
const slugParams = z.object({ slug: z.string().regex(SLUG) });

const settingsForm: z.ZodType<SettingsDraft, z.ZodTypeDef, unknown> = z.object({
  questions: formText,
  waitlist: formCheckbox,
  call_kinds: formList,
  call_closes: formText,
  call_intro: formText,
});
const checkInForm = z.object({ checked_in: formText });
const reviewForm = z.object({ status: formText, review_notes: formText });
const fillForm = z.object({ from: formText, until: formText, as_of: formText });

async function eventOf(ctx: StaffContext, id: number): Promise<Event> {
  const event = (await getEventsByIds(ctx.deps.db, [id])).get(id);
  if (!event) throw new NotFound('There is no such event.');
  return event;
}

async function registrationsPage(ctx: StaffContext, event: Event) {
  const [registrations, settings] = await Promise.all([getRegistrations(ctx.deps.db, event.id), getEventSettings(ctx.deps.db, event.id)]);
  return ctx.page(<RegistrationsPage ctx={ctx} event={event} registrations={registrations} waitlist={settings.waitlist} />);
}

function settingsPage(ctx: StaffContext, event: Event, draft: SettingsDraft, errors?: FormErrors, status = 200) {
  return ctx.page(<SettingsPage ctx={ctx} event={event} draft={draft} errors={errors} />, status);
}

/** Registrations, check-in, questions, calls for speakers, and filling an issue from its quarter's events (issue 5). */
export const registrationRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/events/:id/registrations', 'manage_registrations', async (ctx) => registrationsPage(ctx, await eventOf(ctx, eventParams.parse(ctx.request.params).id))),

  staffRoute('GET', '/admin/events/:id/registrations/export.csv', 'manage_registrations', async (ctx) => {
    const event = await eventOf(ctx, eventParams.parse(ctx.request.params).id);
    const csv = formatRegistrationsCsv(await getRegistrations(ctx.deps.db, event.id));
    return ctx.reply
      .header('cache-control', 'no-store')
      .header('content-disposition', attachmentDisposition(`registrations-${event.slug}.csv`))
      .type('text/csv; charset=utf-8')
      .send(`\uFEFF${csv}`);
  }),

  staffRoute('POST', '/admin/events/:id/registrations/:rid/check-in', 'manage_registrations', async (ctx) => {
    const { id, rid } = registrationParams.parse(ctx.request.params);
    const event = await eventOf(ctx, id);
    const checkedIn = checkInForm.parse(ctx.request.body ?? {}).checked_in !== '0';
    const registration = await setCheckIn(ctx.deps.db, ctx.deps.clock, ctx.actor, event, rid, checkedIn);
    return ctx.redirect(`/admin/events/${id}/registrations`, `${registration.name || registration.email}: ${checkedIn ? 'checked in' : 'check-in undone'}.`);
  }),

  staffRoute('POST', '/admin/events/:id/registrations/:rid/cancel', 'manage_registrations', async (ctx) => {
    const { id, rid } = registrationParams.parse(ctx.request.params);
    const event = await eventOf(ctx, id);
    const { promoted } = await deskCancelRegistration(ctx.deps.db, ctx.deps.clock, ctx.deps.site, ctx.actor, event, rid);
    const moved = promoted.length > 0 ? ` ${promoted.map((registration) => registration.email).join(', ')} moved up from the waitlist and ${promoted.length === 1 ? 'was' : 'were'} emailed.` : '';
    return ctx.redirect(`/admin/events/${id}/registrations`, `Registration cancelled.${moved}`);
  }),

  staffRoute('POST', '/admin/events/:id/registrations/promote', 'manage_registrations', async (ctx) => {
    const event = await eventOf(ctx, eventParams.parse(ctx.request.params).id);
    const promoted = await promoteFromWaitlist(ctx.deps.db, ctx.deps.clock, ctx.deps.site, ctx.actor, event);
    return ctx.redirect(`/admin/events/${event.id}/registrations`, promoted.length === 0 ? 'No free places for the waitlist.' : `${promoted.length} moved up from the waitlist and emailed.`);
  }),

  staffRoute('GET', '/admin/events/:id/settings', 'manage_registrations', async (ctx) => {
    const event = await eventOf(ctx, eventParams.parse(ctx.request.params).id);
    return settingsPage(ctx, event, draftOfSettings(await getEventSettings(ctx.deps.db, event.id), event));
  }),

  staffRoute('POST', '/admin/events/:id/settings', 'manage_registrations', async (ctx) => {
    const event = await eventOf(ctx, eventParams.parse(ctx.request.params).id);
    const draft = settingsForm.parse(ctx.request.body ?? {});
    try {
      await updateEventSettings(ctx.deps.db, ctx.deps.clock, ctx.actor, event, settingsFromDraft(draft, event));
      ctx.deps.contentChanged?.();
      return ctx.redirect(`/admin/events/${event.id}/settings`, 'Saved.');
    } catch (error) {
      return settingsPage(ctx, event, draft, formErrorsOf(error), failedStatus(error));
    }
  }),

  staffRoute('GET', '/admin/events/:id/submissions', 'manage_registrations', async (ctx) => {
    const event = await eventOf(ctx, eventParams.parse(ctx.request.params).id);
    return ctx.page(<SubmissionsPage ctx={ctx} event={event} submissions={await getSubmissions(ctx.deps.db, event.id)} />);
  }),

  staffRoute('GET', '/admin/events/:id/submissions/:sid', 'manage_registrations', async (ctx) => {
    const { id, sid } = submissionParams.parse(ctx.request.params);
    const event = await eventOf(ctx, id);
    const submission = await getSubmission(ctx.deps.db, sid);
    if (submission.eventId !== event.id) throw new NotFound('There is no such proposal.');
    return ctx.page(<SubmissionPage ctx={ctx} event={event} submission={submission} values={{ status: submission.status, review_notes: submission.reviewNotes }} />);
  }),

  staffRoute('POST', '/admin/events/:id/submissions/:sid', 'manage_registrations', async (ctx) => {
    const { id, sid } = submissionParams.parse(ctx.request.params);
    const event = await eventOf(ctx, id);
    const form = reviewForm.parse(ctx.request.body ?? {});
    const status = (SUBMISSION_STATUSES as readonly string[]).includes(form.status) ? (form.status as SubmissionStatus) : undefined;
    try {
      const before = await getSubmission(ctx.deps.db, sid);
      const after = await reviewSubmission(ctx.deps.db, ctx.deps.clock, ctx.deps.site, ctx.actor, event, sid, { status: status ?? before.status, reviewNotes: form.review_notes });
      const mailed = after.status !== before.status && (after.status === 'accepted' || after.status === 'rejected');
      return ctx.redirect(`/admin/events/${id}/submissions/${sid}`, mailed ? `Saved, and the decision was emailed to ${after.email}.` : 'Saved.');
    } catch (error) {
      const submission = await getSubmission(ctx.deps.db, sid);
      return ctx.page(<SubmissionPage ctx={ctx} event={event} submission={submission} values={form} errors={formErrorsOf(error)} />, failedStatus(error));
    }
  }),

  staffRoute('POST', '/admin/issues/:slug/fill-events', 'draft_content', async (ctx) => {
    const { slug } = slugParams.parse(ctx.request.params);
    const form = fillForm.parse(ctx.request.body ?? {});
    try {
      const window = checkWindow({ from: form.from, until: form.until, asOf: form.as_of });
      const summary = await fillIssueEvents(ctx.deps.db, ctx.deps.clock, ctx.actor, slug, window, { mayChangePublic: ctx.can('publish_content') });
      ctx.deps.contentChanged?.();
      return ctx.redirect(`/admin/issues/${slug}/edit`, `Filled in ${summary.upcoming} upcoming and ${summary.past} past events from ${window.from} to ${window.until}.`);
    } catch (error) {
      return ctx.page(<FillEventsPage ctx={ctx} slug={slug} values={form} errors={formErrorsOf(error)} />, failedStatus(error));
    }
  }),
];
