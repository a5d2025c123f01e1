import { z } from 'zod';
import { date, slugList, text, webUrl } from '../content/fields.js';
import { STORY_KINDS } from './stories.js';

// A story's front matter (docs/content-format.md); key order is the order the exporter writes.

export const sourceSchema = z
  .object({
    author: text.optional(),
    title: text.optional(),
    outlet: text,
    published_on: date.optional(),
    url: webUrl.optional(),
  })
  .strict();

export const storySchema = z
  .object({
    title: text,
    kind: z.enum(STORY_KINDS),
    topics: slugList.optional(),
    sectors: slugList.optional(),
    organizations: z.array(text).optional(),
    sources: z.array(sourceSchema).optional(),
  })
  .strict();
