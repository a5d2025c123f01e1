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

/** A percentage rounded half away from zero: 0.546875 → "55%" (or "54.7%" with 1 decimal). */
export function formatPercent(share: number, decimals = 0): string {
  return `${formatNumber(roundHalfAwayFromZero(share * 100, decimals), decimals)}%`;
}

/** Percentage points with a sign: 20.76 → "+21 pp", −3.2 → "−3 pp". */
export function formatPoints(points: number, decimals = 0): string {
  const rounded = roundHalfAwayFromZero(points, decimals);
  if (rounded === 0) return `±${formatNumber(0, decimals)} pp`;
  return `${rounded > 0 ? '+' : '−'}${formatNumber(Math.abs(rounded), decimals)} pp`;
}

/**
 * "55% vs 34% (+21 pp)", or "70%" when there is nothing to compare with. The gap is rounded
 * from the exact shares; when whole numbers would make it disagree with the difference of the
 * shown shares (54.5% vs 34.4% shows as 55% vs 34% but is +20 pp), all three get one decimal, or two.
 */
export function formatFigures(finding: ComputedFinding): string {
  const { primary, comparison, gapPoints } = finding;
  if (!comparison || gapPoints === null) return formatPercent(primary.share);
  const addsUp = (decimals: number) => {
    const shown = (share: number) => roundHalfAwayFromZero(share * 100, decimals);
    const difference = roundHalfAwayFromZero(shown(primary.share) - shown(comparison.share), decimals);
    return difference === roundHalfAwayFromZero(gapPoints, decimals);
  };
  const decimals = [0, 1].find(addsUp) ?? 2;
  return `${formatPercent(primary.share, decimals)} vs ${formatPercent(comparison.share, decimals)} (${formatPoints(gapPoints, decimals)})`;
}

function roundHalfAwayFromZero(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // Guard against 54.999999 from binary fractions before rounding.
  const cleaned = Math.round(value * factor * 1e6) / 1e6;
  return (Math.sign(cleaned) * Math.round(Math.abs(cleaned))) / factor;
}

function formatNumber(value: number, decimals: number): string {
  return value.toFixed(decimals);
}
