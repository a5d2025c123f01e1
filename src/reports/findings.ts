import type { Finding, Segment } from './reports.js';

/** A share of one segment, exact (0..1), with the counts it came from. */
export interface Share {
  readonly segment: Segment;
  readonly count: number;
  readonly share: number;
}

/** A finding with its shares computed from counts; rounding happens only in `formatFigures`. */
export interface ComputedFinding {
  readonly title: string;
  readonly statement: string;
  readonly primary: Share;
  readonly comparison: Share | null;
  /** Percentage points, exact: (primary − comparison) × 100. */
  readonly gapPoints: number | null;
}

/** Computes shares and the percentage-point gap of a finding from its counts. */
export function computeFinding(finding: Finding, segments: readonly Segment[]): ComputedFinding {
  const primary = shareOf(finding.segmentKey, finding.count, segments);
  const comparison =
    finding.compareSegmentKey !== null && finding.compareCount !== null
      ? shareOf(finding.compareSegmentKey, finding.compareCount, segments)
      : null;
  return {
    title: finding.title,
    statement: finding.statement,
    primary,
    comparison,
    gapPoints: comparison ? (primary.share - comparison.share) * 100 : null,
  };
}

function shareOf(key: string, count: number, segments: readonly Segment[]): Share {
  const segment = segments.find((candidate) => candidate.key === key);
  if (!segment) throw new Error(`finding refers to unknown segment "${key}"`);
  if (segment.respondents <= 0) throw new Error(`segment "${key}" has no respondents`);
  return { segment, count, share: count / segment.respondents };
}

/** A whole percentage, rounded half away from zero: 0.546875 → "55%". */
export function formatPercent(share: number): string {
  return `${roundHalfAwayFromZero(share * 100)}%`;
}

/** Percentage points with a sign: 20.76 → "+21 pp", −3.2 → "−3 pp". */
export function formatPoints(points: number): string {
  const rounded = roundHalfAwayFromZero(points);
  if (rounded === 0) return '±0 pp';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded)} pp`;
}

/** "55% vs 34% (+21 pp)", or "70%" when there is nothing to compare with. */
export function formatFigures(finding: ComputedFinding): string {
  const primary = formatPercent(finding.primary.share);
  if (!finding.comparison || finding.gapPoints === null) return primary;
  return `${primary} vs ${formatPercent(finding.comparison.share)} (${formatPoints(finding.gapPoints)})`;
}

function roundHalfAwayFromZero(value: number): number {
  // Guard against 54.999999 from binary fractions before rounding.
  const cleaned = Math.round(value * 1e9) / 1e9;
  return Math.sign(cleaned) * Math.round(Math.abs(cleaned));
}
