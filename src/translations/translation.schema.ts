import { z } from 'zod';
import { name, slug, text, title } from '../content/fields.js';
import type { TranslationKind } from '../db/tables/translations.js';
import type { EventText, IssueText, ReportText, StoryText, TextOf } from './translations.js';

// The front matter of a translation file `<slug>.<lang>.md` (docs/content-format.md): only the
// texts a reader sees, every one optional; facts stay in the original's file. Key order is the
// order the exporter writes. An issue's limits are checked where it is read, as the original's are.

export const storyTranslationSchema = z.object({ title: title.optional() }).strict();

export const programTranslationSchema = z.object({ title: title.optional() }).strict();

export const eventTranslationSchema = z
  .object({ title: title.optional(), venue: name.optional(), city: name.optional(), organiser_name: name.optional() })
  .strict();

export const reportTranslationSchema = z
  .object({
    title: title.optional(),
    subtitle: title.optional(),
    publisher: name.optional(),
    partner: name.optional(),
    // A segment is named by its key (which is not translated), a finding by its position.
    segments: z.array(z.object({ key: slug, name }).strict()).optional(),
    findings: z.array(z.object({ title: title.optional(), statement: title.optional() }).strict()).optional(),
  })
  .strict();

export const issueTranslationSchema = z
  .object({
    title: text.optional(),
    // Sections and their items by position, as in the original.
    sections: z
      .array(z.object({ heading: text.optional(), items: z.array(z.object({ label: text.optional() }).strict()).optional() }).strict())
      .optional(),
  })
  .strict();

/** The front matter schema of each kind's translation files. */
export const TRANSLATION_SCHEMAS = {
  issue: issueTranslationSchema,
  story: storyTranslationSchema,
  event: eventTranslationSchema,
  program: programTranslationSchema,
  report: reportTranslationSchema,
} as const satisfies Record<TranslationKind, z.ZodType>;

export type TranslationFront<K extends TranslationKind> = z.infer<(typeof TRANSLATION_SCHEMAS)[K]>;

/** Front matter (snake_case keys, as in files) → the stored texts. */
export function textFromFront<K extends TranslationKind>(kind: K, front: TranslationFront<K>): TextOf[K] {
  if (kind !== 'event') return front as TextOf[K];
  const { organiser_name: organiserName, ...rest } = front as TranslationFront<'event'>;
  return { ...rest, ...(organiserName === undefined ? {} : { organiserName }) } satisfies EventText as TextOf[K];
}

/** The stored texts → front matter in the exporter's key order. */
export function frontFromText<K extends TranslationKind>(kind: K, stored: TextOf[K]): Record<string, unknown> {
  switch (kind) {
    case 'story':
    case 'program':
      return { title: (stored as StoryText).title };
    case 'event': {
      const t = stored as EventText;
      return { title: t.title, venue: t.venue, city: t.city, organiser_name: t.organiserName };
    }
    case 'report': {
      const t = stored as ReportText;
      return {
        title: t.title, subtitle: t.subtitle, publisher: t.publisher, partner: t.partner,
        segments: t.segments?.map((s) => ({ key: s.key, name: s.name })),
        findings: t.findings?.map((f) => ({ title: f.title, statement: f.statement })),
      };
    }
    default: {
      const t = stored as IssueText;
      return {
        title: t.title,
        sections: t.sections?.map((s) => ({ heading: s.heading, items: s.items?.map((i) => ({ label: i.label })) })),
      };
    }
  }
}
