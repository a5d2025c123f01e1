import { z } from 'zod';
import { instant, slug, text } from '../content/fields.js';
import { ISSUE_STATUSES, SEASONS, SECTION_KINDS } from './issues.js';

// An issue's front matter with its sections and items (docs/content-format.md); key order is the order the exporter writes.

export const itemSchema = z
  .object({
    label: text.optional(),
    story: slug.optional(),
    event: slug.optional(),
    program: slug.optional(),
    report: slug.optional(),
  })
  .strict();

export const sectionSchema = z
  .object({ kind: z.enum(SECTION_KINDS), heading: text, items: z.array(itemSchema).default([]) })
  .strict();

export const issueSchema = z
  .object({
    title: text,
    season: z.enum(SEASONS),
    year: z.number().int().min(1900, 'must be a year').max(9999, 'must be a year'),
    status: z.enum(ISSUE_STATUSES),
    published_at: instant.optional(),
    sections: z.array(sectionSchema).optional(),
  })
  .strict();
