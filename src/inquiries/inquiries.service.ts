import type { Database, Executor } from '../db/database.js';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import type { Clock } from '../lib/clock.js';
import { Invalid, NotFound } from '../lib/errors.js';
import { DEFAULT_LANGUAGE } from '../i18n/languages.js';
import { enqueueEmail } from '../mail/email.js';
import { withFooter } from '../settings/settings.service.js';
import * as inquiryReceivedEmail from './emails/inquiry-received.email.js';
import { listStaff } from '../staff/staff.service.js';
import { checkInquiryDraft, INQUIRY_STATUSES, topicLabel, type Inquiry, type InquiryDraft, type InquiryStatus } from './inquiries.js';
import { countInquiriesByStatus, findInquiry, insertInquiry, listInquiryRows, setInquiryStatus } from './inquiries.queries.js';

// Inquiries from /contact: stored (the inbox is the record) and a notice to staff enqueued in
// the same transaction. The notice is plain text made from what the sender typed; its HTML part
// is rendered by Preact, which escapes every character, so nothing they write becomes markup or
// a link we made.

/** What the notices link to, and where they go (CONTACT_EMAIL, else the owners and admins). */
export interface InquirySite {
  readonly name: string;
  readonly url: string;
  readonly contactEmail: string | null;
}

/** At most this many inquiries on one inbox page. */
export const INBOX_LIMIT = 200;

/** Stores an inquiry and enqueues a notice to each recipient; returns it. Throws `Invalid` for bad fields (nothing stored). */
export async function submitInquiry(db: Database, clock: Clock, site: InquirySite, draft: InquiryDraft): Promise<{ inquiry: Inquiry; notified: number }> {
  const input = checkInquiryDraft(draft);
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const id = await insertInquiry(trx, input, now);
    await recordActivity(trx, clock, { type: 'system', id: null, label: 'contact form' }, 'inquiry.create', { type: 'inquiry', id, label: input.name }, `${topicLabel(input.topic)} from ${input.email}`);
    const inquiry = (await findInquiry(trx, id))!;
    const recipients = await inquiryRecipients(trx, site.contactEmail);
    for (const to of recipients) {
      await enqueueEmail(
        trx, clock, inquiryReceivedEmail, to,
        { id, name: inquiry.name, email: inquiry.email, company: inquiry.company, topic: topicLabel(inquiry.topic), message: inquiry.message, deskUrl: `${site.url}/admin/inquiries/${id}`, siteName: site.name },
        { headers: { 'Reply-To': inquiry.email }, ...(await withFooter(trx, site, DEFAULT_LANGUAGE)) },
      );
    }
    return { inquiry, notified: recipients.length };
  });
}

/** CONTACT_EMAIL when set, otherwise every active owner and admin. */
export async function inquiryRecipients(db: Executor, contactEmail: string | null): Promise<string[]> {
  if (contactEmail) return [contactEmail];
  return (await listStaff(db)).filter((staff) => staff.active && (staff.role === 'owner' || staff.role === 'admin')).map((staff) => staff.email);
}

/** The inbox: inquiries newest first, with counts per status. */
export async function listInquiries(db: Executor, filter: { status?: InquiryStatus | undefined; topic?: string | undefined }) {
  return { inquiries: await listInquiryRows(db, filter, INBOX_LIMIT), counts: await countInquiriesByStatus(db) };
}

/** One inquiry; NotFound otherwise. */
export async function getInquiry(db: Executor, id: number): Promise<Inquiry> {
  const inquiry = await findInquiry(db, id);
  if (!inquiry) throw new NotFound('There is no such inquiry.');
  return inquiry;
}

/** Changes an inquiry's status and records who did it. */
export async function changeInquiryStatus(db: Database, clock: Clock, actor: Actor, id: number, status: string): Promise<Inquiry> {
  if (!(INQUIRY_STATUSES as readonly string[]).includes(status)) {
    throw new Invalid('Choose a status from the list.', [{ where: 'status', message: `choose ${INQUIRY_STATUSES.join(', ')}` }]);
  }
  return db.transaction().execute(async (trx) => {
    const before = await getInquiry(trx, id);
    await setInquiryStatus(trx, id, status as InquiryStatus, clock.now().toISOString());
    await recordActivity(trx, clock, actor, 'inquiry.status', { type: 'inquiry', id, label: before.name }, `${before.status} → ${status}`);
    return getInquiry(trx, id);
  });
}
