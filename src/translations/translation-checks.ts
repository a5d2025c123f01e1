import type { ZodError } from 'zod';
import { checkBody } from '../content/body.js';
import type { TranslationKind } from '../db/tables/translations.js';
import { frontFromText, textFromFront, TRANSLATION_SCHEMAS, type TranslationFront } from './translation.schema.js';
import type { EventText, IssueText, ReportText, TextOf } from './translations.js';

// The rules a translation must keep against its original, in one place for the content folder
// and the desk: only texts the original has (no venue where it has none, no label for an item
// without one), no more sections, items or findings than it has, and only its segment keys.

/** What the checks need of an original: a content folder's input and a loaded item both have it. */
export interface OriginalShape {
  readonly venue?: string | null;
  readonly city?: string | null;
  readonly organiserName?: string | null;
  readonly subtitle?: string | null;
  readonly publisher?: string | null;
  readonly partner?: string | null;
  readonly segments?: readonly { readonly key: string }[];
  readonly findings?: readonly unknown[];
  readonly sections?: readonly { readonly items: readonly { readonly label: string | null }[] }[];
}

/** A problem with a translation, at a path of its texts as the content format writes them (`sections`, 1, `heading`). */
export interface TextProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Every way the texts go beyond what the original has. */
export function shapeProblems<K extends TranslationKind>(kind: K, original: OriginalShape, text: TextOf[K]): TextProblem[] {
  const problems: TextProblem[] = [];
  const at = (path: (string | number)[], message: string) => problems.push({ path, message });
  const optional = (key: string, field: keyof OriginalShape, value: string | undefined) => {
    if (value !== undefined && (original[field] === null || original[field] === undefined)) at([key], `the original has no ${key.replace('_', ' ')} to translate`);
  };
  if (kind === 'event') {
    const t = text as EventText;
    optional('venue', 'venue', t.venue);
    optional('city', 'city', t.city);
    optional('organiser_name', 'organiserName', t.organiserName);
  }
  if (kind === 'report') {
    const t = text as ReportText;
    optional('subtitle', 'subtitle', t.subtitle);
    optional('publisher', 'publisher', t.publisher);
    optional('partner', 'partner', t.partner);
    const keys = (original.segments ?? []).map((segment) => segment.key);
    const seen = new Set<string>();
    (t.segments ?? []).forEach((segment, index) => {
      if (!keys.includes(segment.key)) at(['segments', index, 'key'], `the original has no segment "${segment.key}" (it has ${keys.join(', ')})`);
      else if (seen.has(segment.key)) at(['segments', index, 'key'], `"${segment.key}" is listed twice`);
      seen.add(segment.key);
    });
    const findings = original.findings?.length ?? 0;
    if ((t.findings?.length ?? 0) > findings) at(['findings', findings], `the original has ${plural(findings, 'finding')}; translate them in the original's order`);
  }
  if (kind === 'issue') {
    const sections = original.sections ?? [];
    ((text as IssueText).sections ?? []).forEach((section, s) => {
      const originalSection = sections[s];
      if (!originalSection) {
        if (s === sections.length) at(['sections', s], `the original has ${plural(sections.length, 'section')}; translate them in the original's order`);
        return;
      }
      (section.items ?? []).forEach((item, i) => {
        const originalItem = originalSection.items[i];
        if (!originalItem) {
          if (i === originalSection.items.length) at(['sections', s, 'items', i], `the original's section has ${plural(originalSection.items.length, 'item')}`);
        } else if (item.label !== undefined && originalItem.label === null) at(['sections', s, 'items', i, 'label'], 'the original’s item has no label to translate');
      });
    });
  }
  return problems;
}

/** `sections[0].items[2].label`, the way a person finds a value. */
export function pathName(path: readonly (string | number | symbol)[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}

/**
 * Every problem of a translation as the desk sends it: its texts against the front matter
 * schema (one line each, the content folder's lengths), against the original, and its body
 * against the members-only rules; each with `where` naming the field (`title`, `body`, `sections[1].heading`).
 * Returns the texts trimmed as the schema reads them. A text left out (undefined) shows the original's;
 * an empty one is refused, so a form leaves out what it left blank.
 */
export function checkTranslation<K extends TranslationKind>(
  kind: K,
  original: OriginalShape,
  text: TextOf[K],
  body: string,
): { text: TextOf[K]; problems: { where: string; line?: number; message: string }[] } {
  const problems: { where: string; line?: number; message: string }[] = [];
  const parsed = TRANSLATION_SCHEMAS[kind].safeParse(prune(frontFromText(kind, text)));
  let checked = text;
  if (!parsed.success) problems.push(...zodProblems(parsed.error));
  else {
    checked = textFromFront(kind, parsed.data as TranslationFront<K>);
    problems.push(...shapeProblems(kind, original, checked).map((p) => ({ where: pathName(p.path), message: p.message })));
  }
  problems.push(...checkBody(body, { membersOnlyAllowed: true }).map((p) => ({ where: 'body', line: p.line + 1, message: p.message })));
  return { text: checked, problems };
}

function zodProblems(error: ZodError): { where: string; message: string }[] {
  return error.issues.map((issue) => ({ where: pathName(issue.path), message: issue.code === 'unrecognized_keys' ? `unknown ${issue.keys.join(', ')}` : issue.message }));
}

/** Drops undefined values, as a file leaves out keys it does not have. */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined).map(([key, inner]) => [key, prune(inner)]));
  return value;
}
