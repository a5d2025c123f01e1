import type { Generated } from 'kysely';

// Row types of survey reports, their segments and findings (migration 2026-11-28T0000-content).

export interface ReportsTable {
  id: Generated<number>;
  slug: string;
  title: string;
  subtitle: string | null;
  body: string;
  publisher: string | null;
  partner: string | null;
  survey_start: string | null;
  survey_end: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReportSegmentsTable {
  id: Generated<number>;
  report_id: number;
  position: number;
  key: string;
  name: string;
  respondents: number;
}

export interface FindingsTable {
  id: Generated<number>;
  report_id: number;
  position: number;
  title: string;
  statement: string;
  segment_key: string;
  count: number;
  compare_segment_key: string | null;
  compare_count: number | null;
}

/** The report tables, part of `DB`. */
export interface ReportTables {
  reports: ReportsTable;
  report_segments: ReportSegmentsTable;
  findings: FindingsTable;
}
