// Row types of sessions, one-time tokens and rate limits (migration 2026-11-29T0000-people).

/** Whose session it is: a member contact's or a staff member's. */
export type SessionKind = 'member' | 'staff';

/** What a one-time link is for (the last two: a member's data requests, migration 2026-12-01T0600-privacy). */
export type TokenPurpose = 'member_sign_in' | 'staff_password' | 'subscribe_confirm' | 'data_export' | 'erasure_confirm';

export interface SessionsTable {
  id: string;
  kind: SessionKind;
  contact_id: number | null;
  staff_id: number | null;
  created_at: string;
  expires_at: string;
}

export interface LoginTokensTable {
  id: string;
  purpose: TokenPurpose;
  contact_id: number | null;
  staff_id: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface RateLimitsTable {
  key: string;
  window_start: string;
  count: number;
}

/** The auth tables, part of `DB`. */
export interface AuthTables {
  sessions: SessionsTable;
  login_tokens: LoginTokensTable;
  rate_limits: RateLimitsTable;
}
