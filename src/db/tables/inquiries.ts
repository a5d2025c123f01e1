import type { Generated } from 'kysely';

// Row types of the inquiries sent through /contact (migration 2026-11-30T0200-programs).

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
}

/** The inquiry tables, part of `DB`. */
export interface InquiryTables {
  inquiries: InquiriesTable;
}
