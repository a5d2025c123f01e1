import type { Generated } from 'kysely';

// Row types of the inquiries sent through /contact (migrations 2026-11-30T0200-programs,
// 2026-12-02T0300-inquiry-owners).

/** An inquiry in the desk's inbox: new, answered, or closed. */
export const INQUIRY_STATUSES = ['new', 'answered', 'closed'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

export interface InquiriesTable {
  id: Generated<number>;
  name: string;
  email: string;
  company: string | null;
  topic: string;
  message: string;
  status: InquiryStatus;
  created_at: string;
  updated_at: string;
  /** The staff member who owned the topic when it arrived; null when nobody did. */
  assigned_staff_id: number | null;
}

/** Who owns an inquiry topic: its inquiries are assigned and mailed to them. */
export interface InquiryTopicOwnersTable {
  topic: string;
  staff_id: number;
  updated_at: string;
}

/** The inquiry tables, part of `DB`. */
export interface InquiryTables {
  inquiries: InquiriesTable;
  inquiry_topic_owners: InquiryTopicOwnersTable;
}
