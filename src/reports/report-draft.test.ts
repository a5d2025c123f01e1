import { describe, expect, it } from 'vitest';
import { Invalid } from '../lib/errors.js';
import { checkReportDraft, EMPTY_REPORT_DRAFT, withBlankRows, type ReportDraft } from './report-draft.js';

const finding = (segment: string, count: string, compare_segment = '', compare_count = '') => ({
  title: 'A finding', statement: 'said so', segment, count, compare_segment, compare_count,
});

const draft: ReportDraft = withBlankRows(
  {
    ...EMPTY_REPORT_DRAFT,
    slug: 'survey',
    title: 'Survey',
    segments: [
      { key: 'all', name: 'all industries', respondents: '336' },
      { key: '', name: '', respondents: '' },
      { key: 'automotive', name: 'automotive industry', respondents: '64' },
    ],
    findings: [finding('automotive', '35', 'all', '114')],
  },
  2,
);

function problemsOf(report: ReportDraft): string[] {
  try {
    checkReportDraft(report);
  } catch (error) {
    if (error instanceof Invalid) return error.problems.map((problem) => `${problem.where}: ${problem.message}`);
    throw error;
  }
  throw new Error('the draft was accepted');
}

describe('report drafts', () => {
  it('skips blank rows and keeps counts, never shares', () => {
    const input = checkReportDraft(draft);
    expect(input.segments.map((segment) => [segment.key, segment.respondents])).toEqual([['all', 336], ['automotive', 64]]);
    expect(input.findings).toEqual([{ title: 'A finding', statement: 'said so', segmentKey: 'automotive', count: 35, compareSegmentKey: 'all', compareCount: 114 }]);
  });

  it('numbers row problems as the form shows the rows, blank rows included', () => {
    const bad = { ...draft, findings: [finding('automotive', '65'), { ...finding('', ''), title: '', statement: '' }, finding('all', '337', 'automotive', '')] };
    expect(problemsOf(bad)).toEqual([
      'finding-1-count: 65 is more than the 64 respondents of “automotive”',
      'finding-3-count: 337 is more than the 336 respondents of “all”',
      'finding-3-compare_count: give both a segment and a count to compare with, or neither',
    ]);
    const half = { ...draft, findings: [{ ...finding('automotive', ''), title: 'Half typed', statement: '' }] };
    expect(problemsOf(half)).toEqual(['finding-1-statement: must not be empty', 'finding-1-count: enter how many respondents said so']);
  });

  it('refuses duplicate keys, unknown segments, empty segment lists and a survey that ends before it starts', () => {
    expect(problemsOf({ ...draft, segments: [...draft.segments, { key: 'all', name: 'again', respondents: '1' }] })).toEqual([
      'segment-6-key: the key “all” is used by an earlier segment',
    ]);
    expect(problemsOf({ ...draft, findings: [finding('it', '1', 'everyone', '1')] })).toEqual([
      'finding-1-segment: there is no segment “it” above',
      'finding-1-compare_segment: there is no segment “everyone” above',
    ]);
    expect(problemsOf({ ...draft, segments: [], findings: [] })).toEqual(['segments: add at least one segment of respondents']);
    expect(problemsOf({ ...draft, survey_start: '2024-03-13', survey_end: '2024-02-19' })).toEqual(['survey_end: the survey must not end before it starts']);
  });
});
