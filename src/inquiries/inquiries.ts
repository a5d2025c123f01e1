import { z } from 'zod';
import { problemsOf } from '../content/draft-fields.js';
import type { InquiryStatus } from '../db/tables/inquiries.js';
import { Invalid } from '../lib/errors.js';

// Inquiries: messages sent through /contact, kept in the desk's inbox with a status.

// An inquiry's statuses are declared once, with the table types.
export { INQUIRY_STATUSES, type InquiryStatus } from '../db/tables/inquiries.js';

/** What people write to us about. */
export const INQUIRY_TOPICS = [
  { key: 'newsletter', label: 'The newsletter' },
  { key: 'membership', label: 'Membership' },
  { key: 'events', label: 'Events' },
  { key: 'programs', label: 'Programs such as the Innovators Club' },
  { key: 'press', label: 'Press' },
  { key: 'other', label: 'Something else' },
] as const;
export type InquiryTopic = (typeof INQUIRY_TOPICS)[number]['key'];

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
