import { z } from 'zod';
import { INQUIRY_STATUSES, INQUIRY_TOPICS } from '../../inquiries/inquiries.js';
import { changeInquiryStatus, getInquiry, getTopicOwners, INBOX_LIMIT, listInquiries, saveTopicOwners } from '../../inquiries/inquiries.service.js';
import { Invalid } from '../../lib/errors.js';
import { getStaff } from '../../staff/staff.service.js';
import { staffRoute, type AdminRoute, type StaffContext } from '../admin-route.js';
import { failedStatus, formErrorsOf, formText, idParams, type FormErrors } from '../forms.js';
import { InboxPage, InquiryPage, TopicOwnersPage } from './inquiry-pages.js';

const TOPIC_KEYS = INQUIRY_TOPICS.map((topic) => topic.key) as [string, ...string[]];
const inboxQuery = z.object({
  status: z.enum(INQUIRY_STATUSES).optional().catch(undefined),
  topic: z.enum(TOPIC_KEYS).optional().catch(undefined),
  assigned: z.enum(['me']).optional().catch(undefined),
});
const ownersForm = z.object(Object.fromEntries(TOPIC_KEYS.map((key) => [key, z.string().catch('')])) as Record<string, z.ZodCatch<z.ZodString>>);

/** The problems of a failed save of the owners, in the desk's language. */
function ownerErrors(ctx: StaffContext, error: unknown): FormErrors {
  const errors = formErrorsOf(error);
  if (!(error instanceof Invalid)) return errors;
  const { t } = ctx.locale;
  return { message: t('services.desk.owners.invalid'), fields: Object.fromEntries(Object.keys(errors.fields).map((key) => [key, [t('services.desk.owners.error')]])) };
}

/** The name (or address) of an inquiry's assignee, or null. */
async function assigneeOf(ctx: StaffContext, staffId: number | null): Promise<string | null> {
  if (staffId === null) return null;
  const staff = await getStaff(ctx.deps.db, staffId);
  return staff.name || staff.email;
}

/** The inquiries inbox: list with filters, one inquiry, its status; and who owns each topic. */
export const inquiryRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/inquiries', 'manage_inquiries', async (ctx) => {
    const { assigned, ...filter } = inboxQuery.parse(ctx.request.query ?? {});
    const { inquiries, counts } = await listInquiries(ctx.deps.db, { ...filter, assignedTo: assigned === 'me' ? ctx.staff.id : undefined });
    return ctx.page(<InboxPage ctx={ctx} inquiries={inquiries} counts={counts} filter={{ ...filter, assigned }} limit={INBOX_LIMIT} />);
  }),

  // Before `/admin/inquiries/:id` in meaning; Fastify matches the static path first anyway.
  staffRoute('GET', '/admin/inquiries/owners', 'manage_site', async (ctx) => {
    const { owners, candidates } = await getTopicOwners(ctx.deps.db);
    const input = Object.fromEntries(TOPIC_KEYS.map((key) => [key, owners.has(key) ? String(owners.get(key)) : '']));
    return ctx.page(<TopicOwnersPage ctx={ctx} input={input} candidates={candidates} />);
  }),

  staffRoute('POST', '/admin/inquiries/owners', 'manage_site', async (ctx) => {
    const input = ownersForm.parse(ctx.request.body ?? {});
    try {
      const changed = await saveTopicOwners(ctx.deps.db, ctx.deps.clock, ctx.actor, input);
      const { t } = ctx.locale;
      return ctx.redirect('/admin/inquiries/owners', changed.length > 0 ? t('services.desk.owners.saved', { count: changed.length }) : t('services.desk.owners.unchanged'));
    } catch (error) {
      const { candidates } = await getTopicOwners(ctx.deps.db);
      return ctx.page(<TopicOwnersPage ctx={ctx} input={input} candidates={candidates} errors={ownerErrors(ctx, error)} />, failedStatus(error));
    }
  }),

  staffRoute('GET', '/admin/inquiries/:id', 'manage_inquiries', async (ctx) => {
    const inquiry = await getInquiry(ctx.deps.db, idParams.parse(ctx.request.params).id);
    return ctx.page(<InquiryPage ctx={ctx} inquiry={inquiry} assignee={await assigneeOf(ctx, inquiry.assignedStaffId)} />);
  }),

  staffRoute('POST', '/admin/inquiries/:id/status', 'manage_inquiries', async (ctx) => {
    const inquiry = await getInquiry(ctx.deps.db, idParams.parse(ctx.request.params).id);
    const { status } = z.object({ status: formText }).parse(ctx.request.body ?? {});
    try {
      const changed = await changeInquiryStatus(ctx.deps.db, ctx.deps.clock, ctx.actor, inquiry.id, status);
      return ctx.redirect(`/admin/inquiries/${inquiry.id}`, `Marked as ${changed.status}.`);
    } catch (error) {
      return ctx.page(<InquiryPage ctx={ctx} inquiry={inquiry} assignee={await assigneeOf(ctx, inquiry.assignedStaffId)} errors={formErrorsOf(error)} />, failedStatus(error));
    }
  }),
];
