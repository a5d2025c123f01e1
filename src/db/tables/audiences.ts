import type { Generated } from 'kysely';

// Row types of audience segments (migration 2026-12-04T0200-audiences).

/** A saved filter over contacts (src/audiences/); `filter` is its JSON (audiences/criteria.ts). */
export interface SegmentsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  filter: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** Deleting hides a segment; deliveries sent to it keep naming it. */
  deleted_at: string | null;
}

/** The audience tables, part of `DB`. */
export interface AudienceTables {
  segments: SegmentsTable;
}
