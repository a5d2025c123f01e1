import { z } from 'zod';
import { problemsOf } from '../content/draft-fields.js';
import type { InquiryStatus } from '../db/tables/inquiries.js';
import { Invalid } from '../lib/errors.js';

// Inquiries: messages sent through /contact, kept in the desk's inbox with a status.

// An inquiry's statuses are declared once, with the table types.
export { INQUIRY_STATUSES, type InquiryStatus } from '../db/tables/inquiries.js';

/**
 * What people write to us about. A topic with a `service` is the inquiry topic of one of the
 * Innovation Hub's services (its page is `/services/<service>`, whose call to action opens
 * `/contact?topic=<key>`). The label is the desk's English one; pages and mail translate
 * `forms.contact.topic.<key>`.
 */
export const INQUIRY_TOPICS = [
  { key: 'newsletter', label: 'The newsletter' },
  { key: 'membership', label: 'Membership' },
  { key: 'events', label: 'Events' },
  { key: 'programs', label: 'Programs such as the Innovators Club' },
  { key: 'innovation-trips', label: 'Innovation trips', service: 'innovation-trips' },
  { key: 'technology-scouting', label: 'Technology scouting', service: 'technology-scouting' },
  { key: 'acceleration-programs', label: 'Acceleration programs', service: 'acceleration-programs' },
  { key: 'office-in-office', label: 'Office-in-office workstations', service: 'office-in-office-workstations' },
  { key: 'innovation-events', label: 'Innovation events', service: 'innovation-events' },
  { key: 'press', label: 'Press' },
  { key: 'other', label: 'Something else' },
] as const;
export type InquiryTopic = (typeof INQUIRY_TOPICS)[number]['key'];

/** The Innovation Hub's services, in the order their index lists them: each page's slug and its inquiry topic. */
export const HUB_SERVICES = INQUIRY_TOPICS.flatMap((topic) => ('service' in topic ? [{ slug: topic.service, topic: topic.key }] : []));
export type HubService = (typeof HUB_SERVICES)[number];

/** Whether `value` is an inquiry topic's key (the contact form's `?topic=` is honoured only then). */
export function isInquiryTopic(value: unknown): value is InquiryTopic {
  return typeof value === 'string' && INQUIRY_TOPICS.some((topic) => topic.key === value);
}

/** One staff member owning a topic: its inquiries are assigned and mailed to them. */
export interface TopicOwner {
  readonly topic: InquiryTopic;
  readonly staffId: number;
}

/** One stored inquiry. */
export interface Inquiry {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly company: string | null;
  readonly topic: string;
  readonly message: string;
  readonly status: InquiryStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Whom it was assigned to on arrival: the topic's owner then, or null. */
  readonly assignedStaffId: number | null;
}

/** What the inbox can be narrowed to. */
export interface InquiryFilter {
  readonly status?: InquiryStatus | undefined;
  readonly topic?: string | undefined;
  /** Only those assigned to this staff member. */
  readonly assignedTo?: number | undefined;
}

/** The form's fields. */
export interface InquiryDraft {
  readonly name: string;
  readonly email: string;
  readonly company: string;
  readonly topic: string;
  readonly message: string;
}

export const EMPTY_INQUIRY_DRAFT: InquiryDraft = { name: '', email: '', company: '', topic: '', message: '' };

/** Checked values. */
export interface InquiryInput {
  readonly name: string;
  readonly email: string;
  readonly company: string | null;
  readonly topic: InquiryTopic;
  readonly message: string;
}

const TOPIC_KEYS = INQUIRY_TOPICS.map((topic) => topic.key) as [InquiryTopic, ...InquiryTopic[]];

/** A line break in a name would reach the team's email headers and the inbox's one-line lists; the call form refuses it too. */
const oneLine = (value: string) => !/[\r\n]/.test(value);
const ONE_LINE = 'must be on one line';

const schema = z.object({
  name: z.string().trim().min(1, 'enter your name').max(200, 'keep your name under 200 characters').refine(oneLine, ONE_LINE),
  email: z.string().trim().min(1, 'enter your email address').max(254, 'enter a valid email address').email('enter a valid email address'),
  company: z.string().trim().max(200, 'keep the company under 200 characters').refine(oneLine, ONE_LINE),
  topic: z.string().refine(oneLine, ONE_LINE).pipe(z.enum(TOPIC_KEYS, { errorMap: () => ({ message: 'choose what your message is about' }) })),
  message: z.string().trim().min(1, 'write your message').max(5000, 'keep the message under 5,000 characters'),
});

/** Validates a draft; throws `Invalid` naming every bad field. */
export function checkInquiryDraft(draft: InquiryDraft): InquiryInput {
  const parsed = schema.safeParse(draft);
  if (!parsed.success) throw new Invalid('Some fields need another look; nothing was sent.', problemsOf(parsed.error));
  return { ...parsed.data, company: parsed.data.company || null, message: parsed.data.message.replace(/\r\n?/g, '\n') };
}

/** The label of a topic key. */
export function topicLabel(key: string): string {
  return INQUIRY_TOPICS.find((topic) => topic.key === key)?.label ?? key;
}
