import { computeFinding } from './findings.js';
import { ALL_SEGMENT, isResponseFinding, type Report, type ReportFinding } from './reports.js';
import { estimateShare, findingStatistics, holmAdjust, SMALL_BASE, type Interval, type ProportionTest, type ShareEstimate } from './statistics.js';

// Every finding of a report with its statistics (docs/reports.md), whichever kind it is:
// a response finding from its counted tallies; a counts-only finding from its counts where they
// allow (compared with `all`, the rest is all minus the segment; compared with another segment,
// only the two shares and their intervals, since the overlap is unknown). The p-values are
// Holm-adjusted across the report's tested findings.

/** One share of a finding, with the segment's name. */
export interface NamedShare extends ShareEstimate {
  readonly name: string;
}

/** A finding with everything the pages and emails show of it. */
export interface FindingFigures {
  readonly title: string;
  readonly statement: string;
  readonly membersOnly: boolean;
  readonly segment: NamedShare;
  /** What the headline compares with: all respondents (or, for counts, the compared segment). */
  readonly compared: NamedShare | null;
  /** All respondents minus the segment, when known. */
  readonly rest: ShareEstimate | null;
  /** Percentage points, exact. */
  readonly gap: number | null;
  readonly gapVsRest: number | null;
  /** Newcombe interval of segment − rest, and of segment − all scaled from it (shares). */
  readonly restDifference: Interval | null;
  readonly allDifference: Interval | null;
  readonly test: ProportionTest | null;
  /** Holm-adjusted p across the report's tested findings. */
  readonly adjustedP: number | null;
  readonly smallBase: boolean;
  /** No respondent in the segment answered (responses not imported yet). */
  readonly empty: boolean;
}

type Unadjusted = Omit<FindingFigures, 'adjustedP'>;

function nameOf(report: Report, key: string): string {
  return report.segments.find((segment) => segment.key === key)?.name ?? key;
}

function responseFigures(report: Report, finding: Extract<ReportFinding, { questionKey: string }>): Unadjusted {
  const stats = findingStatistics(finding.tally.segment, finding.tally.all);
  return {
    title: finding.title,
    statement: finding.statement,
    membersOnly: finding.membersOnly,
    segment: { ...stats.segment, name: nameOf(report, finding.segmentValue) },
    compared: { ...stats.all, name: nameOf(report, ALL_SEGMENT) },
    rest: stats.rest,
    gap: stats.gapVsAll,
    gapVsRest: stats.gapVsRest,
    restDifference: stats.restDifference,
    allDifference: stats.allDifference,
    test: stats.test,
    smallBase: stats.smallBase,
    empty: finding.tally.segment.base === 0,
  };
}

function countsFigures(report: Report, finding: Exclude<ReportFinding, { questionKey: string }>): Unadjusted {
  const computed = computeFinding(finding, report.segments);
  const segmentTally = { count: computed.primary.count, base: computed.primary.segment.respondents };
  const base = { title: finding.title, statement: finding.statement, membersOnly: false, empty: segmentTally.base === 0 };
  const segment = { ...estimateShare(segmentTally), name: computed.primary.segment.name };
  if (!computed.comparison) {
    return { ...base, segment, compared: null, rest: null, gap: null, gapVsRest: null, restDifference: null, allDifference: null, test: null, smallBase: segmentTally.base < SMALL_BASE };
  }
  const comparedTally = { count: computed.comparison.count, base: computed.comparison.segment.respondents };
  const compared = { ...estimateShare(comparedTally), name: computed.comparison.segment.name };
  const isPart =
    computed.comparison.segment.key === ALL_SEGMENT &&
    computed.primary.segment.key !== ALL_SEGMENT &&
    segmentTally.base <= comparedTally.base &&
    segmentTally.count <= comparedTally.count &&
    comparedTally.count - segmentTally.count <= comparedTally.base - segmentTally.base;
  if (!isPart) {
    return {
      ...base, segment, compared, rest: null, gap: computed.gapPoints, gapVsRest: null, restDifference: null, allDifference: null, test: null,
      smallBase: segmentTally.base < SMALL_BASE || comparedTally.base < SMALL_BASE,
    };
  }
  const stats = findingStatistics(segmentTally, comparedTally);
  return {
    ...base, segment, compared, rest: stats.rest, gap: stats.gapVsAll, gapVsRest: stats.gapVsRest, restDifference: stats.restDifference,
    allDifference: stats.allDifference, test: stats.test, smallBase: stats.smallBase,
  };
}

/** The statistics of every finding of a report, in its order, with Holm-adjusted p-values. */
export function computeReportFigures(report: Report): FindingFigures[] {
  const figures = report.findings.map((finding) => (isResponseFinding(finding) ? responseFigures(report, finding) : countsFigures(report, finding)));
  const tested = figures.map((f, index) => ({ p: f.test?.p, index })).filter((entry): entry is { p: number; index: number } => entry.p !== undefined);
  const adjusted = holmAdjust(tested.map((entry) => entry.p));
  const adjustedOf = new Map(tested.map((entry, i) => [entry.index, adjusted[i]!]));
  return figures.map((f, index) => ({ ...f, adjustedP: adjustedOf.get(index) ?? null }));
}
