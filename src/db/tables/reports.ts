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
  /** JSON array of segment column keys (migration 2026-12-02T0300-survey-responses); null for counts only. */
  segment_columns: string | null;
  /** The last day members answer on the site (YYYY-MM-DD, inclusive); null: not collected here. */
  collect_until: string | null;
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

// Survey definitions and raw responses (migration 2026-12-02T0300-survey-responses).

export interface ReportQuestionsTable {
  id: Generated<number>;
  report_id: number;
  position: number;
  key: string;
  text: string;
  kind: string;
  /** JSON array of { code, text }. */
  answers: string;
}

export interface ResponseFindingsTable {
  id: Generated<number>;
  report_id: number;
  position: number;
  title: string;
  statement: string;
  segment_column: string;
  segment_value: string;
  question_key: string;
  /** JSON array of answer codes. */
  answer_codes: string;
  members_only: Generated<number>;
}

export interface ReportRespondentsTable {
  id: Generated<number>;
  report_id: number;
  /** The file's pseudonymous respondent id (docs/privacy.md). */
  respondent: string;
  line: number;
  imported_at: string;
}

export interface RespondentSegmentsTable {
  respondent_id: number;
  column_key: string;
  value: string;
}

export interface RespondentAnswersTable {
  respondent_id: number;
  question_key: string;
  code: string;
}

/** The report tables, part of `DB`. */
export interface ReportTables {
  reports: ReportsTable;
  report_segments: ReportSegmentsTable;
  findings: FindingsTable;
  report_questions: ReportQuestionsTable;
  response_findings: ResponseFindingsTable;
  report_respondents: ReportRespondentsTable;
  respondent_segments: RespondentSegmentsTable;
  respondent_answers: RespondentAnswersTable;
}
