import type { Generated } from 'kysely';

// Row types of innovator introductions (migration 2026-12-02T0800-introductions).

/** Where a request stands (src/introductions/README.md). */
export const INTRODUCTION_STATES = ['new', 'contacted', 'accepted', 'declined', 'closed'] as const;
export type IntroductionState = (typeof INTRODUCTION_STATES)[number];

/** What the member wants from the introduction. */
export const INTRODUCTION_PURPOSES = ['partnership', 'sourcing', 'investment', 'technology-scouting', 'other'] as const;
export type IntroductionPurpose = (typeof INTRODUCTION_PURPOSES)[number];

export interface InnovatorIntroductionsTable {
  id: Generated<number>;
  contact_id: number;
  organization_id: number;
  purpose: IntroductionPurpose;
  message: string;
  consented_at: string;
  consent_wording_id: string;
  state: Generated<IntroductionState>;
  notes: Generated<string>;
  assignee_id: number | null;
  innovator_contact_id: number | null;
  sent_at: string | null;
  decision_token_hash: string | null;
  opt_out_token_hash: string | null;
  decided_at: string | null;
  introduced_at: string | null;
  /** 1 for a demo sample. */
  sample: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** The introduction tables, part of `DB`. */
export interface IntroductionTables {
  innovator_introductions: InnovatorIntroductionsTable;
}
