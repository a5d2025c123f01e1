// Row types of the private feed links (migration 2026-12-02T0200-private-feeds). Conventions: see db/database.ts.

/** A member contact's private feed link: the SHA-256 of its token, never the token. */
export interface PrivateFeedsTable {
  token_hash: string;
  contact_id: number;
  created_at: string;
}

/** The private feed tables, part of `DB`. */
export interface PrivateFeedTables {
  private_feeds: PrivateFeedsTable;
}
