import { describe, expect, it } from 'vitest';
import type { SurveyDefinition } from './reports.js';
import { parseResponsesCsv } from './responses-csv.js';

const survey: SurveyDefinition = {
  collectUntil: null,
  segmentColumns: ['industry'],
  questions: [
    { key: 'rd', text: 'R&D in China?', kind: 'single', answers: [{ code: 'yes', text: 'Yes' }, { code: 'no', text: 'No' }] },
    { key: 'partners', text: 'Partners?', kind: 'multiple', answers: [{ code: 'universities', text: 'U' }, { code: 'suppliers', text: 'S' }, { code: 'none', text: 'None' }] },
  ],
  findings: [],
};

const HEADER = 'respondent,industry,rd,partners';

describe('the response file', () => {
  it('reads respondents, segment values and codes; an empty cell is not answered; codes split on ;', () => {
    const parsed = parseResponsesCsv(`\uFEFF${HEADER}\nr1,automotive,yes,universities; suppliers\r\nr2,machinery,,none\n\n"r3",automotive,no,suppliers;suppliers\n`, survey);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      { respondent: 'r1', line: 2, segments: { industry: 'automotive' }, answers: { rd: ['yes'], partners: ['universities', 'suppliers'] } },
      { respondent: 'r2', line: 3, segments: { industry: 'machinery' }, answers: { partners: ['none'] } },
      { respondent: 'r3', line: 5, segments: { industry: 'automotive' }, answers: { rd: ['no'], partners: ['suppliers'] } },
    ]);
  });

  it('names every bad line and returns no rows: duplicate respondent, unknown code, missing segment value, two codes for one answer', () => {
    const parsed = parseResponsesCsv(
      `${HEADER}\nr1,automotive,yes,none\nr1,machinery,no,none\nr2,automotive,maybe,none\nr3,,yes,none\nr4,automotive,yes;no,none\nr5,all,yes,none\n`,
      survey,
    );
    expect(parsed.rows).toEqual([]);
    expect(parsed.problems).toEqual([
      { line: 3, message: 'duplicate respondent "r1" (also on line 2)' },
      { line: 4, message: 'rd: unknown answer code "maybe" (expected yes, no)' },
      { line: 5, message: 'industry is empty: every respondent needs a segment value' },
      { line: 6, message: 'rd: a single-choice question takes one code, found 2' },
      { line: 7, message: 'industry "all" is reserved for all respondents' },
    ]);
  });

  it('checks the header against the survey', () => {
    expect(parseResponsesCsv('respondent,industry,rd,extra\nr1,a,yes,x\n', survey).problems).toEqual([
      { line: 1, message: 'the header has no column "partners"' },
      { line: 1, message: 'column 4 "extra" is neither respondent, a segment column (industry) nor a question key' },
    ]);
    expect(parseResponsesCsv('', survey).problems).toEqual([{ line: 1, message: 'the file is empty: it needs a header row' }]);
    expect(parseResponsesCsv(`${HEADER}\n`, survey).problems).toEqual([{ line: 2, message: 'the file has no responses below its header' }]);
    expect(parseResponsesCsv(`${HEADER}\nr1,a,"yes\n`, survey).problems[0]!.message).toMatch(/^the file is not valid CSV/);
    expect(parseResponsesCsv(`${HEADER}\nr1,a,yes\n`, survey).problems).toEqual([{ line: 2, message: 'has 3 cells; the header has 4' }]);
  });
});
