import { z } from 'zod';
import { date, name, slug, title } from '../content/fields.js';

// A report's front matter with its segments and findings (docs/content-format.md, docs/reports.md);
// key order is the order the exporter writes. A report is counts-only (segments with their
// respondents, findings with counts) or computed from responses (segment_columns, questions,
// findings naming a question, answer codes and a segment; segments then only name segment values).

export const segmentSchema = z
  .object({ key: slug, name, respondents: z.number().int().min(1, 'must be 1 or more').optional() })
  .strict();

/** A counts-only finding, as the desk's form and the front matter give it. */
export const findingSchema = z
  .object({
    title,
    statement: title,
    segment: slug,
    count: z.number().int().min(0, 'must be 0 or more'),
    compare_segment: slug.optional(),
    compare_count: z.number().int().min(0, 'must be 0 or more').optional(),
  })
  .strict();

/** A question key, answer code, segment column or segment value: what a CSV header or cell can hold. */
export const surveyKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be 1 to 40 lowercase letters, digits, - or _ (starting with a letter or digit)');

export const answerSchema = z.object({ code: surveyKey, text: title }).strict();

export const questionSchema = z
  .object({
    key: surveyKey,
    text: title,
    kind: z.enum(['single', 'multiple'], { errorMap: () => ({ message: 'must be single or multiple' }) }),
    answers: z.array(answerSchema).min(1, 'must list at least one answer'),
  })
  .strict();

export const segmentRefSchema = z.object({ column: surveyKey, value: surveyKey }).strict();

/** A finding of either kind: counts (segment is a key, with count) or from responses (segment is {column, value}, with question and answers). */
export const fileFindingSchema = z
  .object({
    title,
    statement: title,
    segment: z.union([slug, segmentRefSchema], { errorMap: () => ({ message: 'must be a segment key, or {column, value} for a finding computed from responses' }) }),
    count: findingSchema.shape.count.optional(),
    compare_segment: slug.optional(),
    compare_count: findingSchema.shape.compare_count,
    question: surveyKey.optional(),
    answers: z.array(surveyKey).min(1, 'must list at least one answer code').optional(),
    members_only: z.boolean().optional(),
  })
  .strict();

export const reportSchema = z
  .object({
    title,
    subtitle: title.optional(),
    publisher: name.optional(),
    partner: name.optional(),
    survey_start: date.optional(),
    survey_end: date.optional(),
    segments: z.array(segmentSchema).min(1, 'must list at least one segment').optional(),
    segment_columns: z.array(surveyKey).min(1, 'must list at least one column').optional(),
    collect_until: date.optional(),
    questions: z.array(questionSchema).min(1, 'must list at least one question').optional(),
    findings: z.array(fileFindingSchema).optional(),
  })
  .strict();
