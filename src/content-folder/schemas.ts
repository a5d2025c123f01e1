import { z } from 'zod';
import { text } from '../content/fields.js';
import { issueSchema } from '../issues/issue.schema.js';
import { eventSchema } from '../events/event.schema.js';
import { programSchema } from '../programs/program.schema.js';
import { reportSchema } from '../reports/report.schema.js';
import { storySchema } from '../stories/story.schema.js';
import { organizationSchema } from '../organizations/organization.schema.js';

// One zod schema per file kind of the content folder (docs/content-format.md): each content
// kind's own schema lives in its domain; topics and sectors are the folder's own. Key order is
// the order the exporter writes.

export { eventSchema, issueSchema, organizationSchema, programSchema, reportSchema, storySchema };
export { SLUG } from '../lib/slug.js';

export const topicSchema = z
  .object({ name: text, position: z.number().int().min(1, 'must be 1 or more') })
  .strict();

export const sectorSchema = z.object({ name: text }).strict();

export type TopicFront = z.infer<typeof topicSchema>;
export type SectorFront = z.infer<typeof sectorSchema>;
export type StoryFront = z.infer<typeof storySchema>;
export type EventFront = z.infer<typeof eventSchema>;
export type ProgramFront = z.infer<typeof programSchema>;
export type ReportFront = z.infer<typeof reportSchema>;
export type IssueFront = z.infer<typeof issueSchema>;
