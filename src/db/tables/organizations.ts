import type { Generated } from 'kysely';

// Row types of organisations (migration 2026-12-02T0100-organizations): the companies, institutes
// and public bodies stories mention, one row each, linked from `story_organizations`; their
// profiles, sectors, technologies, other names and contact persons (2026-12-02T0500-innovators).

/** What kind of organisation a profile describes. */
export const ORGANIZATION_KINDS = ['startup', 'scale-up', 'corporate', 'research-institute', 'investor', 'public-body'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export interface OrganizationsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  /** The name without case and spacing differences (lib/slug.ts nameKey), for matching a story's mention. */
  name_key: string;
  created_at: string;
  updated_at: string;
  /** ISO 3166-1 alpha-2 code of the origin country (`CN`, `DE`), or null. */
  country: Generated<string | null>;
  kind: Generated<OrganizationKind | null>;
  name_zh: Generated<string | null>;
  city: Generated<string | null>;
  founded_year: Generated<number | null>;
  website: Generated<string | null>;
  /** The profile's Markdown, members-only line included; '' without a profile. */
  body: Generated<string>;
  /** The profile's public text, lower-cased, for the directory's search. */
  public_text: Generated<string>;
  /** When the profile was last written; null for an organisation that is only a name in stories. */
  profiled_at: Generated<string | null>;
}

export interface OrganizationSectorsTable {
  organization_id: number;
  sector_id: number;
  position: number;
}

export interface OrganizationTechnologiesTable {
  organization_id: number;
  position: number;
  slug: string;
  name: string;
}

/** Other names stories use for an organisation (`iSpace` for Interstellar Glory). */
export interface OrganizationAliasesTable {
  organization_id: number;
  position: number;
  name: string;
  name_key: string;
}

/** A contact person of an organisation: personal data, never shown on any page (docs/privacy.md). */
export interface OrganizationContactsTable {
  id: Generated<number>;
  organization_id: number;
  position: number;
  name: string;
  role: string | null;
  email: string;
  email_key: string;
  language: 'en' | 'de' | 'zh';
  /** Where we have the address from, told in the first email we send them. */
  source: string;
  /** When they asked for no further introduction requests. */
  opted_out_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The organisation tables, part of `DB`. */
export interface OrganizationTables {
  organizations: OrganizationsTable;
  organization_sectors: OrganizationSectorsTable;
  organization_technologies: OrganizationTechnologiesTable;
  organization_aliases: OrganizationAliasesTable;
  organization_contacts: OrganizationContactsTable;
}
