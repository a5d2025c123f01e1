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
  readonly findings: readonly Finding[];
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
}
