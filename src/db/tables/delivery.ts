import type { Generated } from 'kysely';
import type { Language } from '../../i18n/languages.js';

// Row types of deliveries, the recipient ledger, delivery events and the suppression list
// (migration 2026-11-30T0000-delivery; templates per language and the rows' language:
// 2026-12-01T0200-delivery-languages; the findings' chart images: 2026-12-02T0600-delivery-images;
// the breaker, pacing per domain and alarms: 2026-12-03T0600-delivery-health).

/** The two editions of an issue: the full one for members, the teaser for public subscribers. */
export const EDITIONS = ['full', 'teaser'] as const;
export type Edition = (typeof EDITIONS)[number];

/** A real send to the edition's audience, or a test send to addresses typed on the desk. */
export type DeliveryKind = 'send' | 'test';

/** A delivery's life: scheduled → sending ⇄ paused → done, or cancelled from any but done. */
export const DELIVERY_STATUSES = ['scheduled', 'sending', 'paused', 'cancelled', 'done'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A ledger row's life: queued → sending → sent | queued (4xx, later) | failed (5xx); sent → bounced; queued → skipped (suppressed or unsubscribed meanwhile). */
export const RECIPIENT_STATES = ['queued', 'sending', 'sent', 'failed', 'bounced', 'skipped'] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

/**
 * Why a delivery paused itself: `transport` (the circuit breaker: the server stopped answering;
 * the worker probes and resumes by itself), `refused` (a 5xx for our side: AUTH, MAIL FROM),
 * `start` (a scheduled send that could not begin). Null when it did not pause itself.
 */
export const PAUSE_REASONS = ['transport', 'refused', 'start'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** What happened to a delivery's message after the send (not the calendar's events). */
export type DeliveryEventKind = 'bounce' | 'complaint' | 'unsubscribe';

/** Why an address is on the suppression list. */
export type SuppressionReason = 'hard_bounce' | 'complaint' | 'manual';

export interface DeliveriesTable {
  id: Generated<number>;
  issue_id: number;
  edition: Edition;
  kind: DeliveryKind;
  status: DeliveryStatus;
  scheduled_at: string | null;
  subject: Generated<string>;
  html: string | null;
  text: string | null;
  started_at: string | null;
  finished_at: string | null;
  problem: string | null;
  pause_reason: PauseReason | null;
  /** Transport failures in a row (timeouts, refused connections, 421); a success resets it. */
  transport_failures: Generated<number>;
  /** When the worker next tries one message of a delivery the breaker paused. */
  probe_at: string | null;
  /** Probes since the breaker paused it (the backoff doubles with each). */
  probes: Generated<number>;
  /** The alarm of the current incident (no progress, too many failures or deferrals), raised once; null when none. */
  alarm: string | null;
  alarm_at: string | null;
  /** The segment the send went to; null: the whole edition (migration 2026-12-04T0200-audiences). */
  segment_id: number | null;
  /** The IANA zone the desk chose the scheduled time in (shown back in it); null: UTC or not scheduled. */
  schedule_zone: string | null;
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
  state: RecipientState;
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
  /** The language the row's message is written in (the contact's, when the audience was taken). */
  language: Generated<Language>;
  /** The receiving domain (the part of the address after @, lower case): what pacing groups by. */
  domain: Generated<string>;
  /** How often the domain deferred this row (4xx at RCPT TO). */
  deferrals: Generated<number>;
  /** `<issue>:<edition>:<contact>` on rows of real sends, unique: a contact gets an edition once across its deliveries (null: test sends, released claims). */
  edition_claim: string | null;
  /** The topic variant the row's message is assembled as (`first:ai,energy`, `only:ai`; null: the issue unchanged; migration 2026-12-04T0400-topic-choices). */
  topic_variant: string | null;
}

/** The pace of one receiving domain, shared by every sending process (delivery/engine/pacing.ts). */
export interface SendDomainPaceTable {
  domain: string;
  /** The spacing between two messages to the domain; 0: full speed. */
  interval_ms: Generated<number>;
  /** The earliest time the next message may go to the domain. */
  next_at: string;
  /** Deferrals in a row (each doubles the backoff). */
  deferrals: Generated<number>;
  /** Messages accepted since the pace last changed (the pace recovers every so many). */
  successes: Generated<number>;
  /** The last deferral's reply. */
  last_deferral: string | null;
  updated_at: string;
}

/** A delivery's compiled edition in one language (a delivery started before it has its template on the `deliveries` row). */
export interface DeliveryTemplatesTable {
  delivery_id: number;
  language: Language;
  subject: string;
  html: string;
  text: string;
}

/** An image of a compiled edition, shown by Content-ID and attached to each of its messages (a finding's chart). */
export interface DeliveryImagesTable {
  delivery_id: number;
  language: Language;
  /** Its place in the edition's HTML, from 1. */
  position: number;
  cid: string;
  filename: string;
  content_type: string;
  /** The image in base64. */
  content: string;
}

export interface DeliveryEventsTable {
  id: Generated<number>;
  delivery_id: number | null;
  recipient_id: number | null;
  contact_id: number | null;
  kind: DeliveryEventKind;
  detail: string | null;
  at: string;
}

export interface SuppressionsTable {
  email_key: string;
  reason: SuppressionReason;
  detail: string | null;
  created_at: string;
}

/** The delivery tables, part of `DB`. */
export interface DeliveryTables {
  deliveries: DeliveriesTable;
  delivery_recipients: DeliveryRecipientsTable;
  delivery_templates: DeliveryTemplatesTable;
  delivery_images: DeliveryImagesTable;
  delivery_events: DeliveryEventsTable;
  suppressions: SuppressionsTable;
  send_domain_pace: SendDomainPaceTable;
}
