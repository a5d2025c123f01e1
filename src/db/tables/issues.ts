import type { Generated } from 'kysely';

// Row types of issues, their sections and the items in them (migration 2026-11-28T0000-content).

/** An issue's season. */
export const SEASONS = ['spring', 'summer', 'fall', 'winter'] as const;
export type Season = (typeof SEASONS)[number];

/** An issue's life: a draft, scheduled (public from `published_at`), or published. */
export const ISSUE_STATUSES = ['draft', 'scheduled', 'published'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** What a section of an issue holds, which decides how it is laid out. */
export const SECTION_KINDS = [
  'news', 'spotlight', 'landscape', 'upcoming_events', 'past_events', 'programs', 'report', 'announcement',
  // The platform's figures of the issue's quarter and links to /innovators and /services (issues/innovation-platform.ts); items optional.
  'innovation_platform',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export interface IssuesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  season: Season;
  year: number;
  intro: string;
  status: IssueStatus;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  /** The lead image: a media hash (migration 2026-12-03T0300-media), or null. */
  lead_media: string | null;
}

export interface SectionsTable {
  id: Generated<number>;
  issue_id: number;
  position: number;
  kind: SectionKind;
  heading: string;
}

export interface SectionItemsTable {
  id: Generated<number>;
  section_id: number;
  position: number;
  label: string | null;
  story_id: number | null;
  event_id: number | null;
  program_id: number | null;
  report_id: number | null;
}

/** The issue tables, part of `DB`. */
export interface IssueTables {
  issues: IssuesTable;
  sections: SectionsTable;
  section_items: SectionItemsTable;
}
