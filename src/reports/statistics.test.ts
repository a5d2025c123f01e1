import { describe, expect, it } from 'vitest';
import { estimateShare, findingStatistics, holmAdjust, newcombeInterval, normalUpperTail, twoProportionTest, wilsonInterval } from './statistics.js';

// Every expected number here was worked out by hand (and cross-checked once with a calculator);
// none comes from running this code.

describe('statistics', () => {
  it('gives the Wilson 95% interval of 35/64 as 42.6–66.3%', () => {
    // p = .546875, z²/n = .060023; centre = (.546875 + .030012)/1.060023 = .544222;
    // half = 1.84898·√(.0038719 + .00023447) = .118484.
    const interval = wilsonInterval({ count: 35, base: 64 });
    expect(interval.low).toBeCloseTo(0.42574, 4);
    expect(interval.high).toBeCloseTo(0.66271, 4);
  });

  it('keeps Wilson intervals inside 0..1 at the edges and whole for an empty base', () => {
    const none = wilsonInterval({ count: 0, base: 10 });
    expect(none.low).toBe(0);
    // z²/n = .38415: centre = .19207/1.38415 = .13877, half = 1.41600·√(.0096037) = .13877.
    expect(none.high).toBeCloseTo(0.27753, 4);
    expect(wilsonInterval({ count: 0, base: 0 })).toEqual({ low: 0, high: 1 });
    expect(() => wilsonInterval({ count: 5, base: 4 })).toThrow(/not a tally/);
  });

  it('tests 35/64 against the rest 79/272 with z ≈ 3.90', () => {
    // pooled 114/336 = .339286; se = √(.224206·(1/64 + 1/272)) = .065784; d = .546875 − .290441 = .256434.
    const test = twoProportionTest({ count: 35, base: 64 }, { count: 79, base: 272 })!;
    expect(test.z).toBeCloseTo(3.898, 2);
    // P(|Z| > 3.898) = 2 × 4.84e-5.
    expect(test.p).toBeCloseTo(9.68e-5, 6);
    expect(twoProportionTest({ count: 0, base: 5 }, { count: 0, base: 7 })).toBeNull();
  });

  it('has a normal tail accurate far out', () => {
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7);
    expect(normalUpperTail(1.959964)).toBeCloseTo(0.025, 6);
    // P(Z > 5) = 2.8665e-7: relative error under 1e-6.
    expect(Math.abs(normalUpperTail(5) / 2.8665157e-7 - 1)).toBeLessThan(1e-5);
    expect(normalUpperTail(-1.959964)).toBeCloseTo(0.975, 6);
  });

  it('gives Newcombe’s interval of S − rest from the two Wilson intervals', () => {
    // Wilson 79/272 = .239708–.347011. low = .256434 − √(.121137² + .056570²) = .122740;
    // high = .256434 + √(.115831² + .050734²) = .382889.
    const interval = newcombeInterval({ count: 35, base: 64 }, { count: 79, base: 272 });
    expect(interval.low).toBeCloseTo(0.12274, 3);
    expect(interval.high).toBeCloseTo(0.38289, 3);
  });

  it('computes the demo’s first finding against all and against the rest', () => {
    const stats = findingStatistics({ count: 35, base: 64 }, { count: 114, base: 336 });
    expect(stats.segment.share).toBe(35 / 64);
    expect(stats.all.share).toBe(114 / 336);
    expect(stats.rest?.count).toBe(79);
    expect(stats.rest?.base).toBe(272);
    // 54.6875 − 33.9286 = 20.759 pp; against the rest 54.6875 − 29.0441 = 25.643 pp.
    expect(stats.gapVsAll).toBeCloseTo(20.759, 3);
    expect(stats.gapVsRest).toBeCloseTo(25.643, 3);
    // The gap against all is (272/336)·(S − rest) = .809524 × .256434 = .207589, its interval scaled alike.
    expect(stats.gapVsAll / 100).toBeCloseTo((272 / 336) * (stats.gapVsRest! / 100), 12);
    expect(stats.allDifference!.low).toBeCloseTo(0.809524 * 0.12274, 3);
    expect(stats.allDifference!.high).toBeCloseTo(0.809524 * 0.38289, 3);
    expect(stats.test!.z).toBeCloseTo(3.898, 2);
    expect(stats.smallBase).toBe(false);
  });

  it('flags a small base in the segment or in the rest', () => {
    expect(findingStatistics({ count: 10, base: 29 }, { count: 100, base: 300 }).smallBase).toBe(true);
    expect(findingStatistics({ count: 10, base: 30 }, { count: 100, base: 300 }).smallBase).toBe(false);
    expect(findingStatistics({ count: 100, base: 280 }, { count: 110, base: 300 }).smallBase).toBe(true);
  });

  it('has no rest, gap of it nor test when the segment is everyone', () => {
    const stats = findingStatistics({ count: 45, base: 64 }, { count: 45, base: 64 });
    expect(stats.rest).toBeNull();
    expect(stats.test).toBeNull();
    expect(stats.gapVsAll).toBe(0);
    expect(() => findingStatistics({ count: 50, base: 64 }, { count: 45, base: 64 })).toThrow(/not part of all/);
  });

  it('adjusts p-values by Holm’s step-down method', () => {
    // sorted .01 ×3 = .03; .03 ×2 = .06; .04 ×1 = .04, kept at .06.
    const adjusted = holmAdjust([0.01, 0.04, 0.03]);
    expect(adjusted[0]).toBeCloseTo(0.03, 12);
    expect(adjusted[1]).toBeCloseTo(0.06, 12);
    expect(adjusted[2]).toBeCloseTo(0.06, 12);
    expect(holmAdjust([0.6, 0.5])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
  });

  it('estimates a share with its interval', () => {
    const share = estimateShare({ count: 45, base: 64 });
    expect(share.share).toBeCloseTo(0.703125, 9);
    expect(share.interval.low).toBeLessThan(share.share);
    expect(share.interval.high).toBeGreaterThan(share.share);
  });
});
