import type { Database, Executor } from '../db/database.js';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import type { Clock } from '../lib/clock.js';
import { can } from '../auth/permissions.js';
import { Invalid, NotFound, type Problem } from '../lib/errors.js';
import { DEFAULT_LANGUAGE, type Language } from '../i18n/languages.js';
import { translator, type MessageKey } from '../i18n/messages.js';
import { enqueueEmail } from '../mail/email.js';
import { withFooter } from '../settings/settings.service.js';
import * as inquiryReceivedEmail from './emails/inquiry-received.email.js';
import { getStaff, listStaff } from '../staff/staff.service.js';
import type { StaffMember } from '../staff/staff.js';
import { checkInquiryDraft, INQUIRY_STATUSES, INQUIRY_TOPICS, isInquiryTopic, topicLabel, type Inquiry, type InquiryDraft, type InquiryFilter, type InquiryStatus, type InquiryTopic } from './inquiries.js';
import {
  countInquiriesByStatus, findInquiry, findTopicOwner, insertInquiry, listInquiryRows, listTopicOwnerRows, setInquiryStatus, writeTopicOwner,
} from './inquiries.queries.js';

// Inquiries from /contact: stored (the inbox is the record) and a notice to staff enqueued in
// the same transaction, to the topic's owner when it has one (docs/services.md). The notice is plain text made from what the sender typed; its HTML part
// is rendered by Preact, which escapes every character, so nothing they write becomes markup or
// a link we made.

/** What the notices link to, and where they go without a topic owner (CONTACT_EMAIL, else the owners and admins). */
export interface InquirySite {
  readonly name: string;
  readonly url: string;
  readonly contactEmail: string | null;
}

/** At most this many inquiries on one inbox page. */
export const INBOX_LIMIT = 200;

/**
 * Stores an inquiry and enqueues a notice to each recipient; returns it. A topic with an owner
 * (an active staff member who may read the inbox) is routed to them: the inquiry is assigned to
 * them and they alone get the notice, in their desk language. Otherwise the notice goes to
 * CONTACT_EMAIL, else every active owner and admin, in English. Throws `Invalid` for bad fields
 * (nothing stored).
 */
export async function submitInquiry(db: Database, clock: Clock, site: InquirySite, draft: InquiryDraft): Promise<{ inquiry: Inquiry; notified: number }> {
  const input = checkInquiryDraft(draft);
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const owner = await activeTopicOwner(trx, input.topic);
    const id = await insertInquiry(trx, input, owner?.id ?? null, now);
    const routed = owner ? `, assigned to ${owner.email}` : '';
    await recordActivity(trx, clock, { type: 'system', id: null, label: 'contact form' }, 'inquiry.create', { type: 'inquiry', id, label: input.name }, `${topicLabel(input.topic)} from ${input.email}${routed}`);
    const inquiry = (await findInquiry(trx, id))!;
    const recipients = owner ? [{ email: owner.email, language: owner.language }] : (await inquiryRecipients(trx, site.contactEmail)).map((email) => ({ email, language: DEFAULT_LANGUAGE }));
    for (const to of recipients) {
      await enqueueEmail(
        trx, clock, inquiryReceivedEmail, to.email,
        { id, name: inquiry.name, email: inquiry.email, company: inquiry.company, topic: topicLabelIn(to.language, inquiry.topic), message: inquiry.message, deskUrl: `${site.url}/admin/inquiries/${id}`, siteName: site.name },
        { headers: { 'Reply-To': inquiry.email }, ...(await withFooter(trx, site, to.language)) },
      );
    }
    return { inquiry, notified: recipients.length };
  });
}

/** A topic's label in a language (the catalogs' `forms.contact.topic.<key>`; the key itself for a topic no longer listed). */
export function topicLabelIn(language: Language, key: string): string {
  if (!isInquiryTopic(key)) return key;
  const message: MessageKey = `forms.contact.topic.${key}`;
  return translator(language)(message);
}

/** Whether a staff member can own a topic: active, and allowed into the inbox its notices link to. */
function canOwn(staff: StaffMember): boolean {
  return staff.active && can(staff.role, 'manage_inquiries');
}

/** The topic's owner when they can still take it, else undefined (the inquiry goes to everyone). */
async function activeTopicOwner(db: Executor, topic: string): Promise<StaffMember | undefined> {
  const staffId = await findTopicOwner(db, topic);
  if (staffId === undefined) return undefined;
  const staff = await getStaff(db, staffId);
  return canOwn(staff) ? staff : undefined;
}

/** CONTACT_EMAIL when set, otherwise every active owner and admin. */
export async function inquiryRecipients(db: Executor, contactEmail: string | null): Promise<string[]> {
  if (contactEmail) return [contactEmail];
  return (await listStaff(db)).filter((staff) => staff.active && (staff.role === 'owner' || staff.role === 'admin')).map((staff) => staff.email);
}

/** The desk's owners page: each topic with its owner (or none), and the staff who can own one. */
export async function getTopicOwners(db: Executor): Promise<{ owners: ReadonlyMap<string, number>; candidates: StaffMember[] }> {
  const owners = new Map((await listTopicOwnerRows(db)).map((row) => [row.topic as string, row.staffId]));
  return { owners, candidates: (await listStaff(db)).filter(canOwn) };
}

/**
 * Saves the owner of every topic from the desk's form (`input[topic]`: a staff id, or '' for
 * nobody) and records each change. Throws `Invalid` naming each topic whose choice is not an
 * active staff member who may read the inbox (nothing saved). Returns the topics changed.
 */
export async function saveTopicOwners(db: Database, clock: Clock, actor: Actor, input: Readonly<Record<string, string>>): Promise<InquiryTopic[]> {
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const { owners, candidates } = await getTopicOwners(trx);
    const byId = new Map(candidates.map((staff) => [staff.id, staff]));
    const problems: Problem[] = [];
    const wanted = new Map<InquiryTopic, number | null>();
    for (const { key } of INQUIRY_TOPICS) {
      const raw = (input[key] ?? '').trim();
      if (raw === '') wanted.set(key, null);
      else if (/^\d+$/.test(raw) && byId.has(Number(raw))) wanted.set(key, Number(raw));
      else problems.push({ where: key, message: 'choose an active staff member who reads the inbox, or nobody' });
    }
    if (problems.length > 0) throw new Invalid('Some owners need another look; nothing was saved.', problems);
    const changed: InquiryTopic[] = [];
    for (const [topic, staffId] of wanted) {
      if ((owners.get(topic) ?? null) === staffId) continue;
      await writeTopicOwner(trx, topic, staffId, now);
      const owner = staffId === null ? 'nobody' : byId.get(staffId)!.email;
      await recordActivity(trx, clock, actor, 'inquiry.owner', { type: 'inquiry topic', id: null, label: topicLabel(topic) }, `owner: ${owner}`);
      changed.push(topic);
    }
    return changed;
  });
}

/** The inbox: inquiries newest first, with counts per status. */
export async function listInquiries(db: Executor, filter: InquiryFilter) {
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
