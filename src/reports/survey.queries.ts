import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { groupBy } from '../lib/group-by.js';
import type { RespondentRow, ResponseFinding, ResponseFindingDefinition, ResponseTally, SurveyDefinition, SurveyQuestion } from './reports.js';

// SQL of survey definitions and raw responses (migration 2026-12-02T0300-survey-responses).
// Counting is one GROUP BY per finding over segment values; every respondent has exactly one
// value per segment column (the import refuses a missing one), so summing the groups gives all.

/** Rows are written in chunks so no statement passes SQLite's or PostgreSQL's parameter limits. */
const CHUNK = 400;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** Replaces a report's survey definition (questions and response findings); null removes it. */
export async function replaceSurveyDefinition(db: Executor, reportId: number, survey: SurveyDefinition | null): Promise<void> {
  await db.deleteFrom('response_findings').where('report_id', '=', reportId).execute();
  await db.deleteFrom('report_questions').where('report_id', '=', reportId).execute();
  await db
    .updateTable('reports')
    .set({ segment_columns: survey ? JSON.stringify(survey.segmentColumns) : null, collect_until: survey?.collectUntil ?? null })
    .where('id', '=', reportId)
    .execute();
  if (!survey) return;
  if (survey.questions.length > 0) {
    await db
      .insertInto('report_questions')
      .values(survey.questions.map((q, index) => ({ report_id: reportId, position: index + 1, key: q.key, text: q.text, kind: q.kind, answers: JSON.stringify(q.answers) })))
      .execute();
  }
  if (survey.findings.length > 0) {
    await db
      .insertInto('response_findings')
      .values(
        survey.findings.map((f) => ({
          report_id: reportId,
          position: f.position,
          title: f.title,
          statement: f.statement,
          segment_column: f.segmentColumn,
          segment_value: f.segmentValue,
          question_key: f.questionKey,
          answer_codes: JSON.stringify(f.answerCodes),
          members_only: f.membersOnly ? 1 : 0,
        })),
      )
      .execute();
  }
}

/** The stored survey definitions of reports, by report id (reports without one are absent). */
export async function findSurveyDefinitions(db: Executor, reports: readonly { id: number; segment_columns: string | null; collect_until: string | null }[]): Promise<Map<number, SurveyDefinition>> {
  const ids = reports.filter((r) => r.segment_columns !== null).map((r) => r.id);
  if (ids.length === 0) return new Map();
  const [questions, findings] = await Promise.all([
    db.selectFrom('report_questions').select(['report_id', 'key', 'text', 'kind', 'answers']).where('report_id', 'in', ids).orderBy('report_id').orderBy('position').execute(),
    db
      .selectFrom('response_findings')
      .select(['report_id', 'position', 'title', 'statement', 'segment_column', 'segment_value', 'question_key', 'answer_codes', 'members_only'])
      .where('report_id', 'in', ids)
      .orderBy('report_id')
      .orderBy('position')
      .execute(),
  ]);
  const questionsOf = groupBy(questions, (r) => r.report_id, (r): SurveyQuestion => ({
    key: r.key,
    text: r.text,
    kind: r.kind === 'multiple' ? 'multiple' : 'single',
    answers: JSON.parse(r.answers) as SurveyQuestion['answers'],
  }));
  const findingsOf = groupBy(findings, (r) => r.report_id, (r): ResponseFindingDefinition => ({
    title: r.title,
    statement: r.statement,
    segmentColumn: r.segment_column,
    segmentValue: r.segment_value,
    questionKey: r.question_key,
    answerCodes: JSON.parse(r.answer_codes) as string[],
    membersOnly: Number(r.members_only) === 1,
    position: r.position,
  }));
  return new Map(
    reports
      .filter((r) => r.segment_columns !== null)
      .map((r) => [r.id, { collectUntil: r.collect_until, segmentColumns: JSON.parse(r.segment_columns!) as string[], questions: questionsOf.get(r.id) ?? [], findings: findingsOf.get(r.id) ?? [] }]),
  );
}

/** Counts one finding from the stored responses: those in the segment and all, who answered and who chose one of the codes. */
export async function tallyFinding(db: Executor, reportId: number, finding: ResponseFindingDefinition): Promise<ResponseTally> {
  const codes = finding.answerCodes.length > 0 ? finding.answerCodes : [''];
  const rows = await db
    .selectFrom('respondent_answers as a')
    .innerJoin('report_respondents as r', 'r.id', 'a.respondent_id')
    .innerJoin('respondent_segments as s', (join) => join.onRef('s.respondent_id', '=', 'a.respondent_id').on('s.column_key', '=', finding.segmentColumn))
    .select([
      's.value',
      sql<number | string>`count(distinct ${sql.ref('a.respondent_id')})`.as('answered'),
      sql<number | string | null>`count(distinct case when ${sql.ref('a.code')} in (${sql.join(codes)}) then ${sql.ref('a.respondent_id')} end)`.as('hits'),
    ])
    .where('r.report_id', '=', reportId)
    .where('a.question_key', '=', finding.questionKey)
    .groupBy('s.value')
    .execute();
  const segment = { count: 0, base: 0 };
  const all = { count: 0, base: 0 };
  for (const row of rows) {
    const [answered, hits] = [Number(row.answered), Number(row.hits ?? 0)];
    all.base += answered;
    all.count += hits;
    if (row.value === finding.segmentValue) {
      segment.base += answered;
      segment.count += hits;
    }
  }
  return { segment, all };
}

/** Each response finding of a report with its counts. */
export async function tallyFindings(db: Executor, reportId: number, findings: readonly ResponseFindingDefinition[]): Promise<ResponseFinding[]> {
  const tallies = await Promise.all(findings.map((finding) => tallyFinding(db, reportId, finding)));
  return findings.map((finding, index) => ({ ...finding, tally: tallies[index]! }));
}

/** How many respondents each report has stored. */
export async function countRespondents(db: Executor, reportIds: readonly number[]): Promise<Map<number, number>> {
  if (reportIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('report_respondents')
    .select(['report_id', sql<number | string>`count(*)`.as('n')])
    .where('report_id', 'in', [...reportIds])
    .groupBy('report_id')
    .execute();
  return new Map(rows.map((r) => [r.report_id, Number(r.n)]));
}

/** Respondents per segment value (of any segment column), by report id. */
export async function countRespondentsBySegmentValue(db: Executor, reportIds: readonly number[]): Promise<Map<number, Map<string, number>>> {
  if (reportIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('respondent_segments as s')
    .innerJoin('report_respondents as r', 'r.id', 's.respondent_id')
    .select(['r.report_id', 's.value', sql<number | string>`count(*)`.as('n')])
    .where('r.report_id', 'in', [...reportIds])
    .groupBy(['r.report_id', 's.value'])
    .execute();
  const out = new Map<number, Map<string, number>>();
  for (const row of rows) {
    const of = out.get(row.report_id) ?? new Map<string, number>();
    of.set(row.value, (of.get(row.value) ?? 0) + Number(row.n));
    out.set(row.report_id, of);
  }
  return out;
}

/** Replaces every stored response of a report with `rows`. */
export async function replaceResponses(db: Executor, reportId: number, rows: readonly RespondentRow[], now: string, onChunk?: (done: number) => void): Promise<void> {
  await db.deleteFrom('report_respondents').where('report_id', '=', reportId).execute();
  let done = 0;
  for (const chunk of chunks(rows)) {
    const ids = await db
      .insertInto('report_respondents')
      .values(chunk.map((row) => ({ report_id: reportId, respondent: row.respondent, line: row.line, imported_at: now })))
      .returning(['id', 'respondent'])
      .execute();
    const idOf = new Map(ids.map((r) => [r.respondent, r.id]));
    const segments = chunk.flatMap((row) => Object.entries(row.segments).map(([column_key, value]) => ({ respondent_id: idOf.get(row.respondent)!, column_key, value })));
    const answers = chunk.flatMap((row) =>
      Object.entries(row.answers).flatMap(([question_key, codes]) => codes.map((code) => ({ respondent_id: idOf.get(row.respondent)!, question_key, code }))),
    );
    for (const part of chunks(segments)) await db.insertInto('respondent_segments').values(part).execute();
    for (const part of chunks(answers)) await db.insertInto('respondent_answers').values(part).execute();
    done += chunk.length;
    onChunk?.(done);
  }
}

/** Whether a report has a respondent with this id. */
export async function hasRespondent(db: Executor, reportId: number, respondent: string): Promise<boolean> {
  const row = await db.selectFrom('report_respondents').select('id').where('report_id', '=', reportId).where('respondent', '=', respondent).executeTakeFirst();
  return row !== undefined;
}

/** Adds one respondent (an answer given on the site); the unique (report, respondent) refuses a second. */
export async function insertRespondent(db: Executor, reportId: number, row: RespondentRow, now: string): Promise<void> {
  const { id } = await db
    .insertInto('report_respondents')
    .values({ report_id: reportId, respondent: row.respondent, line: row.line, imported_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const segments = Object.entries(row.segments).map(([column_key, value]) => ({ respondent_id: id, column_key, value }));
  const answers = Object.entries(row.answers).flatMap(([question_key, codes]) => codes.map((code) => ({ respondent_id: id, question_key, code })));
  if (segments.length > 0) await db.insertInto('respondent_segments').values(segments).execute();
  if (answers.length > 0) await db.insertInto('respondent_answers').values(answers).execute();
}

/** Every stored respondent of a report with segment values and codes, in the order they were stored. */
export async function listResponses(db: Executor, reportId: number): Promise<RespondentRow[]> {
  const respondents = await db.selectFrom('report_respondents').select(['id', 'respondent', 'line']).where('report_id', '=', reportId).orderBy('id').execute();
  if (respondents.length === 0) return [];
  const [segments, answers] = await Promise.all([
    db
      .selectFrom('respondent_segments as s')
      .innerJoin('report_respondents as r', 'r.id', 's.respondent_id')
      .select(['s.respondent_id', 's.column_key', 's.value'])
      .where('r.report_id', '=', reportId)
      .execute(),
    db
      .selectFrom('respondent_answers as a')
      .innerJoin('report_respondents as r', 'r.id', 'a.respondent_id')
      .select(['a.respondent_id', 'a.question_key', 'a.code'])
      .where('r.report_id', '=', reportId)
      .orderBy('a.respondent_id')
      .orderBy('a.question_key')
      .orderBy('a.code')
      .execute(),
  ]);
  const segmentsOf = groupBy(segments, (r) => r.respondent_id, (r) => r);
  const answersOf = groupBy(answers, (r) => r.respondent_id, (r) => r);
  return respondents.map((r) => {
    const chosen: Record<string, string[]> = {};
    for (const a of answersOf.get(r.id) ?? []) (chosen[a.question_key] ??= []).push(a.code);
    return {
      respondent: r.respondent,
      line: r.line,
      segments: Object.fromEntries((segmentsOf.get(r.id) ?? []).map((s) => [s.column_key, s.value])),
      answers: chosen,
    };
  });
}
