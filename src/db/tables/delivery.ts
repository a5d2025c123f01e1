import type { Generated } from 'kysely';

// Row types of deliveries, the recipient ledger, delivery events and the suppression list
// (migration 2026-11-30T0000-delivery).

export interface DeliveriesTable {
  id: Generated<number>;
  issue_id: number;
  edition: string;
  kind: string;
  status: string;
  scheduled_at: string | null;
  subject: Generated<string>;
  html: string | null;
  text: string | null;
  started_at: string | null;
  finished_at: string | null;
  problem: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface DeliveryRecipientsTable {
  id: Generated<number>;
  delivery_id: number;
  contact_id: number | null;
  email: string;
  email_key: string;
  name: Generated<string>;
  state: string;
  attempts: Generated<number>;
  reclaims: Generated<number>;
  next_attempt_at: string;
  lease_until: string | null;
  claimed_by: string | null;
  last_error: string | null;
  message_id: string;
  verp_token: string;
  sent_at: string | null;
  updated_at: string;
}

export interface DeliveryEventsTable {
  id: Generated<number>;
  delivery_id: number | null;
  recipient_id: number | null;
  contact_id: number | null;
  kind: string;
  detail: string | null;
  at: string;
}

export interface SuppressionsTable {
  email_key: string;
  reason: string;
  detail: string | null;
  created_at: string;
}

/** The delivery tables, part of `DB`. */
export interface DeliveryTables {
  deliveries: DeliveriesTable;
  delivery_recipients: DeliveryRecipientsTable;
  delivery_events: DeliveryEventsTable;
  suppressions: SuppressionsTable;
}
