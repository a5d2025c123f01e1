import { FIELD_LIMITS } from '../content/fields.js';
import { sectionSchema, itemSchema } from '../issues/issue.schema.js';
import { answerSchema, fileFindingSchema, questionSchema, segmentRefSchema, segmentSchema } from '../reports/report.schema.js';
import { TRANSLATION_SCHEMAS, textFromFront, type TranslationFront } from '../translations/translation.schema.js';
import type { TranslationKind, TranslationLanguage } from '../translations/translations.js';
import type { ContentBundle } from './content-bundle.js';
import { ISSUE_LIMITS } from '../issues/issue-editing.service.js';
import { memberBody, validate, type Context } from './file-context.js';
import { checkIssueLimits } from './readers.js';
import { eventSchema, issueSchema, programSchema, reportSchema, storySchema } from './schemas.js';

// The reader of translation files `<folder>/<slug>.<lang>.md`: the translated texts (only those;
// a fact of the original is refused with its own message) and a body with the same checks as
// the original's. That the original exists, and that the translation's sections, items,
// segments and findings are the original's, is checked once the whole folder is read.

const FOLDER_OF: Record<TranslationKind, string> = { issue: 'issues', story: 'stories', event: 'events', program: 'programs', report: 'reports' };

const keysOf = (...schemas: { shape: object }[]) => new Set(schemas.flatMap((schema) => Object.keys(schema.shape)));

/** Every key an original of the kind may have, at any depth: in a translation these are facts. */
const ORIGINAL_KEYS: Record<TranslationKind, ReadonlySet<string>> = {
  story: keysOf(storySchema),
  event: keysOf(eventSchema),
  program: keysOf(programSchema),
  report: keysOf(reportSchema, segmentSchema, fileFindingSchema, questionSchema, answerSchema, segmentRefSchema),
  issue: keysOf(issueSchema, sectionSchema, itemSchema),
};

/** Reads one translation file into the bundle. */
export function translationReader(kind: TranslationKind, c: Context, slug: string, language: TranslationLanguage, bundle: ContentBundle): void {
  const original = `${FOLDER_OF[kind]}/${slug}.md`;
  const data = validate(c, TRANSLATION_SCHEMAS[kind], (path) =>
    ORIGINAL_KEYS[kind].has(String(path[path.length - 1]))
      ? `is not translated: facts stay in the original (${original}) only; remove it here`
      : undefined,
  );
  const body = memberBody(c, kind === 'issue' ? ISSUE_LIMITS.intro : FIELD_LIMITS.body);
  if (!data || body === undefined) return;
  if (kind === 'issue' && !checkIssueLimits(c, data as TranslationFront<'issue'>)) return;
  bundle.translations.push({
    kind,
    slug,
    language,
    text: textFromFront(kind, data as TranslationFront<typeof kind>),
    body,
    where: c.where,
    lineOf: c.file.lineOf,
  });
}
