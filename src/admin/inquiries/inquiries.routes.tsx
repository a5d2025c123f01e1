import { z } from 'zod';
import { INQUIRY_STATUSES, INQUIRY_TOPICS } from '../../inquiries/inquiries.js';
import { changeInquiryStatus, getInquiry, INBOX_LIMIT, listInquiries } from '../../inquiries/inquiries.service.js';
import { staffRoute, type AdminRoute } from '../admin-route.js';
import { failedStatus, formErrorsOf, formText, idParams } from '../forms.js';
import { InboxPage, InquiryPage } from './inquiry-pages.js';

const TOPIC_KEYS = INQUIRY_TOPICS.map((topic) => topic.key) as [string, ...string[]];
const inboxQuery = z.object({
  status: z.enum(INQUIRY_STATUSES).optional().catch(undefined),
  topic: z.enum(TOPIC_KEYS).optional().catch(undefined),
});

/** The inquiries inbox: list with filters, one inquiry, its status. */
export const inquiryRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/inquiries', 'manage_inquiries', async (ctx) => {
    const filter = inboxQuery.parse(ctx.request.query ?? {});
    const { inquiries, counts } = await listInquiries(ctx.deps.db, filter);
    return ctx.page(<InboxPage ctx={ctx} inquiries={inquiries} counts={counts} filter={filter} limit={INBOX_LIMIT} />);
  }),

  staffRoute('GET', '/admin/inquiries/:id', 'manage_inquiries', async (ctx) => {
    const inquiry = await getInquiry(ctx.deps.db, idParams.parse(ctx.request.params).id);
    return ctx.page(<InquiryPage ctx={ctx} inquiry={inquiry} />);
  }),

  staffRoute('POST', '/admin/inquiries/:id/status', 'manage_inquiries', async (ctx) => {
    const inquiry = await getInquiry(ctx.deps.db, idParams.parse(ctx.request.params).id);
    const { status } = z.object({ status: formText }).parse(ctx.request.body ?? {});
    try {
      const changed = await changeInquiryStatus(ctx.deps.db, ctx.deps.clock, ctx.actor, inquiry.id, status);
      return ctx.redirect(`/admin/inquiries/${inquiry.id}`, `Marked as ${changed.status}.`);
    } catch (error) {
      return ctx.page(<InquiryPage ctx={ctx} inquiry={inquiry} errors={formErrorsOf(error)} />, failedStatus(error));
    }
  }),
];
