import type { Generated } from 'kysely';

// Row types of events and their sectors (migration 2026-11-28T0000-content), and of their
// registrations, settings and calls for speakers and partners (2026-11-30T0100-event-registrations).

/** Who runs an event: we do, or someone else (we list it). */
export const ORGANISERS = ['own', 'external'] as const;
export type Organiser = (typeof ORGANISERS)[number];

/** What a call for speakers and partners is open for, and what a submission applies as. */
export const CALL_KINDS = ['speaker', 'partner'] as const;
export type CallKind = (typeof CALL_KINDS)[number];

/** A registration's place: confirmed, on the waitlist, or cancelled. */
export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** A submission's review: submitted, then accepted or rejected, or withdrawn by the sender. */
export const SUBMISSION_STATUSES = ['submitted', 'accepted', 'rejected', 'withdrawn'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export interface EventsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  body: string;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  all_day: number;
  venue: string | null;
  address: string | null;
  city: string | null;
  online: number;
  online_url: string | null;
  organiser: Organiser;
  organiser_name: string | null;
  url: string | null;
  capacity: number | null;
  registration_opens_at: string | null;
  registration_closes_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface EventSectorsTable {
  event_id: number;
  sector_id: number;
  position: number;
}

export interface EventSettingsTable {
  event_id: number;
  /** JSON array of registration questions. */
  questions: Generated<string>;
  waitlist: Generated<number>;
  /** Comma-separated kinds the call is open for: '', 'speaker', 'partner', 'speaker,partner'. */
  call_kinds: Generated<string>;
  call_closes_at: string | null;
  call_intro: Generated<string>;
  updated_at: string;
}

export interface EventRegistrationsTable {
  id: Generated<number>;
  event_id: number;
  contact_id: number;
  status: RegistrationStatus;
  /** JSON object: question id → answer. */
  answers: Generated<string>;
  registered_at: string;
  confirmed_at: string | null;
  cancelled_at: string | null;
  checked_in_at: string | null;
  updated_at: string;
}

export interface EventSubmissionsTable {
  id: Generated<number>;
  event_id: number;
  kind: CallKind;
  name: string;
  email: string;
  organisation: Generated<string>;
  title: string;
  summary: string;
  status: SubmissionStatus;
  review_notes: Generated<string>;
  withdraw_key: string;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The event tables, part of `DB`. */
export interface EventTables {
  events: EventsTable;
  event_sectors: EventSectorsTable;
  event_settings: EventSettingsTable;
  event_registrations: EventRegistrationsTable;
  event_submissions: EventSubmissionsTable;
}
