import type { Database, Executor } from '../db/database.js';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import type { Clock } from '../lib/clock.js';
import { Invalid, NotFound } from '../lib/errors.js';
import type { Mailer } from '../mail/mailer.js';
import { renderSimpleEmail } from '../mail/simple-email.js';
import { listStaff } from '../staff/staff.service.js';
import { checkInquiryDraft, INQUIRY_STATUSES, topicLabel, type Inquiry, type InquiryDraft, type InquiryStatus } from './inquiries.js';
import { countInquiriesByStatus, findInquiry, insertInquiry, listInquiryRows, setInquiryStatus } from './inquiries.queries.js';

// Inquiries from /contact: stored first (the inbox is the record), then emailed to staff. The
// email is plain text made from what the sender typed; its HTML part is rendered by Preact,
// which escapes every character, so nothing they write becomes markup or a link we made.

/** Where notices go and what the links point at. */
export interface InquiryMailSettings {
  readonly mailer: Mailer;
  readonly site: { readonly name: string; readonly url: string; readonly contactEmail: string | null };
}

/** At most this many inquiries on one inbox page. */
export const INBOX_LIMIT = 200;

/** Stores an inquiry and emails staff; returns it. Throws `Invalid` for bad fields (nothing stored). */
export async function submitInquiry(db: Database, clock: Clock, mail: InquiryMailSettings, draft: InquiryDraft): Promise<{ inquiry: Inquiry; notified: number }> {
  const input = checkInquiryDraft(draft);
  const now = clock.now().toISOString();
  const inquiry = await db.transaction().execute(async (trx) => {
    const id = await insertInquiry(trx, input, now);
    await recordActivity(trx, clock, { type: 'system', id: null, label: 'contact form' }, 'inquiry.create', { type: 'inquiry', id, label: input.name }, `${topicLabel(input.topic)} from ${input.email}`);
    return (await findInquiry(trx, id))!;
  });
  let notified = 0;
  for (const to of await inquiryRecipients(db, mail.site.contactEmail)) {
    // A failed notice must not lose the inquiry: it is in the inbox either way.
    const sent = await mail.mailer.send(inquiryEmail(to, inquiry, mail.site)).then(() => true, () => false);
    if (sent) notified++;
  }
  return { inquiry, notified };
}

/** CONTACT_EMAIL when set, otherwise every active owner and admin. */
export async function inquiryRecipients(db: Executor, contactEmail: string | null): Promise<string[]> {
  if (contactEmail) return [contactEmail];
  return (await listStaff(db)).filter((staff) => staff.active && (staff.role === 'owner' || staff.role === 'admin')).map((staff) => staff.email);
}

function inquiryEmail(to: string, inquiry: Inquiry, site: InquiryMailSettings['site']) {
  const email = renderSimpleEmail(to, {
    subject: `New inquiry: ${topicLabel(inquiry.topic)} from ${inquiry.name}`.replace(/[\r\n]+/g, ' ').slice(0, 200),
    greeting: 'Hello,',
    paragraphs: [
      `${inquiry.name} <${inquiry.email}>${inquiry.company ? ` (${inquiry.company})` : ''} wrote through the contact form about “${topicLabel(inquiry.topic)}”:`,
      inquiry.message,
      'Reply to this email to answer them directly, then mark the inquiry as answered in the inbox.',
    ],
    action: { label: 'Open the inquiry in the desk', url: `${site.url}/admin/inquiries/${inquiry.id}` },
    closing: 'This notice was sent because someone used the contact form.',
    siteName: site.name,
  });
  return { ...email, headers: { 'Reply-To': inquiry.email } };
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
