import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ReportsTable } from '../db/tables/reports.js';
import { splitBody } from '../content/body.js';
import { compareText } from '../lib/compare.js';
import { groupBy } from '../lib/group-by.js';
import { ALL_SEGMENT, type Report, type ReportFinding, type ReportInput } from './reports.js';
import { countRespondents, countRespondentsBySegmentValue, findSurveyDefinitions, replaceSurveyDefinition, tallyFindings } from './survey.queries.js';

const reportColumns = [
  'id', 'slug', 'title', 'subtitle', 'body', 'publisher', 'partner', 'survey_start', 'survey_end', 'segment_columns', 'collect_until', 'updated_at',
] as const;

function reportValues(input: ReportInput, now: string) {
  return {
    slug: input.slug,
    title: input.title,
    subtitle: input.subtitle,
    body: input.body,
    publisher: input.publisher,
    partner: input.partner,
    survey_start: input.surveyStart,
    survey_end: input.surveyEnd,
    updated_at: now,
  };
}

/** Inserts or updates a report by slug, replacing its segments and findings. */
export async function upsertReport(db: Executor, input: ReportInput, now: string): Promise<number> {
  const { slug, ...values } = reportValues(input, now);
  const { id } = await db
    .insertInto('reports')
    .values({ ...values, slug, created_at: now })
    .onConflict((oc) => oc.column('slug').doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceFigures(db, id, input);
  if (input.survey !== undefined) await replaceSurveyDefinition(db, id, input.survey);
  return id;
}

/** Inserts a new report (the slug must be free), with its segments and findings. */
export async function insertReport(db: Executor, input: ReportInput, now: string): Promise<number> {
  const { id } = await db
    .insertInto('reports')
    .values({ ...reportValues(input, now), created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceFigures(db, id, input);
  if (input.survey) await replaceSurveyDefinition(db, id, input.survey);
  return id;
}

/** Overwrites a report by id (its slug included), replacing its segments and findings. */
export async function updateReportById(db: Executor, id: number, input: ReportInput, now: string): Promise<void> {
  await db.updateTable('reports').set(reportValues(input, now)).where('id', '=', id).execute();
  await replaceFigures(db, id, input);
  if (input.survey !== undefined) await replaceSurveyDefinition(db, id, input.survey);
}

/** Deletes a report by id (segments and findings go with it; the database refuses while an issue uses it). */
export async function deleteReportById(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('reports').where('id', '=', id).execute();
}

async function replaceFigures(db: Executor, id: number, input: Pick<ReportInput, 'segments' | 'findings'>): Promise<void> {
  await db.deleteFrom('findings').where('report_id', '=', id).execute();
  await db.deleteFrom('report_segments').where('report_id', '=', id).execute();
  if (input.segments.length > 0) {
    await db
      .insertInto('report_segments')
      .values(input.segments.map((s, index) => ({ report_id: id, position: index + 1, key: s.key, name: s.name, respondents: s.respondents })))
      .execute();
  }
  if (input.findings.length > 0) {
    await db
      .insertInto('findings')
      .values(
        input.findings.map((f, index) => ({
          report_id: id,
          position: f.position ?? index + 1,
          title: f.title,
          statement: f.statement,
          segment_key: f.segmentKey,
          count: f.count,
          compare_segment_key: f.compareSegmentKey,
          compare_count: f.compareCount,
        })),
      )
      .execute();
  }
}

/** Maps report slugs to ids; unknown slugs are absent. */
export async function reportIdsBySlug(db: Executor, slugs: readonly string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const rows = await db.selectFrom('reports').select(['id', 'slug']).where('slug', 'in', [...slugs]).execute();
  return new Map(rows.map((row) => [row.slug, row.id]));
}

/** Loads reports by id with segments and findings. */
export async function findReportsByIds(db: Executor, ids: readonly number[]): Promise<Map<number, Report>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('reports').select(reportColumns).where('id', 'in', [...new Set(ids)]).execute();
  return withFigures(db, rows);
}

/** Every report, by slug. */
export async function listReports(db: Executor): Promise<Report[]> {
  const rows = (await db.selectFrom('reports').select(reportColumns).execute()).sort((a, b) => compareText(a.slug, b.slug));
  return [...(await withFigures(db, rows)).values()];
}

type ReportRow = Omit<Selectable<ReportsTable>, 'created_at'>;

async function withFigures(db: Executor, rows: readonly ReportRow[]): Promise<Map<number, Report>> {
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return new Map();
  const [segments, findings] = await Promise.all([
    db
      .selectFrom('report_segments')
      .select(['report_id', 'key', 'name', 'respondents'])
      .where('report_id', 'in', ids)
      .orderBy('report_id')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('findings')
      .select(['report_id', 'position', 'title', 'statement', 'segment_key', 'count', 'compare_segment_key', 'compare_count'])
      .where('report_id', 'in', ids)
      .orderBy('report_id')
      .orderBy('position')
      .execute(),
  ]);
  const segmentsOf = groupBy(segments, (r) => r.report_id, (r) => ({ key: r.key, name: r.name, respondents: r.respondents }));
  const findingsOf = groupBy(findings, (r) => r.report_id, (r) => ({
    title: r.title,
    statement: r.statement,
    segmentKey: r.segment_key,
    count: r.count,
    compareSegmentKey: r.compare_segment_key,
    compareCount: r.compare_count,
    position: r.position,
  }));
  const [surveys, respondents, bySegment] = await Promise.all([findSurveyDefinitions(db, rows), countRespondents(db, ids), countRespondentsBySegmentValue(db, ids)]);
  // A report computed from responses counts its segments: `all` is every respondent, another key a segment value.
  const segmentsWithCounts = (id: number) =>
    (segmentsOf.get(id) ?? []).map((s) =>
      surveys.has(id) ? { ...s, respondents: s.key === ALL_SEGMENT ? (respondents.get(id) ?? 0) : (bySegment.get(id)?.get(s.key) ?? 0) } : s,
    );
  const responseFindingsOf = new Map(
    await Promise.all([...surveys].map(async ([id, survey]) => [id, await tallyFindings(db, id, survey.findings)] as const)),
  );
  // Both kinds in one order: by position, a counts finding before a response finding at the same place.
  const allFindingsOf = (id: number): ReportFinding[] =>
    [...(findingsOf.get(id) ?? []).map((f) => ({ f, rank: 0 })), ...(responseFindingsOf.get(id) ?? []).map((f) => ({ f, rank: 1 }))]
      .sort((a, b) => a.f.position - b.f.position || a.rank - b.rank)
      .map(({ f }) => f);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        slug: row.slug,
        title: row.title,
        subtitle: row.subtitle,
        body: splitBody(row.body),
        publisher: row.publisher,
        partner: row.partner,
        surveyStart: row.survey_start,
        surveyEnd: row.survey_end,
        segments: segmentsWithCounts(row.id),
        findings: allFindingsOf(row.id),
        survey: surveys.get(row.id) ?? null,
        respondents: respondents.get(row.id) ?? 0,
        respondentsByValue: Object.fromEntries(bySegment.get(row.id) ?? []),
        updatedAt: row.updated_at,
      },
    ]),
  );
}
