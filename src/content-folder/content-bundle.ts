import type { StoryInput } from '../stories/stories.js';
import type { OrganizationProfileInput } from '../organizations/organizations.js';
import type { SectorInput, TopicInput } from '../content/taxonomy.js';
import type { EventInput } from '../events/events.js';
import type { EventSettings } from '../events/registrations.js';
import type { ProgramInput } from '../programs/programs.js';
import type { ReportInput, RespondentRow } from '../reports/reports.js';
import type { IssueInput } from '../issues/issues.js';
import type { Problem } from '../lib/errors.js';
import type { SettingValues } from '../settings/settings.js';
import type { TextOf, TranslationKind, TranslationLanguage } from '../translations/translations.js';

/** Everything a content folder holds, as validated domain inputs. */
export interface ContentBundle {
  topics: TopicInput[];
  sectors: SectorInput[];
  /** Organisation profiles (`innovators/`), written before the stories that name them. */
  innovators: OrganizationProfileInput[];
  stories: StoryInput[];
  events: EventInput[];
  /** Per event slug: registration questions, waitlist and call (every event has one). */
  eventSettings: { slug: string; settings: EventSettings }[];
  programs: ProgramInput[];
  reports: ReportInput[];
  /** Response files `reports/<slug>.responses.csv`, checked against their report's survey (docs/reports.md). */
  responses: { slug: string; rows: readonly RespondentRow[] }[];
  issues: IssueInput[];
  /** Translation files `<slug>.<lang>.md`, checked against their originals once the whole folder is read. */
  translations: TranslationEntry[];
  /** The site settings of settings.md (only those it names); undefined without the file. */
  settings?: Partial<SettingValues> | undefined;
  /** Images of `media/`: `<hash>.<ext>` with its texts in `<hash>.md` (docs/media.md); bodies refer to them as `../media/<hash>.<ext>`. */
  media?: MediaFile[];
}

/** One image of a content folder's `media/`. */
export interface MediaFile {
  readonly hash: string;
  readonly ext: string;
  readonly where: string;
  readonly bytes: Buffer;
  readonly alt: string;
  readonly caption: string;
  readonly credit: string;
}

/** One translation file, read: the texts and canonical body, and where each front matter path is for later problems. */
export interface TranslationEntry<K extends TranslationKind = TranslationKind> {
  readonly kind: K;
  readonly slug: string;
  readonly language: TranslationLanguage;
  readonly text: TextOf[K];
  /** Canonical, members-only line included; '' when the file has no body. */
  readonly body: string;
  readonly where: string;
  lineOf(path: readonly (string | number)[]): number;
}

/** A reference from one file to a slug of some kind, checked once the whole folder is read. */
export interface Reference {
  readonly kind: 'topic' | 'sector' | 'story' | 'event' | 'program' | 'report';
  readonly slug: string;
  readonly where: string;
  readonly line: number;
}

export const FOLDERS = ['topics', 'sectors', 'innovators', 'stories', 'events', 'programs', 'reports', 'issues'] as const;
export type Folder = (typeof FOLDERS)[number];

/** The folders whose files may have translations beside them, and the kind each holds. */
export const TRANSLATED_FOLDERS = { stories: 'story', events: 'event', programs: 'program', reports: 'report', issues: 'issue' } as const satisfies Partial<Record<Folder, TranslationKind>>;
export type TranslatedFolder = keyof typeof TRANSLATED_FOLDERS;

/** The result of reading a folder: inputs, references to check, and every problem found. */
export interface ReadResult {
  readonly bundle: ContentBundle;
  readonly references: readonly Reference[];
  readonly problems: readonly Problem[];
  readonly fileCount: number;
  /** `<folder>/<slug>` of every original file in the folder, read well or not (a translation of a broken original is not also "unknown"). */
  readonly originalFiles: ReadonlySet<string>;
}
