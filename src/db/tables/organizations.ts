import type { Generated } from 'kysely';

// Row types of organisations (migration 2026-12-02T0100-organizations): the companies, institutes
// and public bodies stories mention, one row each, linked from `story_organizations`.

export interface OrganizationsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  /** The name without case and spacing differences (lib/slug.ts nameKey), for matching a story's mention. */
  name_key: string;
  created_at: string;
  updated_at: string;
}

/** The organisation tables, part of `DB`. */
export interface OrganizationTables {
  organizations: OrganizationsTable;
}
