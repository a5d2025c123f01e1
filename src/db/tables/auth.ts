// Row types of sessions, one-time tokens and rate limits (migration 2026-11-29T0000-people).

export interface SessionsTable {
  id: string;
  kind: string;
  contact_id: number | null;
  staff_id: number | null;
  created_at: string;
  expires_at: string;
}

export interface LoginTokensTable {
  id: string;
  purpose: string;
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
