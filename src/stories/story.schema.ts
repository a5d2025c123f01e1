import { z } from 'zod';
import { date, FIELD_LIMITS, name, slugList, textUpTo, title, webUrl } from '../content/fields.js';
import { STORY_KINDS } from './stories.js';

// A story's front matter (docs/content-format.md); key order is the order the exporter writes.

/** The longest story the desk and the content folder accept (the body is checked where it is read). */
export const STORY_LIMITS = {
  slug: FIELD_LIMITS.slug, title: FIELD_LIMITS.title, body: FIELD_LIMITS.body, organization: FIELD_LIMITS.name, sources: 50,
} as const;

export const sourceSchema = z
  .object({
    author: name.optional(),
    title: title.optional(),
    outlet: name,
    published_on: date.optional(),
    url: webUrl.optional(),
  })
  .strict();

export const storySchema = z
  .object({
    title,
    kind: z.enum(STORY_KINDS),
    topics: slugList.optional(),
    sectors: slugList.optional(),
    organizations: z.array(textUpTo(STORY_LIMITS.organization)).optional(),
    sources: z.array(sourceSchema).max(STORY_LIMITS.sources, `at most ${STORY_LIMITS.sources} sources`).optional(),
    /** The lead image: `../media/<hash>.<ext>` in the content folder (docs/media.md). */
    lead_image: z.string().regex(/^\.\.\/media\/[0-9a-f]{16}\.(jpg|png)$/, 'must be an image of the media folder, like ../media/0123456789abcdef.jpg').optional(),
  })
  .strict();
