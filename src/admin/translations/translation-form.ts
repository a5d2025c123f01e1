import { joinBody } from '../../content/body.js';
import type { Translate } from '../../i18n/messages.js';
import type { Original } from '../../translations/translations.service.js';
import type { EventText, IssueText, ReportText, TextOf, Translation, TranslationKind, TranslatableOf } from '../../translations/translations.js';

// The translation form's short-text fields, one per text the original has (a venue only where it
// has one, a label only for an item with one), named by the path the checks report problems at
// (`title`, `organiser_name`, `sections[1].heading`, `findings[0].statement`, `segments[2].name`),
// so a problem lands on its field. An empty field is left out of the translation: the page then
// shows the original's text.

/** One short text: its field name, its label, and the original's text beside it. */
export interface TextFieldSpec {
  readonly name: string;
  readonly label: (t: Translate) => string;
  readonly original: string;
}

/** The short-text fields of an original, in the order the form shows them. */
export function fieldsOf<K extends TranslationKind>(kind: K, original: Original<K>): TextFieldSpec[] {
  const fields: TextFieldSpec[] = [];
  const add = (name: string, label: (t: Translate) => string, value: string | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') fields.push({ name, label, original: value });
  };
  if (kind === 'issue') {
    const issue = original as unknown as TranslatableOf['issue'];
    add('title', (t) => t('deskTranslating.field.title'), issue.issue.title);
    issue.sections.forEach((section, s) => {
      add(`sections[${s}].heading`, (t) => t('deskTranslating.field.heading', { n: s + 1 }), section.heading);
      section.items.forEach((item, i) => add(`sections[${s}].items[${i}].label`, (t) => t('deskTranslating.field.label', { section: s + 1, item: i + 1 }), item.label));
    });
    return fields;
  }
  const item = original as unknown as TranslatableOf['event'] & TranslatableOf['report'];
  add('title', (t) => t('deskTranslating.field.title'), item.title);
  if (kind === 'event') {
    add('venue', (t) => t('deskTranslating.field.venue'), item.venue);
    add('city', (t) => t('deskTranslating.field.city'), item.city);
    add('organiser_name', (t) => t('deskTranslating.field.organiser'), item.organiserName);
  }
  if (kind === 'report') {
    add('subtitle', (t) => t('deskTranslating.field.subtitle'), item.subtitle);
    add('publisher', (t) => t('deskTranslating.field.publisher'), item.publisher);
    add('partner', (t) => t('deskTranslating.field.partner'), item.partner);
    item.segments.forEach((segment, index) => add(`segments[${index}].name`, (t) => t('deskTranslating.field.segment', { key: segment.key }), segment.name));
    item.findings.forEach((finding, index) => {
      add(`findings[${index}].title`, (t) => t('deskTranslating.field.findingTitle', { n: index + 1 }), finding.title);
      add(`findings[${index}].statement`, (t) => t('deskTranslating.field.findingStatement', { n: index + 1 }), finding.statement);
    });
  }
  return fields;
}

/** What the form shows: each field's text and the body. */
export interface TranslationValues {
  readonly fields: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A stored translation as the form shows it (empty fields where it has no text). */
export function valuesOf<K extends TranslationKind>(kind: K, original: Original<K>, translation: Translation<K> | undefined): TranslationValues {
  if (!translation) return { fields: {}, body: '' };
  const fields: Record<string, string> = {};
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) fields[name] = value;
  };
  const text = translation.text as IssueText & EventText & ReportText;
  set('title', text.title);
  if (kind === 'event') {
    set('venue', text.venue);
    set('city', text.city);
    set('organiser_name', text.organiserName);
  }
  if (kind === 'report') {
    set('subtitle', text.subtitle);
    set('publisher', text.publisher);
    set('partner', text.partner);
    const segments = (original as unknown as TranslatableOf['report']).segments;
    for (const segment of text.segments ?? []) {
      const index = segments.findIndex((s) => s.key === segment.key);
      if (index !== -1) set(`segments[${index}].name`, segment.name);
    }
    (text.findings ?? []).forEach((finding, index) => {
      set(`findings[${index}].title`, finding.title);
      set(`findings[${index}].statement`, finding.statement);
    });
  }
  if (kind === 'issue') {
    (text.sections ?? []).forEach((section, s) => {
      set(`sections[${s}].heading`, section.heading);
      (section.items ?? []).forEach((item, i) => set(`sections[${s}].items[${i}].label`, item.label));
    });
  }
  const body = translation.body.teaser === '' && translation.body.membersOnly === null ? '' : joinBody(translation.body);
  return { fields, body };
}

/** The submitted form: every field's text (CR LF as LF), the body. */
export function readTranslationForm<K extends TranslationKind>(kind: K, original: Original<K>, raw: unknown): TranslationValues {
  const given = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const read = (name: string) => (typeof given[name] === 'string' ? (given[name] as string).replace(/\r\n?/g, '\n') : '');
  const fields = Object.fromEntries(fieldsOf(kind, original).map((field) => [field.name, read(field.name)]));
  return { fields, body: read('body') };
}

/** A text as the translation holds it: left out when the field is empty (the original's shows). */
function textOrNothing(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Drops trailing entries with no text, and an empty list altogether. */
function trimmed<T extends object>(list: T[]): T[] | undefined {
  const isEmpty = (entry: T) => Object.values(entry).every((value) => value === undefined || (Array.isArray(value) && value.length === 0));
  while (list.length > 0 && isEmpty(list.at(-1)!)) list.pop();
  return list.length === 0 ? undefined : list;
}

function pruned<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;
}

/**
 * The translation's texts from the form, and how to name a problem's field: a report's segments
 * go to the checks as a list of the named ones only, so their positions are mapped back.
 */
export function textFromValues<K extends TranslationKind>(kind: K, original: Original<K>, values: TranslationValues): { text: TextOf[K]; fieldOf: (where: string) => string } {
  const v = (name: string) => textOrNothing(values.fields[name]);
  const same = (where: string) => where;
  switch (kind) {
    case 'story':
    case 'program':
      return { text: pruned({ title: v('title') }) as TextOf[K], fieldOf: same };
    case 'event':
      return { text: pruned({ title: v('title'), venue: v('venue'), city: v('city'), organiserName: v('organiser_name') }) as TextOf[K], fieldOf: same };
    case 'report': {
      const report = original as unknown as TranslatableOf['report'];
      const named = report.segments.map((segment, index) => ({ index, key: segment.key, name: v(`segments[${index}].name`) })).filter((segment) => segment.name !== undefined);
      const findings = trimmed(report.findings.map((_, index) => pruned({ title: v(`findings[${index}].title`), statement: v(`findings[${index}].statement`) })));
      const text: ReportText = pruned({
        title: v('title'), subtitle: v('subtitle'), publisher: v('publisher'), partner: v('partner'),
        segments: named.length === 0 ? undefined : named.map((segment) => ({ key: segment.key, name: segment.name! })),
        findings,
      });
      const fieldOf = (where: string) => where.replace(/^segments\[(\d+)\]\.(?:name|key)$/, (_, at: string) => `segments[${named[Number(at)]?.index ?? at}].name`);
      return { text: text as TextOf[K], fieldOf };
    }
    default: {
      const issue = original as unknown as TranslatableOf['issue'];
      const sections = trimmed(
        issue.sections.map((section, s) =>
          pruned({
            heading: v(`sections[${s}].heading`),
            items: trimmed(section.items.map((item, i) => (item.label === null ? {} : pruned({ label: v(`sections[${s}].items[${i}].label`) })))),
          }),
        ),
      );
      return { text: pruned({ title: v('title'), sections }) as TextOf[K], fieldOf: same };
    }
  }
}
