import { z } from 'zod';
import { INTRODUCTION_STATES, refusalReasonOf } from '../../introductions/introductions.js';
import {
  assigneeChoices, changeIntroductionState, getIntroduction, innovatorContactsOf, introductionFigures, listIntroductions, LIST_LIMIT, saveTriage,
  sendIntroductionRequest,
} from '../../introductions/introductions.service.js';
import type { FormErrors } from '../../lib/form-errors.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { failedStatus, formErrorsOf, formText, idParams } from '../forms.js';
import { IntroductionDeskPage, IntroductionListPage } from './introduction-pages.js';

const listQuery = z.object({ state: z.enum(INTRODUCTION_STATES).optional().catch(undefined) });

/** The detail page, with what it needs read now. */
async function detailPage(ctx: StaffContext, id: number, errors?: FormErrors) {
  const introduction = await getIntroduction(ctx.deps.db, id);
  const contacts = await innovatorContactsOf(ctx.deps.db, introduction.organization.id);
  return <IntroductionDeskPage ctx={ctx} introduction={introduction} contacts={contacts} staff={await assigneeChoices(ctx.deps.db)} errors={errors} />;
}

/** A failed desk action: its refusal said in the desk's language, the page again. */
async function failed(ctx: StaffContext, id: number, error: unknown) {
  const reason = refusalReasonOf(error);
  const errors = reason ? { message: ctx.locale.t(`introductions.refusal.${reason}`), fields: {} } : formErrorsOf(error);
  return ctx.page(await detailPage(ctx, id, errors), failedStatus(error));
}

/** Innovator introductions in the desk: the list with figures, one request, triage, state and sending. */
export const introductionRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/introductions', 'manage_introductions', async (ctx) => {
    const filter = listQuery.parse(ctx.request.query ?? {});
    const { introductions, counts } = await listIntroductions(ctx.deps.db, filter);
    return ctx.page(<IntroductionListPage ctx={ctx} introductions={introductions} counts={counts} filter={filter} limit={LIST_LIMIT} figures={await introductionFigures(ctx.deps.db)} />);
  }),

  staffRoute('GET', '/admin/introductions/:id', 'manage_introductions', async (ctx) => ctx.page(await detailPage(ctx, idParams.parse(ctx.request.params).id))),

  staffRoute('POST', '/admin/introductions/:id/triage', 'manage_introductions', async (ctx) => {
    const { id } = idParams.parse(ctx.request.params);
    const form = z.object({ notes: formText, assignee: formText }).parse(ctx.request.body ?? {});
    try {
      // Anything but an id of the list (or "nobody") is refused by the service as not an active staff member.
      const assigneeId = form.assignee === '' ? null : /^\d{1,12}$/.test(form.assignee) ? Number(form.assignee) : -1;
      await saveTriage(ctx.deps.db, ctx.deps.clock, ctx.actor, id, { notes: form.notes, assigneeId });
      return ctx.redirect(`/admin/introductions/${id}`, ctx.locale.t('deskIntroductions.saved'));
    } catch (error) {
      return failed(ctx, id, error);
    }
  }),

  staffRoute('POST', '/admin/introductions/:id/state', 'manage_introductions', async (ctx) => {
    const { id } = idParams.parse(ctx.request.params);
    const { state } = z.object({ state: formText }).parse(ctx.request.body ?? {});
    try {
      const changed = await changeIntroductionState(ctx.deps.db, ctx.deps.clock, ctx.actor, id, state);
      return ctx.redirect(`/admin/introductions/${id}`, ctx.locale.t('deskIntroductions.stateChanged', { state: changed.state }));
    } catch (error) {
      return failed(ctx, id, error);
    }
  }),

  staffRoute('POST', '/admin/introductions/:id/send', 'manage_introductions', async (ctx) => {
    const { id } = idParams.parse(ctx.request.params);
    const { contact } = z.object({ contact: formText }).parse(ctx.request.body ?? {});
    try {
      const contactId = /^\d{1,12}$/.test(contact) ? Number(contact) : -1;
      await sendIntroductionRequest(ctx.deps.db, ctx.deps.clock, ctx.deps.site, ctx.actor, id, contactId);
      return ctx.redirect(`/admin/introductions/${id}`, ctx.locale.t('deskIntroductions.sent'));
    } catch (error) {
      return failed(ctx, id, error);
    }
  }),
];
