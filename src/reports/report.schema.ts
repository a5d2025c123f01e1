import { z } from 'zod';
import { date, name, slug, title } from '../content/fields.js';

// A report's front matter with its segments and findings (docs/content-format.md); key order is the order the exporter writes.

export const segmentSchema = z
  .object({ key: slug, name, respondents: z.number().int().min(1, 'must be 1 or more') })
  .strict();

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

export const reportSchema = z
  .object({
    title,
    subtitle: title.optional(),
    publisher: name.optional(),
    partner: name.optional(),
    survey_start: date.optional(),
    survey_end: date.optional(),
    segments: z.array(segmentSchema).min(1, 'must list at least one segment'),
    findings: z.array(findingSchema).optional(),
  })
  .strict();
