import { z } from 'zod';
import { FIELD_LIMITS } from '../content/fields.js';
import { ALL_SEGMENT, type Finding, type ResponseFindingDefinition, type Segment, type SurveyDefinition } from '../reports/reports.js';
import type { fileFindingSchema } from '../reports/report.schema.js';
import { COLLECTED_SEGMENT_COLUMN } from '../reports/survey-answers.js';
import { RESPONDENT_COLUMN } from '../reports/responses-csv.js';
import type { ContentBundle } from './content-bundle.js';
import { memberBody, problem, validate, type Context } from './file-context.js';
import { reportSchema } from './schemas.js';

// The reader of `reports/<slug>.md`: a counts-only report (segments with respondents, findings
// with counts) or one computed from responses (segment_columns, questions, findings naming a
// segment {column, value}, a question and answer codes; segments then only name values and
// carry no respondents, which are counted). Every problem is `file:line` (docs/reports.md).

type FileFinding = z.infer<typeof fileFindingSchema>;

/** Reads one report file into the bundle. */
export function readReport(c: Context, slug: string, bundle: ContentBundle): void {
  const data = validate(c, reportSchema);
  const body = memberBody(c, FIELD_LIMITS.body);
  if (!data || body === undefined) return;
  const surveyed = data.questions !== undefined || data.segment_columns !== undefined;
  let ok = true;
  const fail = (path: (string | number)[], message: string) => (ok = problem(c, path, message));

  const segments = new Map<string, number | undefined>();
  (data.segments ?? []).forEach((segment, index) => {
    if (segments.has(segment.key)) fail(['segments', index, 'key'], `segments[${index}].key: "${segment.key}" is listed twice`);
    if (surveyed && segment.respondents !== undefined) {
      fail(['segments', index, 'respondents'], `segments[${index}].respondents: a report computed from responses counts its respondents; remove this`);
    }
    if (!surveyed && segment.respondents === undefined) fail(['segments', index, 'respondents'], `segments[${index}].respondents: is required`);
    segments.set(segment.key, segment.respondents);
  });
  if (!surveyed && data.segments === undefined) fail(['segments'], 'segments: is required (or segment_columns and questions for a report computed from responses)');
  if (surveyed) {
    if (data.questions === undefined) fail(['segment_columns'], 'questions: is required with segment_columns');
    if (data.segment_columns === undefined) fail(['questions'], 'segment_columns: is required with questions');
  }

  const columns = data.segment_columns ?? [];
  columns.forEach((column, index) => {
    if (columns.indexOf(column) !== index) fail(['segment_columns', index], `segment_columns[${index}]: "${column}" is listed twice`);
    if (column === RESPONDENT_COLUMN) fail(['segment_columns', index], `segment_columns[${index}]: "${RESPONDENT_COLUMN}" is the respondent id column`);
  });
  const questions = new Map<string, Set<string>>();
  (data.questions ?? []).forEach((question, index) => {
    const at = ['questions', index];
    if (questions.has(question.key)) fail([...at, 'key'], `questions[${index}].key: "${question.key}" is listed twice`);
    if (question.key === RESPONDENT_COLUMN || columns.includes(question.key)) fail([...at, 'key'], `questions[${index}].key: "${question.key}" is also a column name`);
    const codes = new Set<string>();
    question.answers.forEach((answer, a) => {
      if (codes.has(answer.code)) fail([...at, 'answers', a, 'code'], `questions[${index}].answers[${a}].code: "${answer.code}" is listed twice`);
      codes.add(answer.code);
    });
    questions.set(question.key, codes);
  });

  const counts: Finding[] = [];
  const responses: ResponseFindingDefinition[] = [];
  (data.findings ?? []).forEach((finding, index) => {
    const position = index + 1;
    if (typeof finding.segment === 'string') {
      const counted = countsFinding(finding, index, segments, fail);
      if (counted) counts.push({ ...counted, position });
    } else {
      const computed = responseFinding(finding, finding.segment, index, columns, questions, fail);
      if (computed) responses.push({ ...computed, position });
    }
  });
  if (data.survey_start && data.survey_end && data.survey_end < data.survey_start) fail(['survey_end'], 'survey_end: must not be before survey_start');
  if (data.collect_until !== undefined) {
    if (!surveyed) fail(['collect_until'], 'collect_until: needs segment_columns and questions');
    // A member company's answer is put in its segment by the company's industry, the one segment the product knows.
    else if (columns.some((column) => column !== COLLECTED_SEGMENT_COLUMN)) {
      fail(['collect_until'], `collect_until: answers collected on the site fill only the segment column "${COLLECTED_SEGMENT_COLUMN}" (the member company's industry)`);
    }
  }
  if (!ok) return;

  const survey: SurveyDefinition | null = surveyed
    ? { collectUntil: data.collect_until ?? null, segmentColumns: columns, questions: data.questions ?? [], findings: responses }
    : null;
  bundle.reports.push({
    slug,
    title: data.title,
    subtitle: data.subtitle ?? null,
    body,
    publisher: data.publisher ?? null,
    partner: data.partner ?? null,
    surveyStart: data.survey_start ?? null,
    surveyEnd: data.survey_end ?? null,
    segments: (data.segments ?? []).map((s): Segment => ({ key: s.key, name: s.name, respondents: s.respondents ?? 0 })),
    findings: counts,
    survey,
  });
}

type Fail = (path: (string | number)[], message: string) => false;

function countsFinding(finding: FileFinding, index: number, segments: Map<string, number | undefined>, fail: Fail): Omit<Finding, 'position'> | null {
  const at = ['findings', index];
  const before = [finding.question, finding.answers, finding.members_only];
  if (before.some((value) => value !== undefined)) {
    fail(at, `findings[${index}]: question, answers and members_only need a segment given as {column, value}`);
    return null;
  }
  const segment = finding.segment as string;
  if (finding.count === undefined) {
    fail(at, `findings[${index}].count: is required (or give segment as {column, value} with question and answers)`);
    return null;
  }
  let good = true;
  const base = segments.get(segment);
  if (!segments.has(segment)) good = fail([...at, 'segment'], `findings[${index}].segment: unknown segment "${segment}"`);
  else if (base !== undefined && finding.count > base) good = fail([...at, 'count'], `findings[${index}].count: ${finding.count} is more than the ${base} respondents of "${segment}"`);
  if ((finding.compare_segment === undefined) !== (finding.compare_count === undefined)) {
    good = fail(at, `findings[${index}]: give both compare_segment and compare_count, or neither`);
  } else if (finding.compare_segment !== undefined && finding.compare_count !== undefined) {
    const compareBase = segments.get(finding.compare_segment);
    if (!segments.has(finding.compare_segment)) good = fail([...at, 'compare_segment'], `findings[${index}].compare_segment: unknown segment "${finding.compare_segment}"`);
    else if (compareBase !== undefined && finding.compare_count > compareBase) {
      good = fail([...at, 'compare_count'], `findings[${index}].compare_count: ${finding.compare_count} is more than the ${compareBase} respondents of "${finding.compare_segment}"`);
    }
  }
  if (!good) return null;
  return {
    title: finding.title,
    statement: finding.statement,
    segmentKey: segment,
    count: finding.count,
    compareSegmentKey: finding.compare_segment ?? null,
    compareCount: finding.compare_count ?? null,
  };
}

function responseFinding(
  finding: FileFinding,
  segment: { column: string; value: string },
  index: number,
  columns: readonly string[],
  questions: Map<string, Set<string>>,
  fail: Fail,
): Omit<ResponseFindingDefinition, 'position'> | null {
  const at = ['findings', index];
  let good = true;
  for (const key of ['count', 'compare_segment', 'compare_count'] as const) {
    if (finding[key] !== undefined) good = fail([...at, key], `findings[${index}].${key}: a finding computed from responses is counted, not typed; remove this`);
  }
  if (!columns.includes(segment.column)) good = fail([...at, 'segment', 'column'], `findings[${index}].segment.column: "${segment.column}" is not one of segment_columns`);
  if (segment.value === ALL_SEGMENT) good = fail([...at, 'segment', 'value'], `findings[${index}].segment.value: "${ALL_SEGMENT}" is reserved for all respondents`);
  if (finding.question === undefined) {
    fail(at, `findings[${index}].question: is required with segment {column, value}`);
    return null;
  }
  const codes = questions.get(finding.question);
  if (!codes) {
    fail([...at, 'question'], `findings[${index}].question: unknown question "${finding.question}"`);
    return null;
  }
  if (finding.answers === undefined) {
    fail(at, `findings[${index}].answers: is required with a question`);
    return null;
  }
  finding.answers.forEach((code, a) => {
    if (!codes.has(code)) good = fail([...at, 'answers', a], `findings[${index}].answers[${a}]: "${code}" is not an answer code of question "${finding.question}"`);
  });
  if (!good) return null;
  return {
    title: finding.title,
    statement: finding.statement,
    segmentColumn: segment.column,
    segmentValue: segment.value,
    questionKey: finding.question,
    answerCodes: [...new Set(finding.answers)],
    membersOnly: finding.members_only === true,
  };
}
