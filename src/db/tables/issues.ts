import type { Generated } from 'kysely';

// Row types of issues, their sections and the items in them (migration 2026-11-28T0000-content).

export interface IssuesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  season: string;
  year: number;
  intro: string;
  status: string;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SectionsTable {
  id: Generated<number>;
  issue_id: number;
  position: number;
  kind: string;
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
