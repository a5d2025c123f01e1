import type { SplitBody } from '../content/body.js';
import type { Language } from '../db/tables/members.js';
import type { TranslationKind, TranslationLanguage } from '../db/tables/translations.js';

// The fixed values of the translation columns are declared once, with the table types.
export { TRANSLATION_KINDS, TRANSLATION_LANGUAGES, type TranslationKind, type TranslationLanguage } from '../db/tables/translations.js';

// A translation holds the reader-facing text of one item in one language: short texts (titles,
// headings, labels, names of places and segments, findings) and the body. Facts (dates, counts,
// slugs, sources, web addresses, addresses, contacts) live on the original only. Every text is
// optional: what a translation lacks is shown in English, and `overlay` says which it was.

/** A story's translatable short texts. */
export interface StoryText {
  readonly title?: string;
}

/** An event's translatable short texts (its address is a postal fact and stays as written). */
export interface EventText {
  readonly title?: string;
  readonly venue?: string;
  readonly city?: string;
  readonly organiserName?: string;
}

/** A program's translatable short texts. */
export interface ProgramText {
  readonly title?: string;
}

/** A report's translatable short texts: segment names by key, findings by position. */
export interface ReportText {
  readonly title?: string;
  readonly subtitle?: string;
  readonly publisher?: string;
  readonly partner?: string;
  readonly segments?: readonly { readonly key: string; readonly name: string }[];
  readonly findings?: readonly { readonly title?: string; readonly statement?: string }[];
}

/** An issue's translatable short texts: its title, and its sections' headings and item labels by position. */
export interface IssueText {
  readonly title?: string;
  readonly sections?: readonly { readonly heading?: string; readonly items?: readonly { readonly label?: string }[] }[];
}

/** The short texts of each kind. */
export interface TextOf {
  issue: IssueText;
  story: StoryText;
  event: EventText;
  program: ProgramText;
  report: ReportText;
}

/** One translation of one item, as stored. `body` still holds its members-only part. */
export interface Translation<K extends TranslationKind = TranslationKind> {
  readonly kind: K;
  readonly itemId: number;
  readonly language: TranslationLanguage;
  readonly text: TextOf[K];
  /** The translated body; an empty teaser (and no members-only part) when only the short texts are translated. */
  readonly body: SplitBody;
  /** Digest of the original's translatable text when this was written (`digestOf`). */
  readonly originalDigest: string;
  /** The original's `updated_at` when this was written. */
  readonly originalUpdatedAt: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What writing a translation takes: the texts and the whole body as Markdown (members-only line included). */
export interface TranslationInput<K extends TranslationKind = TranslationKind> {
  readonly kind: K;
  readonly language: TranslationLanguage;
  readonly text: TextOf[K];
  /** '' when only the short texts are translated. */
  readonly body: string;
}

// The originals as the overlay sees them: only the texts it replaces. Domain types (Story,
// Event, Program, Report, and an issue with its sections) fit these, so this folder imports no
// other domain and every domain may use it.

export interface TranslatableStory {
  readonly title: string;
  readonly body: SplitBody;
}

export interface TranslatableEvent {
  readonly title: string;
  readonly body: SplitBody;
  readonly venue: string | null;
  readonly city: string | null;
  readonly organiserName: string | null;
}

export interface TranslatableProgram {
  readonly title: string;
  readonly body: SplitBody;
}

export interface TranslatableReport {
  readonly title: string;
  readonly subtitle: string | null;
  readonly body: SplitBody;
  readonly publisher: string | null;
  readonly partner: string | null;
  readonly segments: readonly { readonly key: string; readonly name: string }[];
  readonly findings: readonly { readonly title: string; readonly statement: string }[];
}

/** An issue with its sections (a `LoadedIssue`; a bare issue as `{ issue, sections: [] }`). */
export interface TranslatableIssue {
  readonly issue: { readonly title: string; readonly intro: SplitBody };
  readonly sections: readonly { readonly heading: string; readonly items: readonly { readonly label: string | null }[] }[];
}

/** The original of each kind. */
export interface TranslatableOf {
  issue: TranslatableIssue;
  story: TranslatableStory;
  event: TranslatableEvent;
  program: TranslatableProgram;
  report: TranslatableReport;
}

/** An item as a reader of `language` sees it, and which of its texts are still in English. */
export interface Overlaid<T> {
  readonly value: T;
  readonly language: Language;
  /**
   * Texts shown in English because the translation lacks them, as paths into the original:
   * `title`, `teaser`, `membersOnly`, `venue`, `sections[1].heading`, `sections[1].items[0].label`,
   * `segments[0].name`, `findings[2].statement`. Empty for English; every text when there is no translation.
   */
  readonly english: readonly string[];
  /** Whether there is a translation in `language` at all (always true for English). */
  readonly translated: boolean;
  /** A translation exists but the original's text has changed since it was written. */
  readonly stale: boolean;
}

/** Where a translation stands against its original, for the desk. */
export type TranslationState = 'missing' | 'current' | 'older';
