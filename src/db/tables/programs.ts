import type { Generated } from 'kysely';

// Row types of programs and their roles (migration 2026-11-28T0000-content), and of their
// registrations and matching (2026-11-30T0200-programs).

/** The roles people register for in a program. */
export const PROGRAM_ROLES = ['mentor', 'mentee', 'participant'] as const;
export type ProgramRole = (typeof PROGRAM_ROLES)[number];

/** A pair rule: the pair is pinned (always matched) or forbidden. */
export type PairRuleKind = 'pin' | 'forbid';

/** A matching run's life: a draft, published, or superseded by a later publication. */
export type MatchRunStatus = 'draft' | 'published' | 'superseded';

/** Who of a matched pair a pair introduction email goes to. */
export type PairIntroductionSide = 'mentor' | 'mentee';

export interface ProgramsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  body: string;
  registration_deadline: string | null;
  cohort_start: string | null;
  duration_months: number | null;
  time_zone: string;
  contact_name: string | null;
  contact_email: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProgramRolesTable {
  program_id: number;
  position: number;
  role: ProgramRole;
}

export interface ProgramRegistrationsTable {
  id: Generated<number>;
  program_id: number;
  contact_id: number | null;
  role: ProgramRole;
  name: string;
  email: string;
  email_key: string;
  company: string | null;
  company_key: string | null;
  /** Focus-area keys, `;`-separated: a mentor's expertise, a mentee's goals. */
  areas: Generated<string>;
  sector: string | null;
  /** In their own words: what they offer or hope to get (free text). */
  goals: Generated<string>;
  languages: string;
  city: string | null;
  time_zone: string | null;
  availability: Generated<string>;
  capacity: number | null;
  not_own_company: Generated<number>;
  /** 1 for the demo's fictional sample people. */
  sample: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ProgramMatchWeightsTable {
  program_id: number;
  expertise: number;
  sector: number;
  location: number;
  availability: number;
  updated_at: string;
}

export interface ProgramPairRulesTable {
  id: Generated<number>;
  program_id: number;
  mentor_id: number;
  mentee_id: number;
  kind: PairRuleKind;
  created_at: string;
}

export interface MatchRunsTable {
  id: Generated<number>;
  program_id: number;
  status: MatchRunStatus;
  /** JSON of the weights the run used. */
  weights: string;
  total_points: number;
  greedy_points: number;
  /** JSON list of pins the run could not keep, with the reason. */
  skipped_pins: Generated<string>;
  created_by: string;
  created_at: string;
  published_at: string | null;
  /** Digest of the registrations and pair rules the run was drafted from. */
  inputs_digest: Generated<string>;
}

/**
 * A claimed (sent, or being sent) pair introduction email: one per pair and side. The table keeps
 * its first name, `match_introductions` (migrations are frozen); in code and docs these are
 * "pair introductions", distinct from the innovator introductions of issue 17.
 */
export interface PairIntroductionsTable {
  mentor_id: number;
  mentee_id: number;
  side: PairIntroductionSide;
  run_id: number;
  claimed_at: string;
}

export interface MatchPairsTable {
  run_id: number;
  mentor_id: number;
  mentee_id: number;
  pinned: Generated<number>;
  points: number;
  /** JSON of the score parts. */
  breakdown: string;
  introduced_at: string | null;
}

export interface MatchUnmatchedTable {
  run_id: number;
  registration_id: number;
  reason: string;
}

/** The program tables, part of `DB`. */
export interface ProgramTables {
  programs: ProgramsTable;
  program_roles: ProgramRolesTable;
  program_registrations: ProgramRegistrationsTable;
  program_match_weights: ProgramMatchWeightsTable;
  program_pair_rules: ProgramPairRulesTable;
  match_runs: MatchRunsTable;
  match_pairs: MatchPairsTable;
  match_introductions: PairIntroductionsTable;
  match_unmatched: MatchUnmatchedTable;
}
