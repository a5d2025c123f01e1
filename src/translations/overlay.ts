import { createHash } from 'node:crypto';
import { joinBody, type SplitBody } from '../content/body.js';
import type { Language } from '../db/tables/members.js';
import type { TranslationKind } from '../db/tables/translations.js';
import type {
  Overlaid, TextOf, TranslatableEvent, TranslatableIssue, TranslatableOf, TranslatableProgram, TranslatableReport, TranslatableStory,
  Translation, TranslationState,
} from './translations.js';

// Pure functions over an original and its translation: the item as a reader of a language sees
// it, which texts fell back to English, and whether the translation is older than the original.
// Bodies stay SplitBody: a translation's members-only part is replaced only by the members-only
// part (its own or the original's), never moved into the teaser, so viewBody keeps it from the public.

/** Collects the paths of texts that fall back to the original. */
class Fallbacks {
  readonly paths: string[] = [];

  /** The translated text, or the original's (noted as English) when the translation lacks it; an absent original stays absent. */
  text<V extends string | null>(path: string, original: V, translated: string | undefined): V | string {
    if (original === null || original === '') return original;
    if (translated !== undefined && translated.trim() !== '') return translated;
    this.paths.push(path);
    return original;
  }

  body(path: string, original: SplitBody, translated: SplitBody | undefined): SplitBody {
    const teaser = this.text(path === '' ? 'teaser' : `${path}.teaser`, original.teaser, translated?.teaser);
    let membersOnly = translated?.membersOnly ?? null;
    if (membersOnly === null && original.membersOnly !== null) {
      this.paths.push(path === '' ? 'membersOnly' : `${path}.membersOnly`);
      membersOnly = original.membersOnly;
    }
    return { teaser, membersOnly };
  }
}

type Overlay<K extends TranslationKind> = (item: TranslatableOf[K], text: TextOf[K], body: SplitBody | undefined, f: Fallbacks) => TranslatableOf[K];

const overlays: { [K in TranslationKind]: Overlay<K> } = {
  story: (item: TranslatableStory, text, body, f) => ({ ...item, title: f.text('title', item.title, text.title), body: f.body('', item.body, body) }),
  program: (item: TranslatableProgram, text, body, f) => ({ ...item, title: f.text('title', item.title, text.title), body: f.body('', item.body, body) }),
  event: (item: TranslatableEvent, text, body, f) => ({
    ...item,
    title: f.text('title', item.title, text.title),
    venue: f.text('venue', item.venue, text.venue),
    city: f.text('city', item.city, text.city),
    organiserName: f.text('organiserName', item.organiserName, text.organiserName),
    body: f.body('', item.body, body),
  }),
  report: (item: TranslatableReport, text, body, f) => {
    const segmentNames = new Map((text.segments ?? []).map((segment) => [segment.key, segment.name]));
    return {
      ...item,
      title: f.text('title', item.title, text.title),
      subtitle: f.text('subtitle', item.subtitle, text.subtitle),
      publisher: f.text('publisher', item.publisher, text.publisher),
      partner: f.text('partner', item.partner, text.partner),
      body: f.body('', item.body, body),
      segments: item.segments.map((segment, index) => ({ ...segment, name: f.text(`segments[${index}].name`, segment.name, segmentNames.get(segment.key)) })),
      findings: item.findings.map((finding, index) => ({
        ...finding,
        title: f.text(`findings[${index}].title`, finding.title, text.findings?.[index]?.title),
        statement: f.text(`findings[${index}].statement`, finding.statement, text.findings?.[index]?.statement),
      })),
    };
  },
  issue: (item: TranslatableIssue, text, body, f) => ({
    ...item,
    issue: { ...item.issue, title: f.text('title', item.issue.title, text.title), intro: f.body('', item.issue.intro, body) },
    sections: item.sections.map((section, s) => ({
      ...section,
      heading: f.text(`sections[${s}].heading`, section.heading, text.sections?.[s]?.heading),
      items: section.items.map((entry, i) => ({ ...entry, label: f.text(`sections[${s}].items[${i}].label`, entry.label, text.sections?.[s]?.items?.[i]?.label) })),
    })),
  }),
};

/**
 * `item` as a reader of `language` sees it: each text from the translation where it has one, the
 * original's elsewhere (listed in `english`). English, or no translation, leaves the item as it is.
 * Everything that is not a translatable text (ids, slugs, dates, sources, nested items) is kept.
 */
export function overlay<K extends TranslationKind, T extends TranslatableOf[K]>(
  kind: K,
  item: T,
  language: Language,
  translation: Translation<K> | undefined,
): Overlaid<T> {
  if (language === 'en') return { value: item, language, english: [], translated: true, stale: false };
  if (translation && (translation.kind !== kind || translation.language !== language)) {
    throw new Error(`overlay: a ${translation.kind} translation in ${translation.language} given for a ${kind} in ${language}`);
  }
  const fallbacks = new Fallbacks();
  const apply = overlays[kind] as unknown as Overlay<K>;
  const value = apply(item, translation?.text ?? ({} as TextOf[K]), translation?.body, fallbacks) as T;
  return {
    value: translation ? value : item,
    language,
    english: fallbacks.paths,
    translated: translation !== undefined,
    stale: translation !== undefined && translation.originalDigest !== digestOf(kind, item),
  };
}

/** The original's translatable texts, whole, in the shape a translation holds them. */
export function textOf<K extends TranslationKind>(kind: K, item: TranslatableOf[K]): { text: TextOf[K]; body: string } {
  const of = textsOf[kind] as unknown as (item: TranslatableOf[K]) => { text: TextOf[K]; body: string };
  return of(item);
}

const textsOf: { [K in TranslationKind]: (item: TranslatableOf[K]) => { text: TextOf[K]; body: string } } = {
  story: (item) => ({ text: { title: item.title }, body: joinBody(item.body) }),
  program: (item) => ({ text: { title: item.title }, body: joinBody(item.body) }),
  event: (item) => ({
    text: { title: item.title, ...present('venue', item.venue), ...present('city', item.city), ...present('organiserName', item.organiserName) },
    body: joinBody(item.body),
  }),
  report: (item) => ({
    text: {
      title: item.title, ...present('subtitle', item.subtitle), ...present('publisher', item.publisher), ...present('partner', item.partner),
      segments: item.segments.map((segment) => ({ key: segment.key, name: segment.name })),
      findings: item.findings.map((finding) => ({ title: finding.title, statement: finding.statement })),
    },
    body: joinBody(item.body),
  }),
  issue: (item) => ({
    text: {
      title: item.issue.title,
      sections: item.sections.map((section) => ({ heading: section.heading, items: section.items.map((entry) => present('label', entry.label)) })),
    },
    body: joinBody(item.issue.intro),
  }),
};

function present<Key extends string>(key: Key, value: string | null): { [P in Key]?: string } {
  return (value === null ? {} : { [key]: value }) as { [P in Key]?: string };
}

/**
 * A digest of the original's translatable text: a translation stores the digest of the original
 * it was made from, so it is older than the original exactly when that text has changed since
 * (an import that rewrites an unchanged original leaves it current).
 */
export function digestOf<K extends TranslationKind>(kind: K, item: TranslatableOf[K]): string {
  return createHash('sha256').update(JSON.stringify(textOf(kind, item))).digest('base64url');
}

/** Whether a language's translation of `item` is missing, current, or older than the original. */
export function stateOf<K extends TranslationKind>(kind: K, item: TranslatableOf[K], translation: Translation<K> | undefined): TranslationState {
  if (!translation) return 'missing';
  return translation.originalDigest === digestOf(kind, item) ? 'current' : 'older';
}
