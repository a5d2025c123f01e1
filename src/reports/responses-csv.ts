import { readCsvRecords } from '../lib/csv-records.js';
import type { Problem } from '../lib/errors.js';
import { ALL_SEGMENT, type RespondentRow, type SurveyDefinition } from './reports.js';

// A survey's response file (docs/reports.md), pure: a header row; `respondent` (a unique,
// pseudonymous id); one column per segment column (e.g. `industry`, never empty); one column
// per question with the chosen answer code(s), several separated by `;` (multiple-choice
// questions only). An empty question cell is "not answered": that respondent is outside the
// question's base. Every problem names its line; one problem means nothing is imported.

/** The column holding each respondent's id. */
export const RESPONDENT_COLUMN = 'respondent';

/** Respondent ids longer than this are refused (they are ids, not text). */
const RESPONDENT_LIMIT = 100;

/** Problems listed at most; the count says how many more there were. */
const PROBLEM_LIMIT = 200;

const VALUE = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** What `parseResponsesCsv` found: valid rows, or every problem. */
export interface ParsedResponses {
  readonly rows: readonly RespondentRow[];
  readonly problems: readonly Problem[];
}

/** Checks a response file against a report's survey. */
export function parseResponsesCsv(input: Buffer | string, survey: SurveyDefinition, onProgress?: (done: number, total: number) => void): ParsedResponses {
  const { records, problem } = readCsvRecords(input);
  if (problem) return { rows: [], problems: [problem] };
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ line: 1, message: 'the file is empty: it needs a header row' }] };
  const problems: Problem[] = [];
  const columns = header.cells.map((cell) => cell.trim());
  const questions = new Map(survey.questions.map((q) => [q.key, q]));
  const expected = [RESPONDENT_COLUMN, ...survey.segmentColumns, ...survey.questions.map((q) => q.key)];
  for (const missing of expected.filter((column) => !columns.includes(column))) {
    problems.push({ line: 1, message: `the header has no column "${missing}"` });
  }
  columns.forEach((column, index) => {
    if (!expected.includes(column)) problems.push({ line: 1, message: `column ${index + 1} "${column}" is neither respondent, a segment column (${survey.segmentColumns.join(', ')}) nor a question key` });
    else if (columns.indexOf(column) !== index) problems.push({ line: 1, message: `column "${column}" appears twice` });
  });
  if (problems.length > 0) return { rows: [], problems };

  const at = (name: string) => columns.indexOf(name);
  const seen = new Map<string, number>();
  const rows: RespondentRow[] = [];
  body.forEach((record, index) => {
    const say = (message: string) => problems.push({ line: record.line, message });
    const cell = (name: string) => (record.cells[at(name)] ?? '').trim();
    if (record.cells.length !== columns.length) say(`has ${record.cells.length} cells; the header has ${columns.length}`);
    const respondent = cell(RESPONDENT_COLUMN);
    if (respondent === '') say('respondent is empty');
    else if (respondent.length > RESPONDENT_LIMIT) say(`respondent is longer than ${RESPONDENT_LIMIT} characters`);
    else if (seen.has(respondent)) say(`duplicate respondent "${respondent}" (also on line ${seen.get(respondent)})`);
    else seen.set(respondent, record.line);
    const segments: Record<string, string> = {};
    for (const column of survey.segmentColumns) {
      const value = cell(column);
      if (value === '') say(`${column} is empty: every respondent needs a segment value`);
      else if (value === ALL_SEGMENT) say(`${column} "${ALL_SEGMENT}" is reserved for all respondents`);
      else if (!VALUE.test(value)) say(`${column} "${value}" must be 1 to 40 lowercase letters, digits, - or _`);
      else segments[column] = value;
    }
    const answers: Record<string, string[]> = {};
    for (const question of questions.values()) {
      const raw = cell(question.key);
      if (raw === '') continue;
      const codes = [...new Set(raw.split(';').map((code) => code.trim()).filter(Boolean))];
      const known = new Set(question.answers.map((answer) => answer.code));
      const unknown = codes.filter((code) => !known.has(code));
      for (const code of unknown) say(`${question.key}: unknown answer code "${code}" (expected ${[...known].join(', ')})`);
      if (question.kind === 'single' && codes.length > 1) say(`${question.key}: a single-choice question takes one code, found ${codes.length}`);
      if (codes.length > 0) answers[question.key] = codes;
    }
    rows.push({ respondent, line: record.line, segments, answers });
    if ((index + 1) % 500 === 0) onProgress?.(index + 1, body.length);
  });
  onProgress?.(body.length, body.length);
  if (body.length === 0) problems.push({ line: 2, message: 'the file has no responses below its header' });
  if (problems.length > PROBLEM_LIMIT) {
    const more = problems.length - PROBLEM_LIMIT;
    return { rows: [], problems: [...problems.slice(0, PROBLEM_LIMIT), { message: `…and ${more} more problems` }] };
  }
  return problems.length > 0 ? { rows: [], problems } : { rows, problems: [] };
}

/** A cell as CSV writes it: quoted when it holds a comma, quote, line break or edge space. */
function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Stored responses as the file `parseResponsesCsv` reads back: header, then one line per respondent; codes in the question's order. */
export function formatResponsesCsv(survey: SurveyDefinition, rows: readonly RespondentRow[]): string {
  const header = [RESPONDENT_COLUMN, ...survey.segmentColumns, ...survey.questions.map((q) => q.key)];
  const lines = rows.map((row) =>
    [
      row.respondent,
      ...survey.segmentColumns.map((column) => row.segments[column] ?? ''),
      ...survey.questions.map((q) => {
        const chosen = new Set(row.answers[q.key] ?? []);
        return q.answers.map((a) => a.code).filter((code) => chosen.has(code)).join(';');
      }),
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}
