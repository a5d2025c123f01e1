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
    /** The lead image: `../media/<hash>.<ext>` in the content folder (docs/media.md), as a story's. */
    lead_image: z.string().regex(/^\.\.\/media\/[0-9a-f]{16}\.(jpg|png)$/, 'must be an image of the media folder, like ../media/0123456789abcdef.jpg').optional(),
    sections: z.array(sectionSchema).optional(),
  })
  .strict();
