import { describe, expect, it } from 'vitest';
import type { SurveyDefinition } from './reports.js';
import { ANSWER_PROBLEMS, checkAnswers, industrySegmentValue, surveyOpen } from './survey-answers.js';

const survey: SurveyDefinition = {
  collectUntil: '2026-12-15',
  segmentColumns: ['industry'],
  questions: [
    { key: 'ai', text: 'AI?', kind: 'single', answers: [{ code: 'yes', text: 'Yes' }, { code: 'no', text: 'No' }] },
    { key: 'partners', text: 'Partners?', kind: 'multiple', answers: [{ code: 'universities', text: 'U' }, { code: 'suppliers', text: 'S' }] },
  ],
  findings: [],
};

describe('answers given on the site', () => {
  it('is open through its last day, in UTC', () => {
    expect(surveyOpen(survey, new Date('2026-12-15T23:59:59Z'))).toBe(true);
    expect(surveyOpen(survey, new Date('2026-12-16T00:00:00Z'))).toBe(false);
    expect(surveyOpen({ ...survey, collectUntil: null }, new Date('2026-01-01T00:00:00Z'))).toBe(false);
  });

  it('makes a company’s industry a segment value', () => {
    expect(industrySegmentValue('Automotive & Parts')).toBe('automotive-parts');
    expect(industrySegmentValue('  Maschinenbau ')).toBe('maschinenbau');
    expect(industrySegmentValue('汽车')).toBeNull();
    expect(industrySegmentValue('All')).toBeNull();
    expect(industrySegmentValue(null)).toBeNull();
  });

  it('takes known codes, one for a single-choice question, and at least one answer', () => {
    expect(checkAnswers(survey, { ai: ['yes'], partners: ['suppliers', 'universities', 'suppliers'] })).toEqual({ answers: { ai: ['yes'], partners: ['suppliers', 'universities'] }, problems: [] });
    expect(checkAnswers(survey, { ai: ['yes', 'no'] }).problems).toEqual([{ where: 'q-ai', message: ANSWER_PROBLEMS.single }]);
    expect(checkAnswers(survey, { partners: ['friends'] }).problems).toEqual([{ where: 'q-partners', message: ANSWER_PROBLEMS.unknown }]);
    expect(checkAnswers(survey, {}).problems).toEqual([{ where: 'answers', message: ANSWER_PROBLEMS.none }]);
  });
});
