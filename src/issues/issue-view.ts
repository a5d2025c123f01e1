import { teaserSummary, viewBody, type Audience, type BodyView } from '../content/audience.js';
import { leadImageView, type LeadImageView } from '../lib/media-urls.js';
import { viewEvent, type EventView } from '../events/event-view.js';
import { formatDate } from '../i18n/format.js';
import type { Language } from '../i18n/languages.js';
import { viewProgram, type ProgramView } from '../programs/program-view.js';
import { viewReport, type ReportView } from '../reports/report-view.js';
import { viewStory, type StoryView } from '../stories/story-view.js';
import type { Issue, LoadedIssue, LoadedItem } from './issues.js';
import { viewPlatform, type PlatformView } from './innovation-platform.js';

// An issue as an audience may see it: the web edition, both email editions and the desk's
// previews are built from `viewIssue(issue, audience, language)`.

export type ItemView =
  | { readonly type: 'story'; readonly story: StoryView }
  | { readonly type: 'event'; readonly event: EventView }
  | { readonly type: 'program'; readonly program: ProgramView }
  | { readonly type: 'report'; readonly report: ReportView };

export interface SectionView {
  readonly anchor: string;
  readonly kind: LoadedIssue['sections'][number]['kind'];
  readonly heading: string;
  readonly items: readonly ItemView[];
  /** An "Innovation platform" section's figures and links (innovation-platform.ts); null for every other kind. */
  readonly platform: PlatformView | null;
}

export interface IssueSummaryView {
  readonly slug: string;
  readonly title: string;
  readonly publishedOn: string | null;
  readonly publishedAt: string | null;
  readonly summary: string;
}

export interface IssueView extends IssueSummaryView {
  readonly intro: BodyView;
  readonly sections: readonly SectionView[];
  /** True when anything in the issue has members-only text this audience does not see. */
  readonly withheld: boolean;
  /** The issue's lead image (public, like its title). */
  readonly leadImage: LeadImageView | null;
}

/** An issue as archive lists and feeds show it: title, date (in `language`) and a teaser summary. */
export function viewIssueSummary(issue: Issue, language: Language): IssueSummaryView {
  return {
    slug: issue.slug,
    title: issue.title,
    publishedAt: issue.publishedAt,
    publishedOn: issue.publishedAt ? formatDate(language, issue.publishedAt.slice(0, 10)) : null,
    summary: teaserSummary(issue.intro, 240),
  };
}

function viewItem(item: LoadedItem, audience: Audience, language: Language): ItemView {
  switch (item.target) {
    case 'story':
      return { type: 'story', story: viewStory(item.story, audience, language, item.label) };
    case 'event':
      return { type: 'event', event: viewEvent(item.event, audience, language, item.label) };
    case 'program':
      return { type: 'program', program: viewProgram(item.program, audience, language, item.label) };
    case 'report':
      return { type: 'report', report: viewReport(item.report, audience, language, item.label) };
  }
}

function itemWithheld(item: ItemView): boolean {
  switch (item.type) {
    case 'story':
      return item.story.body.withheld;
    case 'event':
      return item.event.body.withheld;
    case 'program':
      return item.program.body.withheld;
    case 'report':
      return item.report.body.withheld;
  }
}

/** A whole issue as the web edition shows it to `audience`, its dates and labels in `language`. */
export function viewIssue(loaded: LoadedIssue, audience: Audience, language: Language): IssueView {
  const sections = loaded.sections.map((section, index) => ({
    anchor: `section-${index + 1}`,
    kind: section.kind,
    heading: section.heading,
    items: section.items.map((item) => viewItem(item, audience, language)),
    platform: section.platform ? viewPlatform(section.platform, language) : null,
  }));
  const intro = viewBody(loaded.issue.intro, audience);
  return {
    ...viewIssueSummary(loaded.issue, language),
    intro,
    sections,
    leadImage: leadImageView(loaded.leadImage ?? null),
    withheld: intro.withheld || sections.some((section) => section.items.some(itemWithheld)),
  };
}
