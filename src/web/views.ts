import type { SplitBody } from '../content/body.js';
import type { Source, Story } from '../content/stories.js';
import type { Event } from '../events/events.js';
import { formatDate, formatEventSpan, instantToLocalDate } from '../events/event-time.js';
import type { Issue, LoadedIssue, LoadedItem } from '../issues/issues.js';
import { excerpt, markdownToText, renderMarkdown, safeHref } from '../lib/markdown.js';
import type { Program } from '../programs/programs.js';
import { computeFinding, formatFigures } from '../reports/findings.js';
import type { Report } from '../reports/reports.js';

// View models for pages, built from domain objects. THE ONE INVARIANT lives here: for the
// public audience a body becomes its teaser only; members-only text is never copied into a
// view unless the audience is 'member'. Pages render views and never see a raw body.

/** Who a page is rendered for. Only a signed-in member of an active company is 'member'. */
export type Audience = 'public' | 'member';

/** A rendered body: safe HTML, and whether members-only text was left out. */
export interface BodyView {
  readonly html: string;
  readonly withheld: boolean;
}

/** Renders the part of a body the audience may read. */
export function viewBody(body: SplitBody, audience: Audience): BodyView {
  if (audience === 'member' && body.membersOnly !== null) {
    return { html: renderMarkdown(`${body.teaser}\n\n${body.membersOnly}`), withheld: false };
  }
  return { html: renderMarkdown(body.teaser), withheld: body.membersOnly !== null };
}

/** Plain-text summary of the public teaser, for meta tags and feeds (never members-only). */
export function teaserSummary(body: SplitBody, maxLength = 200): string {
  return excerpt(markdownToText(body.teaser), maxLength);
}

export const STORY_KIND_LABELS: Record<Story['kind'], string | null> = {
  news: null,
  interview: 'Interview',
  statistic: 'Insightful statistics',
  announcement: null,
};

export interface StoryView {
  readonly slug: string;
  readonly title: string;
  readonly kind: Story['kind'];
  readonly kicker: string | null;
  readonly label: string | null;
  readonly body: BodyView;
  readonly sourceLinks: readonly { text: string; url: string | null }[];
  readonly topics: readonly string[];
  readonly sectors: readonly string[];
  readonly organizations: readonly string[];
}

/** "Author, Outlet, Date" for one source, the way the newsletter prints it. */
export function formatSource(source: Source): string {
  return [source.author, source.title, source.outlet, source.publishedOn ? formatDate(source.publishedOn) : null]
    .filter((part): part is string => part !== null && part !== '')
    .join(', ');
}

/** A story as pages show it to `audience`. */
export function viewStory(story: Story, audience: Audience, label: string | null = null): StoryView {
  const sourceLinks = story.sources.map((source) => ({ text: formatSource(source), url: safeHref(source.url) }));
  return {
    slug: story.slug,
    title: story.title,
    kind: story.kind,
    kicker: STORY_KIND_LABELS[story.kind],
    label,
    body: viewBody(story.body, audience),
    sourceLinks,
    topics: story.topics.map((t) => t.name),
    sectors: story.sectors.map((s) => s.name),
    organizations: story.organizations,
  };
}

export interface EventView {
  readonly slug: string;
  readonly title: string;
  readonly when: string;
  /** For `<time datetime>`: the local first day of an all-day event, else the UTC instant. */
  readonly datetime: string;
  /** Venue, address and city (and "online"), as one line. */
  readonly place: string | null;
  readonly own: boolean;
  readonly organiserName: string | null;
  readonly url: string | null;
  readonly body: BodyView;
  readonly label: string | null;
  /** ISO UTC instants and the IANA zone (for calendar links and the reader's-time script). */
  readonly startsAt: string;
  readonly endsAt: string;
  readonly timeZone: string;
  readonly allDay: boolean;
  readonly city: string | null;
  readonly sectors: readonly { readonly slug: string; readonly name: string }[];
  /** Plain text of the public teaser (never members-only), for calendar links. */
  readonly summary: string;
}

/** An event as pages show it to `audience`: its span formatted in the event's own zone. */
export function viewEvent(event: Event, audience: Audience, label: string | null = null): EventView {
  const place = [event.venue, event.address, event.city && !(event.address ?? '').includes(event.city) ? event.city : null]
    .filter((part): part is string => Boolean(part))
    .join(', ');
  return {
    slug: event.slug,
    title: event.title,
    when: formatEventSpan(event),
    datetime: event.allDay ? instantToLocalDate(event.startsAt, event.timeZone) : event.startsAt,
    place: place === '' ? (event.online ? 'Online' : null) : event.online ? `${place} and online` : place,
    own: event.organiser === 'own',
    organiserName: event.organiserName,
    url: safeHref(event.url),
    body: viewBody(event.body, audience),
    label,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timeZone: event.timeZone,
    allDay: event.allDay,
    city: event.city,
    sectors: event.sectors.map((sector) => ({ slug: sector.slug, name: sector.name })),
    summary: teaserSummary(event.body, 500),
  };
}

/** Compact UTC (`20240304T013000Z`) or, for all-day events, local dates (`20240304`). */
function calendarStamp(instant: string, event: Pick<EventView, 'allDay' | 'timeZone'>): string {
  if (event.allDay) return instantToLocalDate(instant, event.timeZone).replace(/-/g, '');
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** An "add to Google Calendar" link with the public facts only (no members-only text, no online link). */
export function googleCalendarUrl(event: EventView, siteUrl: string): string {
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: event.title,
    dates: `${calendarStamp(event.startsAt, event)}/${calendarStamp(event.endsAt, event)}`,
    ctz: event.timeZone,
    details: `${event.summary}\n\n${siteUrl}/events/${event.slug}`.trim(),
    ...(event.place ? { location: event.place } : {}),
  });
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}

export interface ProgramView {
  readonly slug: string;
  readonly title: string;
  readonly roles: readonly string[];
  readonly deadline: string | null;
  readonly cohortStart: string | null;
  readonly durationMonths: number | null;
  readonly contactName: string | null;
  readonly contactEmail: string | null;
  readonly body: BodyView;
  readonly label: string | null;
}

/** A program as pages show it to `audience`. */
export function viewProgram(program: Program, audience: Audience, label: string | null = null): ProgramView {
  return {
    slug: program.slug,
    title: program.title,
    roles: program.roles,
    deadline: program.registrationDeadline ? formatDate(program.registrationDeadline) : null,
    cohortStart: program.cohortStart ? formatMonth(program.cohortStart) : null,
    durationMonths: program.durationMonths,
    contactName: program.contactName,
    contactEmail: program.contactEmail,
    body: viewBody(program.body, audience),
    label,
  };
}

function formatMonth(date: string): string {
  return formatDate(date).replace(/ \d+,/, '');
}

export interface FindingView {
  readonly title: string;
  readonly figures: string;
  readonly statement: string;
  readonly bases: string;
}

export interface ReportView {
  readonly title: string;
  readonly subtitle: string | null;
  readonly publisher: string | null;
  readonly partner: string | null;
  readonly survey: string | null;
  readonly segments: readonly string[];
  readonly findings: readonly FindingView[];
  readonly body: BodyView;
  readonly label: string | null;
}

/** A report as pages show it to `audience`, with every finding computed from its counts. */
export function viewReport(report: Report, audience: Audience, label: string | null = null): ReportView {
  return {
    title: report.title,
    subtitle: report.subtitle,
    publisher: report.publisher,
    partner: report.partner,
    survey:
      report.surveyStart && report.surveyEnd
        ? `${formatDate(report.surveyStart)} – ${formatDate(report.surveyEnd)}`
        : report.surveyStart
          ? `from ${formatDate(report.surveyStart)}`
          : null,
    segments: report.segments.map((s) => `${s.name}: ${s.respondents} respondents`),
    findings: report.findings.map((finding) => {
      const computed = computeFinding(finding, report.segments);
      const bases = [computed.primary, computed.comparison]
        .filter((share) => share !== null)
        .map((share) => `${share.segment.name}, n = ${share.segment.respondents}`)
        .join('; ');
      return { title: finding.title, figures: formatFigures(computed), statement: finding.statement, bases };
    }),
    body: viewBody(report.body, audience),
    label,
  };
}

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
}

/** An issue as archive lists and feeds show it: title, date and a teaser summary. */
export function viewIssueSummary(issue: Issue): IssueSummaryView {
  return {
    slug: issue.slug,
    title: issue.title,
    publishedAt: issue.publishedAt,
    publishedOn: issue.publishedAt ? formatDate(issue.publishedAt.slice(0, 10)) : null,
    summary: teaserSummary(issue.intro, 240),
  };
}

function viewItem(item: LoadedItem, audience: Audience): ItemView {
  switch (item.target) {
    case 'story':
      return { type: 'story', story: viewStory(item.story, audience, item.label) };
    case 'event':
      return { type: 'event', event: viewEvent(item.event, audience, item.label) };
    case 'program':
      return { type: 'program', program: viewProgram(item.program, audience, item.label) };
    case 'report':
      return { type: 'report', report: viewReport(item.report, audience, item.label) };
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

/** A whole issue as the web edition shows it to `audience`. */
export function viewIssue(loaded: LoadedIssue, audience: Audience): IssueView {
  const sections = loaded.sections.map((section, index) => ({
    anchor: `section-${index + 1}`,
    kind: section.kind,
    heading: section.heading,
    items: section.items.map((item) => viewItem(item, audience)),
  }));
  const intro = viewBody(loaded.issue.intro, audience);
  return {
    ...viewIssueSummary(loaded.issue),
    intro,
    sections,
    withheld: intro.withheld || sections.some((section) => section.items.some(itemWithheld)),
  };
}
