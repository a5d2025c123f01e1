import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { getContentVersion } from '../content/content-version.service.js';
import { getAllEvents, getCalendarPage, getEvent, getEventCalendar, type CalendarFilter, type CalendarPage } from '../events/events.service.js';
import type { Event } from '../events/events.js';
import type { Issue, LoadedIssue } from '../issues/issues.js';
import {
  getLatestPublicIssue, getPublicIssue, getPublicStory, listPublicIssues, listPublicIssuesPage, listPublicOrganizationsPage, listPublicStoriesOfTerm, listPublicStorySlugs, loadIssue, type BrowseKind, type ListPage, type PublicStory,
} from '../issues/issues.service.js';
import type { Language } from '../i18n/languages.js';
import { translateIssue } from '../issues/issue-translation.service.js';
import type { Program } from '../programs/programs.js';
import type { Sector, Topic } from '../content/taxonomy.js';
import type { Story } from '../stories/stories.js';
import type { DirectoryEntry, DirectoryFacets, DirectoryFilter, OrganizationListItem, OrganizationProfile } from '../organizations/organizations.js';
import { findDirectoryFacets, findDirectoryPage, getOrganizationProfile, isInDirectory, listDirectorySlugs } from '../organizations/organizations.service.js';
import { getSectors, getTopics } from '../content/taxonomy.service.js';
import { getAllPrograms, getProgram } from '../programs/programs.service.js';
import { overlay } from '../translations/overlay.js';
import { translateAll, translationsFor } from '../translations/translations.service.js';

/** Content in a reader's language, with what is still shown in English. */
export interface InLanguage<T> {
  readonly value: T;
  /** Whether the item's own texts are translated (always true in English). */
  readonly translated: boolean;
}

const english = <T>(value: T): InLanguage<T> => ({ value, translated: true });

/** What the public web shell reads, bound to a database and a clock. */
export interface PublicContent {
  latestIssue(): Promise<LoadedIssue | undefined>;
  issue(slug: string): Promise<LoadedIssue>;
  /** The latest issue, and one issue, in a language: their texts and every item's overlaid with translations. */
  latestIssueIn(language: Language): Promise<InLanguage<LoadedIssue> | undefined>;
  issueIn(slug: string, language: Language): Promise<InLanguage<LoadedIssue>>;
  storyIn(slug: string, language: Language): Promise<InLanguage<PublicStory>>;
  /** An event already loaded (the event page's), in a language: no second read of the event. */
  eventInLanguage(event: Event, language: Language): Promise<InLanguage<Event>>;
  programIn(slug: string, language: Language): Promise<InLanguage<Program>>;
  archive(): Promise<Issue[]>;
  /** The archive in a language: each issue's title and intro translated where it has a translation, in one query. */
  archiveIn(language: Language): Promise<InLanguage<Issue>[]>;
  /** One page of the archive in a language (`/issues?page=N`): one count and one LIMIT/OFFSET read, translated in one query. */
  archivePageIn(language: Language, page: number, perPage: number): Promise<ListPage<InLanguage<Issue>>>;
  /** Every public issue, loaded, newest first (feed). */
  publishedIssues(): Promise<LoadedIssue[]>;
  /** One page of the public issues, loaded and in a language, newest first (the paged feeds). */
  issueFeedPage(language: Language, page: number, perPage: number): Promise<ListPage<InLanguage<LoadedIssue>>>;
  story(slug: string): Promise<PublicStory>;
  /** A topic's, sector's or organisation's page (`/topics/<slug>`, `/sectors/<slug>`, `/organizations/<slug>`, their feeds): the subject and one page of its public stories in a language. */
  termStoriesIn(kind: BrowseKind, slug: string, language: Language, page: number, perPage: number): Promise<{ term: Topic | Sector; stories: ListPage<InLanguage<Story>> }>;
  /** The topics' and sectors' names by slug (the search page's facets show names). */
  termNames(): Promise<{ topic: ReadonlyMap<string, string>; sector: ReadonlyMap<string, string> }>;
  /** One page of the organisations public stories mention (`/organizations`), by slug. */
  organizationsPage(page: number, perPage: number): Promise<ListPage<OrganizationListItem>>;
  /** An organisation's profile (undefined when it has none). */
  organizationProfile(slug: string): Promise<OrganizationProfile | undefined>;
  /** Whether the organisation is in the innovators directory. */
  inDirectory(slug: string): Promise<boolean>;
  /** One page of the innovators directory, filtered, by slug. */
  directoryPage(filter: DirectoryFilter, page: number, perPage: number): Promise<{ total: number; items: DirectoryEntry[]; pages: number }>;
  /** What the directory can be filtered by. */
  directoryFacets(): Promise<DirectoryFacets>;
  calendar(): Promise<{ upcoming: Event[]; past: Event[] }>;
  /** The filtered, paged calendar of `/events`. */
  calendarPage(filter: CalendarFilter, page: number): Promise<CalendarPage>;
  /** Every event, oldest first (the subscribable `/events.ics`). */
  allEvents(): Promise<Event[]>;
  event(slug: string): Promise<Event>;
  program(slug: string): Promise<Program>;
  /** Every public path with its last change, for the sitemap. */
  sitemap(): Promise<{ path: string; lastmod: string | null }[]>;
  contentVersion(): Promise<string>;
}

export function createPublicContent(db: Database, clock: Clock): PublicContent {
  const issueIn = async (loaded: LoadedIssue, language: Language): Promise<InLanguage<LoadedIssue>> => {
    if (language === 'en') return english(loaded);
    const translated = await translateIssue(db, loaded, language);
    return { value: translated.loaded, translated: translated.issue.translated };
  };
  const one = async <K extends 'story' | 'event' | 'program', T extends { id: number }>(kind: K, item: T, language: Language): Promise<InLanguage<T>> => {
    if (language === 'en') return english(item);
    const [seen] = await translateAll(db, kind, [item as never], language);
    return { value: seen!.value as unknown as T, translated: seen!.translated };
  };
  // Issues as a list shows them (the archive, a story's issues): title and intro translated, in one query.
  const issuesIn = async (issues: readonly Issue[], language: Language): Promise<InLanguage<Issue>[]> => {
    if (language === 'en') return issues.map(english);
    const translations = await translationsFor(db, 'issue', issues.map((issue) => issue.id), language);
    return issues.map((issue) => {
      // A list shows only the title and the intro's summary: the sections need not be loaded.
      const seen = overlay('issue', { issue, sections: [] }, language, translations.get(issue.id));
      return { value: seen.value.issue, translated: seen.translated };
    });
  };
  return {
    latestIssueIn: async (language) => {
      const latest = await getLatestPublicIssue(db, clock.now());
      return latest ? issueIn(latest, language) : undefined;
    },
    issueIn: async (slug, language) => issueIn(await getPublicIssue(db, slug, clock.now()), language),
    storyIn: async (slug, language) => {
      const found = await getPublicStory(db, slug, clock.now());
      const [story, issues] = await Promise.all([one('story', found.story, language), issuesIn(found.issues, language)]);
      return { value: { story: story.value, issues: issues.map((issue) => issue.value) }, translated: story.translated };
    },
    eventInLanguage: (event, language) => one('event', event, language),
    programIn: async (slug, language) => one('program', await getProgram(db, slug), language),
    latestIssue: () => getLatestPublicIssue(db, clock.now()),
    issue: (slug) => getPublicIssue(db, slug, clock.now()),
    archive: () => listPublicIssues(db, clock.now()),
    archiveIn: async (language) => issuesIn(await listPublicIssues(db, clock.now()), language),
    archivePageIn: async (language, page, perPage) => {
      const listed = await listPublicIssuesPage(db, clock.now(), page, perPage);
      return { ...listed, items: await issuesIn(listed.items, language) };
    },
    publishedIssues: async () => Promise.all((await listPublicIssues(db, clock.now())).map((issue) => loadIssue(db, issue))),
    issueFeedPage: async (language, page, perPage) => {
      const listed = await listPublicIssuesPage(db, clock.now(), page, perPage);
      const items = await Promise.all(listed.items.map(async (issue) => issueIn(await loadIssue(db, issue), language)));
      return { ...listed, items };
    },
    story: (slug) => getPublicStory(db, slug, clock.now()),
    termStoriesIn: async (kind, slug, language, page, perPage) => {
      const { term, stories } = await listPublicStoriesOfTerm(db, clock.now(), kind, slug, page, perPage);
      const items = language === 'en' ? stories.items.map(english) : (await translateAll(db, 'story', stories.items, language)).map((seen) => ({ value: seen.value, translated: seen.translated }));
      return { term, stories: { ...stories, items } };
    },
    termNames: async () => ({
      topic: new Map((await getTopics(db)).map((topic) => [topic.slug, topic.name])),
      sector: new Map((await getSectors(db)).map((sector) => [sector.slug, sector.name])),
    }),
    organizationsPage: (page, perPage) => listPublicOrganizationsPage(db, clock.now(), page, perPage),
    organizationProfile: (slug) => getOrganizationProfile(db, slug),
    inDirectory: (slug) => isInDirectory(db, slug),
    directoryPage: async (filter, page, perPage) => {
      const { total, items } = await findDirectoryPage(db, filter, perPage, (page - 1) * perPage);
      return { total, items, pages: Math.max(1, Math.ceil(total / perPage)) };
    },
    directoryFacets: () => findDirectoryFacets(db),
    calendar: () => getEventCalendar(db, clock.now()),
    calendarPage: (filter, page) => getCalendarPage(db, clock.now(), filter, page),
    allEvents: () => getAllEvents(db),
    event: (slug) => getEvent(db, slug),
    program: (slug) => getProgram(db, slug),
    sitemap: async () => {
      const now = clock.now();
      const issues = await listPublicIssues(db, now);
      const events = await getAllEvents(db);
      const programs = await getAllPrograms(db);
      // A sitemap holds at most 50,000 addresses: far more organisations than an archive names.
      const organizations = await listPublicOrganizationsPage(db, now, 1, 50_000);
      const latest = issues[0]?.updatedAt ?? null;
      return [
        { path: '/', lastmod: latest },
        { path: '/issues', lastmod: latest },
        ...issues.map((issue) => ({ path: `/issues/${issue.slug}`, lastmod: issue.updatedAt })),
        ...(await listPublicStorySlugs(db, now)).map((story) => ({ path: `/stories/${story.slug}`, lastmod: story.updatedAt })),
        ...(await getTopics(db)).map((topic) => ({ path: `/topics/${topic.slug}`, lastmod: null })),
        ...(await getSectors(db)).map((sector) => ({ path: `/sectors/${sector.slug}`, lastmod: null })),
        { path: '/innovators', lastmod: null },
        ...(await listDirectorySlugs(db)).map((innovator) => ({ path: `/innovators/${innovator.slug}`, lastmod: innovator.updatedAt })),
        { path: '/organizations', lastmod: null },
        ...organizations.items.filter((organization) => !organization.inDirectory).map((organization) => ({ path: `/organizations/${organization.slug}`, lastmod: null })),
        { path: '/events', lastmod: null },
        ...events.map((event) => ({ path: `/events/${event.slug}`, lastmod: event.updatedAt })),
        ...programs.map((program) => ({ path: `/programs/${program.slug}`, lastmod: program.updatedAt })),
        { path: '/contact', lastmod: null },
      ];
    },
    contentVersion: () => getContentVersion(db),
  };
}
