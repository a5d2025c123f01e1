import { z } from 'zod';
import { joinBody } from '../content/body.js';
import { findingSchema, reportSchema, segmentSchema } from './report.schema.js';
import { checkDraftBody, invalidDraft, normaliseLines, optionalText, problemsOf, wholeNumber } from '../content/draft-fields.js';
import { FIELD_LIMITS, tooLong } from '../content/fields.js';
import type { Problem } from '../lib/errors.js';
import { isResponseFinding, type Finding, type Report, type ReportInput, type Segment } from './reports.js';

// A report as the desk's form holds it: scalar fields plus rows of segments and findings, each
// row as typed. Blank rows are skipped; problems in a row are keyed `segment-<n>-<field>` or
// `finding-<n>-<field>` with n counted from 1 as the form shows the rows. Field rules come from
// the content folder schemas; the row checks are the importer's (unique keys, known segments,
// counts no more than a segment's respondents). Shares are never typed: findings.ts computes them.

/** One segment row as typed. */
export interface SegmentRow {
  readonly key: string;
  readonly name: string;
  readonly respondents: string;
}

/** One finding row as typed. */
export interface FindingRow {
  readonly title: string;
  readonly statement: string;
  readonly segment: string;
  readonly count: string;
  readonly compare_segment: string;
  readonly compare_count: string;
}

/** What an editor types for a report; scalar keys are the form's field names. */
export interface ReportDraft {
  readonly slug: string;
  readonly title: string;
  readonly subtitle: string;
  readonly body: string;
  readonly publisher: string;
  readonly partner: string;
  readonly survey_start: string;
  readonly survey_end: string;
  readonly segments: readonly SegmentRow[];
  readonly findings: readonly FindingRow[];
}

const BLANK_SEGMENT: SegmentRow = { key: '', name: '', respondents: '' };
const BLANK_FINDING: FindingRow = { title: '', statement: '', segment: '', count: '', compare_segment: '', compare_count: '' };

/** A blank form for a new report. */
export const EMPTY_REPORT_DRAFT: ReportDraft = {
  slug: '', title: '', subtitle: '', body: '', publisher: '', partner: '', survey_start: '', survey_end: '', segments: [], findings: [],
};

/** The draft with `count` more blank rows of segments and of findings (the form's "add rows"). */
export function withBlankRows(draft: ReportDraft, count: number): ReportDraft {
  return {
    ...draft,
    segments: [...draft.segments, ...Array.from({ length: count }, () => BLANK_SEGMENT)],
    findings: [...draft.findings, ...Array.from({ length: count }, () => BLANK_FINDING)],
  };
}

const shape = reportSchema.shape;

const scalarFields = z.object({
  slug: z.string().trim().pipe(segmentSchema.shape.key),
  title: z.string().pipe(shape.title),
  subtitle: optionalText(shape.subtitle.unwrap()),
  publisher: optionalText(shape.publisher.unwrap()),
  partner: optionalText(shape.partner.unwrap()),
  survey_start: optionalText(shape.survey_start.unwrap()),
  survey_end: optionalText(shape.survey_end.unwrap()),
});

const segmentFields = z.object({
  key: z.string().trim().pipe(segmentSchema.shape.key),
  name: z.string().pipe(segmentSchema.shape.name),
  respondents: wholeNumber.pipe(z.number({ required_error: 'enter the number of respondents' }).pipe(segmentSchema.shape.respondents.unwrap())),
});

const countField = wholeNumber.pipe(z.number({ required_error: 'enter how many respondents said so' }).pipe(findingSchema.shape.count));

const findingFields = z.object({
  title: z.string().pipe(findingSchema.shape.title),
  statement: z.string().pipe(findingSchema.shape.statement),
  segment: z.string().trim().pipe(findingSchema.shape.segment),
  count: countField,
  compare_segment: optionalText(findingSchema.shape.compare_segment.unwrap()),
  compare_count: wholeNumber.pipe(findingSchema.shape.compare_count),
});

function isBlank(row: object): boolean {
  return Object.values(row).every((value) => String(value).trim() === '');
}

/** Rows that are not blank, with their 1-based place in the form. */
function filledRows<Row extends object>(rows: readonly Row[]): { row: Row; n: number }[] {
  return rows.map((row, index) => ({ row, n: index + 1 })).filter(({ row }) => !isBlank(row));
}

/** Checks each row with `schema`, keying problems `<prefix>-<n>-<field>`. */
function checkRows<Row extends object, T>(rows: readonly Row[], prefix: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, problems: Problem[]): { value: T; n: number }[] {
  return filledRows(rows).flatMap(({ row, n }) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) return [{ value: parsed.data, n }];
    for (const problem of problemsOf(parsed.error)) problems.push({ where: `${prefix}-${n}-${problem.where}`, message: problem.message });
    return [];
  });
}

function checkSegments(rows: readonly SegmentRow[], problems: Problem[]): Segment[] {
  const segments: Segment[] = [];
  for (const { value, n } of checkRows(rows, 'segment', segmentFields, problems)) {
    if (segments.some((segment) => segment.key === value.key)) problems.push({ where: `segment-${n}-key`, message: `the key “${value.key}” is used by an earlier segment` });
    else segments.push(value);
  }
  if (filledRows(rows).length === 0) problems.push({ where: 'segments', message: 'add at least one segment of respondents' });
  return segments;
}

function checkFindings(rows: readonly FindingRow[], segments: readonly Segment[], problems: Problem[]): Finding[] {
  const findings: Finding[] = [];
  for (const { value, n } of checkRows(rows, 'finding', findingFields, problems)) {
    const at = (field: keyof FindingRow) => `finding-${n}-${field}`;
    const before = problems.length;
    const base = segments.find((segment) => segment.key === value.segment);
    if (!base) problems.push({ where: at('segment'), message: `there is no segment “${value.segment}” above` });
    else if (value.count > base.respondents) problems.push({ where: at('count'), message: `${value.count} is more than the ${base.respondents} respondents of “${base.key}”` });
    if ((value.compare_segment === undefined) !== (value.compare_count === undefined)) {
      const missing = value.compare_segment === undefined ? 'compare_segment' : 'compare_count';
      problems.push({ where: at(missing), message: 'give both a segment and a count to compare with, or neither' });
    } else if (value.compare_segment !== undefined && value.compare_count !== undefined) {
      const compare = segments.find((segment) => segment.key === value.compare_segment);
      if (!compare) problems.push({ where: at('compare_segment'), message: `there is no segment “${value.compare_segment}” above` });
      else if (value.compare_count > compare.respondents) {
        problems.push({ where: at('compare_count'), message: `${value.compare_count} is more than the ${compare.respondents} respondents of “${compare.key}”` });
      }
    }
    if (problems.length > before) continue;
    findings.push({
      title: value.title,
      statement: value.statement,
      segmentKey: value.segment,
      count: value.count,
      compareSegmentKey: value.compare_segment ?? null,
      compareCount: value.compare_count ?? null,
    });
  }
  return findings;
}

/** Validates a draft; throws `Invalid` naming every bad field and row. */
export function checkReportDraft(draft: ReportDraft): ReportInput {
  const problems: Problem[] = [];
  const body = checkDraftBody(draft.body, problems);
  if (normaliseLines(draft.body).length > FIELD_LIMITS.body) problems.push({ where: 'body', message: tooLong(FIELD_LIMITS.body) });
  const scalars = scalarFields.safeParse(draft);
  if (!scalars.success) problems.push(...problemsOf(scalars.error));
  const segments = checkSegments(draft.segments, problems);
  const findings = checkFindings(draft.findings, segments, problems);
  if (!scalars.success || problems.length > 0) throw invalidDraft(problems);
  const data = scalars.data;
  if (data.survey_start && data.survey_end && data.survey_end < data.survey_start) {
    throw invalidDraft([{ where: 'survey_end', message: 'the survey must not end before it starts' }]);
  }
  return {
    slug: data.slug,
    title: data.title,
    subtitle: data.subtitle ?? null,
    body,
    publisher: data.publisher ?? null,
    partner: data.partner ?? null,
    surveyStart: data.survey_start ?? null,
    surveyEnd: data.survey_end ?? null,
    segments,
    findings,
  };
}

/** A stored report as the form shows it. */
export function draftOfReport(report: Report): ReportDraft {
  return {
    slug: report.slug,
    title: report.title,
    subtitle: report.subtitle ?? '',
    body: joinBody(report.body),
    publisher: report.publisher ?? '',
    partner: report.partner ?? '',
    survey_start: report.surveyStart ?? '',
    survey_end: report.surveyEnd ?? '',
    segments: report.segments.map((segment) => ({ key: segment.key, name: segment.name, respondents: String(segment.respondents) })),
    // Findings computed from responses are edited in the content folder, not in this form (docs/reports.md).
    findings: report.findings.filter((finding): finding is Finding => !isResponseFinding(finding)).map((finding) => ({
      title: finding.title,
      statement: finding.statement,
      segment: finding.segmentKey,
      count: String(finding.count),
      compare_segment: finding.compareSegmentKey ?? '',
      compare_count: finding.compareCount === null ? '' : String(finding.compareCount),
    })),
  };
}
