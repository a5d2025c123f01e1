import type { SplitBody } from '../content/body.js';
import type { LeadImage } from '../stories/stories.js';
import type { Story } from '../stories/stories.js';
import type { Event } from '../events/events.js';
import type { Program } from '../programs/programs.js';
import type { Report } from '../reports/reports.js';
import type { QuarterFigures } from '../introductions/introductions.js';
import { SEASONS, type IssueStatus, type Season, type SectionKind } from '../db/tables/issues.js';

// The fixed values of the issue columns are declared once, with the table types.
export { ISSUE_STATUSES, SEASONS, SECTION_KINDS, type IssueStatus, type Season, type SectionKind } from '../db/tables/issues.js';

export const ITEM_TARGETS = ['story', 'event', 'program', 'report'] as const;
export type ItemTarget = (typeof ITEM_TARGETS)[number];

/** An issue's own fields, without its sections. */
export interface Issue {
  readonly id: number;
  readonly slug: string;
  readonly title: string;
  readonly season: Season;
  readonly year: number;
  readonly intro: SplitBody;
  readonly status: IssueStatus;
  readonly publishedAt: string | null;
  readonly updatedAt: string;
}

/** An issue as the desk names it beside something it lists, and when it refuses a delete. */
export type IssueRef = Pick<Issue, 'slug' | 'title'>;

/** "2024 Spring Issue (2024-spring), 2023 Fall Issue (2023-fall)" */
export function describeIssueRefs(issues: readonly IssueRef[]): string {
  return issues.map((issue) => `${issue.title} (${issue.slug})`).join(', ');
}

/** An item as stored: a label and a reference to exactly one thing. */
export interface ItemRef {
  readonly label: string | null;
  readonly target: ItemTarget;
  readonly slug: string;
}

export interface SectionInput {
  readonly kind: SectionKind;
  readonly heading: string;
  readonly items: readonly ItemRef[];
}

/** What creating or updating an issue takes. */
export interface IssueInput {
  readonly slug: string;
  readonly title: string;
  readonly season: Season;
  readonly year: number;
  readonly intro: string;
  readonly status: IssueStatus;
  readonly publishedAt: string | null;
  readonly sections: readonly SectionInput[];
  /** The lead image's served path (media/), null for none; undefined leaves it as it is (the desk has its own form). */
  readonly leadImage?: string | null;
}

/** A section item with the thing it shows, loaded. */
export type LoadedItem =
  | { readonly label: string | null; readonly target: 'story'; readonly story: Story }
  | { readonly label: string | null; readonly target: 'event'; readonly event: Event }
  | { readonly label: string | null; readonly target: 'program'; readonly program: Program }
  | { readonly label: string | null; readonly target: 'report'; readonly report: Report };

export interface LoadedSection {
  readonly kind: SectionKind;
  readonly heading: string;
  readonly items: readonly LoadedItem[];
  /** An `innovation_platform` section's figures of the issue's quarter, read when the issue is loaded. */
  readonly platform?: PlatformFigures;
}

/** An issue with every section and item loaded, ready for a page or an edition. */
export interface LoadedIssue {
  readonly issue: Issue;
  readonly sections: readonly LoadedSection[];
  /** The issue's lead image with its texts (media/), if it has one. */
  readonly leadImage?: LeadImage | null;
}

/** What an "Innovation platform" section shows: the innovator introductions' figures of the issue's quarter (aggregates only, never a person). */
export type PlatformFigures = QuarterFigures;

/** Section kinds that need no items to be publishable: they show something of their own. */
export const SELF_FILLED_SECTION_KINDS: readonly SectionKind[] = ['innovation_platform'];

/** The newsletter's quarter of each season: spring Jan–Mar, summer Apr–Jun, fall Jul–Sep, winter Oct–Dec. */
export const SEASON_QUARTER: Record<Season, 1 | 2 | 3 | 4> = { spring: 1, summer: 2, fall: 3, winter: 4 };

/** The issue's quarter as the introductions' figures name it: the 2026 fall issue's is `2026-Q3`. */
export function issueQuarter(issue: Pick<Issue, 'season' | 'year'>): string {
  return `${issue.year}-Q${SEASON_QUARTER[issue.season]}`;
}

/** The canonical slug of an issue: `2024-spring`. */
export function issueSlug(year: number, season: Season): string {
  return `${year}-${season}`;
}

/** Orders issues newest first: by year, then winter > fall > summer > spring. */
export function compareIssuesNewestFirst(a: Pick<Issue, 'year' | 'season'>, b: Pick<Issue, 'year' | 'season'>): number {
  return b.year - a.year || SEASONS.indexOf(b.season) - SEASONS.indexOf(a.season);
}

/** Is the issue visible to readers at `now`? Scheduled issues appear once their time has come. */
export function isPublic(issue: Pick<Issue, 'status' | 'publishedAt'>, now: Date): boolean {
  if (issue.status === 'published') return true;
  return issue.status === 'scheduled' && issue.publishedAt !== null && issue.publishedAt <= now.toISOString();
}

/** What the issue form sends, as typed: unvalidated text (the desk's boundary). */
export interface IssueDraft {
  readonly title: string;
  readonly intro: string;
  /** In form order; a section row with no kind, no heading and no filled items is ignored. */
  readonly sections: readonly SectionDraft[];
}

export interface SectionDraft {
  readonly kind: string;
  readonly heading: string;
  /** In form order; an item row with neither label nor target is ignored. */
  readonly items: readonly ItemDraft[];
}

export interface ItemDraft {
  readonly label: string;
  /** `story:<slug>`, `event:<slug>`, `program:<slug>`, `report:<slug>`, or '' when none is chosen. */
  readonly target: string;
}

/** `story:<slug>`: how an item's target is written in forms. */
export function itemTargetKey(ref: Pick<ItemRef, 'target' | 'slug'>): string {
  return `${ref.target}:${ref.slug}`;
}

/** The season as a title word: `spring` → `Spring`. */
export function seasonName(season: Season): string {
  return season[0]!.toUpperCase() + season.slice(1);
}
