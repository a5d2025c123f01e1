import type { Generated } from 'kysely';
import type { Language } from './members.js';

// Row types of the consent ledger (migration 2026-12-01T0500-consent-ledger).

/** What a consent is for. */
export const CONSENT_PURPOSES = ['newsletter', 'event_registration', 'program_registration', 'innovator_introduction', 'survey', 'engagement_tracking'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** What happened to it. */
export const CONSENT_ACTIONS = ['requested', 'confirmed', 'withdrawn'] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

/** Where it happened. */
export const CONSENT_SOURCE_KINDS = ['form', 'link', 'import', 'desk', 'cli'] as const;
export type ConsentSourceKind = (typeof CONSENT_SOURCE_KINDS)[number];

export interface ConsentWordingsTable {
  /** The first 32 hex characters of sha-256(purpose \0 language \0 text). */
  id: string;
  purpose: ConsentPurpose;
  language: Language;
  text: string;
  created_at: string;
}

export interface ConsentEventsTable {
  id: Generated<number>;
  contact_id: number | null;
  /** Set only by erasure, which clears contact_id. */
  subject_hash: string | null;
  purpose: ConsentPurpose;
  action: ConsentAction;
  occurred_at: string;
  source_kind: ConsentSourceKind;
  source: string;
  wording_id: string | null;
  subject_ref: string | null;
  ip: string | null;
  user_agent: string | null;
}

/** The consent tables, part of `DB`. */
export interface ConsentTables {
  consent_wordings: ConsentWordingsTable;
  consent_events: ConsentEventsTable;
}
