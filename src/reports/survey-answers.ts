import type { Problem } from '../lib/errors.js';
import type { SurveyDefinition } from './reports.js';

// Answering a survey on the site (docs/reports.md): one answer per member company, given by one
// of its signed-in contacts while the survey is open. The answer is stored as a respondent like
// a file's, its id the company's (`company-<id>`), its segment the company's industry.

/** The one segment column the product can fill for a member company: its industry. */
export const COLLECTED_SEGMENT_COLUMN = 'industry';

/**
 * A company's industry as a segment value: the desk's free text lower-cased, runs of anything but
 * letters and digits made one `-` ("Automotive & Parts" → `automotive-parts`); null when nothing is left.
 */
export function industrySegmentValue(industry: string | null): string | null {
  const value = (industry ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return value === '' || value === 'all' ? null : value;
}

/** The respondent id of a member company's answer. */
export function companyRespondent(companyId: number): string {
  return `company-${companyId}`;
}

/** Whether members may answer on `now` (the last day is inclusive, in UTC). */
export function surveyOpen(survey: SurveyDefinition, now: Date): boolean {
  return survey.collectUntil !== null && now.toISOString().slice(0, 10) <= survey.collectUntil;
}

/** The problems of a submitted answer, as constants so pages can show them in the reader's language. */
export const ANSWER_PROBLEMS = { unknown: 'choose one of the answers shown', single: 'choose one answer', none: 'answer at least one question' } as const;

/** Checks a submitted answer: known codes only, one for a single-choice question, at least one question answered. */
export function checkAnswers(survey: SurveyDefinition, answers: Readonly<Record<string, readonly string[]>>): { answers: Record<string, string[]>; problems: Problem[] } {
  const problems: Problem[] = [];
  const out: Record<string, string[]> = {};
  for (const question of survey.questions) {
    const codes = [...new Set(answers[question.key] ?? [])];
    if (codes.length === 0) continue;
    const known = new Set(question.answers.map((a) => a.code));
    if (codes.some((code) => !known.has(code))) problems.push({ where: `q-${question.key}`, message: ANSWER_PROBLEMS.unknown });
    else if (question.kind === 'single' && codes.length > 1) problems.push({ where: `q-${question.key}`, message: ANSWER_PROBLEMS.single });
    else out[question.key] = codes;
  }
  if (problems.length === 0 && Object.keys(out).length === 0) problems.push({ where: 'answers', message: ANSWER_PROBLEMS.none });
  return { answers: out, problems };
}
