// The statistics of a survey finding, pure and dependency-free (docs/reports.md). A finding
// compares the share of a segment S (e.g. automotive) with all respondents and with the rest
// (all minus S). The test is always S against the rest, never S against a total that holds S:
// the two would not be independent samples. Intervals are 95%.

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/** Bases below this are flagged as small. */
export const SMALL_BASE = 30;

/** A count out of a base, e.g. 35 of 64. */
export interface Tally {
  readonly count: number;
  readonly base: number;
}

/** A closed interval of shares (0..1) or of differences of shares (−1..1). */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** A share with its Wilson interval. */
export interface ShareEstimate extends Tally {
  readonly share: number;
  readonly interval: Interval;
}

/** A two-proportion z-test of S against the rest. */
export interface ProportionTest {
  readonly z: number;
  /** Two-sided. */
  readonly p: number;
}

/** Everything a finding shows, computed from three tallies (S, all, rest = all − S). */
export interface FindingStatistics {
  readonly segment: ShareEstimate;
  readonly all: ShareEstimate;
  readonly rest: ShareEstimate | null;
  /** Percentage points, exact. */
  readonly gapVsAll: number;
  readonly gapVsRest: number | null;
  /** Newcombe's interval of S − rest, in shares. */
  readonly restDifference: Interval | null;
  /** (n_rest / N)·(S − rest) with the Newcombe interval scaled the same way, in shares. */
  readonly allDifference: Interval | null;
  readonly test: ProportionTest | null;
  /** True when S or the rest has fewer than 30 respondents. */
  readonly smallBase: boolean;
}

function checkTally({ count, base }: Tally): void {
  if (!Number.isInteger(count) || !Number.isInteger(base) || count < 0 || base < 0 || count > base) {
    throw new Error(`not a tally: ${count} of ${base}`);
  }
}

/** The Wilson score interval of count/base (base 0: the whole range). */
export function wilsonInterval(tally: Tally, z = Z95): Interval {
  checkTally(tally);
  const { count, base } = tally;
  if (base === 0) return { low: 0, high: 1 };
  const p = count / base;
  const z2 = z * z;
  const denominator = 1 + z2 / base;
  const centre = (p + z2 / (2 * base)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / base + z2 / (4 * base * base));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** A share with its Wilson interval. */
export function estimateShare(tally: Tally): ShareEstimate {
  return { ...tally, share: tally.base === 0 ? 0 : tally.count / tally.base, interval: wilsonInterval(tally) };
}

/** Newcombe's hybrid score interval (method 10) for the difference of two independent shares a − b. */
export function newcombeInterval(a: Tally, b: Tally, z = Z95): Interval {
  const [wa, wb] = [wilsonInterval(a, z), wilsonInterval(b, z)];
  const [pa, pb] = [a.count / a.base, b.count / b.base];
  const d = pa - pb;
  return {
    low: d - Math.sqrt((pa - wa.low) ** 2 + (wb.high - pb) ** 2),
    high: d + Math.sqrt((wa.high - pa) ** 2 + (pb - wb.low) ** 2),
  };
}

/** The pooled two-proportion z-test of a against b (independent samples); null when it is undefined. */
export function twoProportionTest(a: Tally, b: Tally): ProportionTest | null {
  checkTally(a);
  checkTally(b);
  if (a.base === 0 || b.base === 0) return null;
  const pooled = (a.count + b.count) / (a.base + b.base);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.base + 1 / b.base));
  if (se === 0) return null;
  const z = (a.count / a.base - b.count / b.base) / se;
  return { z, p: Math.min(1, 2 * normalUpperTail(Math.abs(z))) };
}

/** P(Z > x) for a standard normal Z, relative error below 1.2e-7 (erfc by Chebyshev fit, Numerical Recipes). */
export function normalUpperTail(x: number): number {
  return erfc(x / Math.SQRT2) / 2;
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * Holm's step-down adjustment of p-values, in the order given: the smallest p is multiplied by
 * m, the next by m − 1, …, each kept at least as large as the one before and at most 1.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p || a.index - b.index);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}

/**
 * The statistics of a finding from the tallies of S and of all respondents (S is part of all).
 * The rest is all − S; without a rest (S is everyone) there is no gap, interval of it, nor test.
 */
export function findingStatistics(segment: Tally, all: Tally): FindingStatistics {
  checkTally(segment);
  checkTally(all);
  if (segment.base > all.base || segment.count > all.count || all.count - segment.count > all.base - segment.base) {
    throw new Error(`segment ${segment.count} of ${segment.base} is not part of all ${all.count} of ${all.base}`);
  }
  const restTally: Tally = { count: all.count - segment.count, base: all.base - segment.base };
  const s = estimateShare(segment);
  const a = estimateShare(all);
  const hasRest = restTally.base > 0 && segment.base > 0;
  const rest = hasRest ? estimateShare(restTally) : null;
  const restDifference = hasRest ? newcombeInterval(segment, restTally) : null;
  const weight = all.base === 0 ? 0 : restTally.base / all.base;
  return {
    segment: s,
    all: a,
    rest,
    gapVsAll: (s.share - a.share) * 100,
    gapVsRest: rest ? (s.share - rest.share) * 100 : null,
    restDifference,
    allDifference: restDifference ? { low: weight * restDifference.low, high: weight * restDifference.high } : null,
    test: hasRest ? twoProportionTest(segment, restTally) : null,
    smallBase: segment.base < SMALL_BASE || (hasRest && restTally.base < SMALL_BASE),
  };
}
