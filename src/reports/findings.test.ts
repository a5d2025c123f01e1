import { describe, expect, it } from 'vitest';
import { computeFinding, formatFigures, formatPercent, formatPoints } from './findings.js';

const segments = [
  { key: 'all', name: 'all industries', respondents: 336 },
  { key: 'automotive', name: 'automotive industry', respondents: 64 },
];

describe('findings', () => {
  it('computes the 2024 report preview figures from counts (hand-checked)', () => {
    // 35/64 = 54.6875 %, 114/336 = 33.9286 %, gap 20.759 pp
    const rnd = computeFinding(
      { title: 'R&D', statement: '', segmentKey: 'automotive', count: 35, compareSegmentKey: 'all', compareCount: 114 },
      segments,
    );
    expect(rnd.primary.share).toBeCloseTo(0.546875, 9);
    expect(rnd.gapPoints).toBeCloseTo(20.7589, 3);
    expect(formatFigures(rnd)).toBe('55% vs 34% (+21 pp)');

    // 42/64 = 65.625 %, 124/336 = 36.9048 %, gap 28.72 pp
    const local = computeFinding(
      { title: 'Local', statement: '', segmentKey: 'automotive', count: 42, compareSegmentKey: 'all', compareCount: 124 },
      segments,
    );
    expect(formatFigures(local)).toBe('66% vs 37% (+29 pp)');

    const partnerships = computeFinding(
      { title: 'P', statement: '', segmentKey: 'automotive', count: 45, compareSegmentKey: null, compareCount: null },
      segments,
    );
    expect(formatFigures(partnerships)).toBe('70%');
  });

  it('rounds half away from zero and signs gaps', () => {
    expect(formatPercent(0.125)).toBe('13%');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPoints(-3.5)).toBe('−4 pp');
    expect(formatPoints(0.2)).toBe('±0 pp');
    expect(formatPoints(2.5)).toBe('+3 pp');
  });

  it('shows one decimal when whole numbers would make the gap disagree with the shares', () => {
    const wide = [
      { key: 'a', name: 'a', respondents: 200 },
      { key: 'b', name: 'b', respondents: 2000 },
    ];
    // 109/200 = 54.5 %, 688/2000 = 34.4 %, gap 20.1 pp: "55% vs 34% (+20 pp)" would not add up.
    const finding = computeFinding({ title: '', statement: '', segmentKey: 'a', count: 109, compareSegmentKey: 'b', compareCount: 688 }, wide);
    expect(formatFigures(finding)).toBe('54.5% vs 34.4% (+20.1 pp)');
    const small = computeFinding({ title: '', statement: '', segmentKey: 'a', count: 1, compareSegmentKey: 'b', compareCount: 9 }, wide);
    // 0.5 % vs 0.45 %: one decimal still shows 0.5% vs 0.5% (+0.1 pp), so two.
    expect(formatFigures(small)).toBe('0.50% vs 0.45% (+0.05 pp)');
  });

  it('refuses a finding whose segment does not exist', () => {
    expect(() =>
      computeFinding({ title: 'x', statement: '', segmentKey: 'nope', count: 1, compareSegmentKey: null, compareCount: null }, segments),
    ).toThrow(/unknown segment "nope"/);
  });
});
