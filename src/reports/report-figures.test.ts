import { describe, expect, it } from 'vitest';
import { splitBody } from '../content/body.js';
import { computeReportFigures } from './report-figures.js';
import type { Report, ReportFinding } from './reports.js';

// Counts-only reports get the same statistics where their counts allow; p-values are Holm-adjusted
// across the report's tested findings. Expected numbers are worked by hand (statistics.test.ts
// has the derivations for 35/64 against 79/272).

function reportWith(findings: ReportFinding[]): Report {
  return {
    id: 1, slug: 'r', title: 'R', subtitle: null, body: splitBody('Text.'), publisher: null, partner: null, surveyStart: null, surveyEnd: null,
    segments: [
      { key: 'all', name: 'all industries', respondents: 336 },
      { key: 'automotive', name: 'automotive industry', respondents: 64 },
      { key: 'chemicals', name: 'chemicals', respondents: 50 },
    ],
    findings, survey: null, respondents: 0, respondentsByValue: {}, updatedAt: '2026-11-28T12:00:00.000Z',
  };
}

const counts = (segmentKey: string, count: number, compareSegmentKey: string | null, compareCount: number | null): ReportFinding => ({
  title: `${segmentKey} ${count}`, statement: 's', segmentKey, count, compareSegmentKey, compareCount,
});

describe('report figures', () => {
  it('tests a counts finding compared with all against the rest (all minus the segment)', () => {
    const [rd] = computeReportFigures(reportWith([counts('automotive', 35, 'all', 114)]));
    expect(rd!.rest).toMatchObject({ count: 79, base: 272 });
    expect(rd!.test!.z).toBeCloseTo(3.898, 2);
    expect(rd!.gap).toBeCloseTo(20.759, 3);
    expect(rd!.gapVsRest).toBeCloseTo(25.643, 3);
    expect(rd!.adjustedP).toBe(rd!.test!.p);
  });

  it('gives only intervals when the comparison is another segment (the overlap is unknown) or there is none', () => {
    const [other, alone] = computeReportFigures(reportWith([counts('automotive', 35, 'chemicals', 20), counts('automotive', 45, null, null)]));
    expect(other!.test).toBeNull();
    expect(other!.rest).toBeNull();
    expect(other!.compared).toMatchObject({ count: 20, base: 50, name: 'chemicals' });
    // 35/64 − 20/50 = .546875 − .4 = 14.69 pp.
    expect(other!.gap).toBeCloseTo(14.6875, 4);
    expect(alone!.compared).toBeNull();
    expect(alone!.segment.interval.low).toBeLessThan(45 / 64);
    expect(alone!.adjustedP).toBeNull();
  });

  it('adjusts the p-values of tested findings by Holm, untested ones left out of the count', () => {
    // The second test: 20/64 = .3125 against the rest 80/272 = .294118; pooled 100/336 = .297619,
    // se = √(.297619 × .702381 × .0193015) = .063551, z = .018382/.063551 = .2893, p = .7724.
    const figures = computeReportFigures(reportWith([counts('automotive', 35, 'all', 114), counts('automotive', 45, null, null), counts('automotive', 20, 'all', 100)]));
    const [first, , third] = figures;
    expect(third!.test!.z).toBeCloseTo(0.2893, 3);
    expect(third!.test!.p).toBeCloseTo(0.7724, 3);
    // m = 2: the smaller p doubled, the larger kept at max(2·p₁, p₂).
    expect(first!.adjustedP).toBeCloseTo(2 * first!.test!.p, 12);
    expect(third!.adjustedP).toBeCloseTo(third!.test!.p, 12);
  });
});
