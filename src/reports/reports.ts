import type { SplitBody } from '../content/body.js';

/** A group of respondents, e.g. "automotive industry", with its base size. */
export interface Segment {
  readonly key: string;
  readonly name: string;
  readonly respondents: number;
}

/** A key finding as stored: counts only; shares are derived. */
export interface Finding {
  readonly title: string;
  readonly statement: string;
  readonly segmentKey: string;
  readonly count: number;
  readonly compareSegmentKey: string | null;
  readonly compareCount: number | null;
  /** Its place among the report's findings of both kinds (1-based); absent: its place in the list. */
  readonly position?: number;
}

/** The segment key every report may use for all respondents; no segment column may hold it as a value. */
export const ALL_SEGMENT = 'all';

/** One answer a question offers. */
export interface SurveyAnswer {
  readonly code: string;
  readonly text: string;
}

/** A question of a survey: one answer (`single`) or several (`multiple`) from its codes. */
export interface SurveyQuestion {
  readonly key: string;
  readonly text: string;
  readonly kind: 'single' | 'multiple';
  readonly answers: readonly SurveyAnswer[];
}

/**
 * A finding computed from responses: the share of respondents in segment `column = value` whose
 * answer to `questionKey` is one of `answerCodes`, against all respondents and the rest.
 */
export interface ResponseFindingDefinition {
  readonly title: string;
  readonly statement: string;
  readonly segmentColumn: string;
  readonly segmentValue: string;
  readonly questionKey: string;
  readonly answerCodes: readonly string[];
  /** Never shown on a public surface (teaser email, public pages, feeds). */
  readonly membersOnly: boolean;
  /** Its place among the report's findings of both kinds (1-based). */
  readonly position: number;
}

/** Counts of one response finding, from the stored responses: the base is those who answered. */
export interface ResponseTally {
  readonly segment: { readonly count: number; readonly base: number };
  readonly all: { readonly count: number; readonly base: number };
}

/** A response finding as loaded, with its counts. */
export interface ResponseFinding extends ResponseFindingDefinition {
  readonly tally: ResponseTally;
}

/** A report's survey: its segment columns, questions and response findings. */
export interface SurveyDefinition {
  /** The last day (YYYY-MM-DD, inclusive, UTC) signed-in members answer at /surveys/<slug>; null: not collected on the site. */
  readonly collectUntil: string | null;
  readonly segmentColumns: readonly string[];
  readonly questions: readonly SurveyQuestion[];
  readonly findings: readonly ResponseFindingDefinition[];
}

/** One respondent as the import writes it. */
export interface RespondentRow {
  readonly respondent: string;
  readonly line: number;
  /** Segment values by column key. */
  readonly segments: Readonly<Record<string, string>>;
  /** Chosen codes by question key; a question not answered is absent. */
  readonly answers: Readonly<Record<string, readonly string[]>>;
}

/** Either kind of finding, as a report lists them. */
export type ReportFinding = Finding | ResponseFinding;

/** Whether a finding is computed from responses. */
export function isResponseFinding(finding: ReportFinding): finding is ResponseFinding {
  return 'questionKey' in finding;
}

/** A survey report with its segments and key findings. */
export interface Report {
  readonly id: number;
  readonly slug: string;
  readonly title: string;
  readonly subtitle: string | null;
  readonly body: SplitBody;
  readonly publisher: string | null;
  readonly partner: string | null;
  readonly surveyStart: string | null;
  readonly surveyEnd: string | null;
  readonly segments: readonly Segment[];
  /** Findings of both kinds in their order. */
  readonly findings: readonly ReportFinding[];
  /** The survey, when the report is computed from responses. */
  readonly survey: SurveyDefinition | null;
  /** How many respondents are stored (0 for a counts-only report). */
  readonly respondents: number;
  /** Stored respondents per segment value (of any segment column), for the desk while a survey runs. */
  readonly respondentsByValue: Readonly<Record<string, number>>;
  readonly updatedAt: string;
}

/** What creating or updating a report takes. */
export interface ReportInput {
  readonly slug: string;
  readonly title: string;
  readonly subtitle: string | null;
  readonly body: string;
  readonly publisher: string | null;
  readonly partner: string | null;
  readonly surveyStart: string | null;
  readonly surveyEnd: string | null;
  readonly segments: readonly Segment[];
  readonly findings: readonly Finding[];
  /** The survey definition; undefined keeps the stored one (the desk's form does not edit it), null removes it. */
  readonly survey?: SurveyDefinition | null;
}
