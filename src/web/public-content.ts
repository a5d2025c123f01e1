import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { getContentVersion } from '../content/content-version.service.js';
import { getAllEvents, getCalendarPage, getEvent, getEventCalendar, type CalendarFilter, type CalendarPage } from '../events/events.service.js';
import type { Event } from '../events/events.js';
import type { Issue, LoadedIssue } from '../issues/issues.js';
import {
  getLatestPublicIssue, getPublicIssue, getPublicStory, listPublicIssues, listPublicStorySlugs, loadIssue, type PublicStory,
} from '../issues/issues.service.js';
import type { Program } from '../programs/programs.js';
import { getAllPrograms, getProgram } from '../programs/programs.service.js';

/** What the public web shell reads, bound to a database and a clock. */
export interface PublicContent {
  latestIssue(): Promise<LoadedIssue | undefined>;
  issue(slug: string): Promise<LoadedIssue>;
  archive(): Promise<Issue[]>;
  /** Every public issue, loaded, newest first (feed). */
  publishedIssues(): Promise<LoadedIssue[]>;
  story(slug: string): Promise<PublicStory>;
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
  return {
    latestIssue: () => getLatestPublicIssue(db, clock.now()),
    issue: (slug) => getPublicIssue(db, slug, clock.now()),
    archive: () => listPublicIssues(db, clock.now()),
    publishedIssues: async () => Promise.all((await listPublicIssues(db, clock.now())).map((issue) => loadIssue(db, issue))),
    story: (slug) => getPublicStory(db, slug, clock.now()),
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
      const latest = issues[0]?.updatedAt ?? null;
      return [
        { path: '/', lastmod: latest },
        { path: '/issues', lastmod: latest },
        ...issues.map((issue) => ({ path: `/issues/${issue.slug}`, lastmod: issue.updatedAt })),
        ...(await listPublicStorySlugs(db, now)).map((story) => ({ path: `/stories/${story.slug}`, lastmod: story.updatedAt })),
        { path: '/events', lastmod: null },
        ...events.map((event) => ({ path: `/events/${event.slug}`, lastmod: event.updatedAt })),
        ...programs.map((program) => ({ path: `/programs/${program.slug}`, lastmod: program.updatedAt })),
        { path: '/contact', lastmod: null },
      ];
    },
    contentVersion: () => getContentVersion(db),
  };
}
