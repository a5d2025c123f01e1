import type { StoryInput } from '../stories/stories.js';
import type { SectorInput, TopicInput } from '../content/taxonomy.js';
import type { EventInput } from '../events/events.js';
import type { EventSettings } from '../events/registrations.js';
import type { ProgramInput } from '../programs/programs.js';
import type { ReportInput } from '../reports/reports.js';
import type { IssueInput } from '../issues/issues.js';
import type { Problem } from '../lib/errors.js';

/** Everything a content folder holds, as validated domain inputs. */
export interface ContentBundle {
  topics: TopicInput[];
  sectors: SectorInput[];
  stories: StoryInput[];
  events: EventInput[];
  /** Per event slug: registration questions, waitlist and call (every event has one). */
  eventSettings: { slug: string; settings: EventSettings }[];
  programs: ProgramInput[];
  reports: ReportInput[];
  issues: IssueInput[];
}

/** A reference from one file to a slug of some kind, checked once the whole folder is read. */
export interface Reference {
  readonly kind: 'topic' | 'sector' | 'story' | 'event' | 'program' | 'report';
  readonly slug: string;
  readonly where: string;
  readonly line: number;
}

export const FOLDERS = ['topics', 'sectors', 'stories', 'events', 'programs', 'reports', 'issues'] as const;
export type Folder = (typeof FOLDERS)[number];

/** The result of reading a folder: inputs, references to check, and every problem found. */
export interface ReadResult {
  readonly bundle: ContentBundle;
  readonly references: readonly Reference[];
  readonly problems: readonly Problem[];
  readonly fileCount: number;
}
