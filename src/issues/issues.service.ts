import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { Actor } from '../activity/activity.js';
import { recordActivity } from '../activity/activity.service.js';
import { bumpContentVersion } from '../content/content-version.service.js';
import { checkLeadImage } from '../media/media.service.js';
import { getStoriesByIds, getStoryBySlug } from '../stories/stories.service.js';
import { findTopicIds, getSectors, getTopics, resolveSectorIds, type Sector, type Topic } from '../content/taxonomy.service.js';
import type { Story } from '../stories/stories.js';
import { getEventsByIds } from '../events/events.service.js';
import { NotFound } from '../lib/errors.js';
import { getOrganization } from '../organizations/organizations.service.js';
import { inDirectory, type OrganizationListItem } from '../organizations/organizations.js';
import { getProgramsByIds } from '../programs/programs.service.js';
import { getReportsByIds } from '../reports/reports.service.js';
import { introductionFigures } from '../introductions/introductions.service.js';
import { figureCount } from '../introductions/introductions.js';
import { compareIssuesNewestFirst, isPublic, issueQuarter, type Issue, type ItemTarget, type LoadedIssue, type LoadedItem, type PlatformFigures } from './issues.js';
import { countPublicIssues, countPublicOrganizations, countPublicStoriesOfTerm, findPublicOrganizationsPage, findIssueBySlug, findPublicStoryIdsOfTerm, findIssuesListing, findPublicIssuesPage, findSections, findStoriesInIssues, listIssues, findIssueLeadImage, setIssueLeadImage, type ItemRow } from './issues.queries.js';

/** Issues readers can see at `now`, newest first. */
export async function listPublicIssues(db: Executor, now: Date): Promise<Issue[]> {
  const issues = await listIssues(db);
  return issues.filter((issue) => isPublic(issue, now)).sort(compareIssuesNewestFirst);
}

/** One page of a list: its items, its number (from 1) and how many pages there are (at least 1). */
export interface ListPage<T> {
  readonly items: T[];
  readonly page: number;
  readonly pages: number;
}

/**
 * Page `page` (from 1) of the issues readers can see at `now`, `perPage` to a page, newest
 * first: one count and one LIMIT/OFFSET read, so a page costs the same however long the archive.
 * A page past the last is empty (callers answer 404).
 */
export async function listPublicIssuesPage(db: Executor, now: Date, page: number, perPage: number): Promise<ListPage<Issue>> {
  const [total, items] = await Promise.all([countPublicIssues(db, now), findPublicIssuesPage(db, now, perPage, (page - 1) * perPage)]);
  return { items, page, pages: Math.max(1, Math.ceil(total / perPage)) };
}

/** Every issue, newest first (export, admin). */
export async function listAllIssues(db: Executor): Promise<Issue[]> {
  return (await listIssues(db)).sort(compareIssuesNewestFirst);
}

/** A public issue with all its sections loaded; NotFound for drafts and unknown slugs. */
export async function getPublicIssue(db: Executor, slug: string, now: Date): Promise<LoadedIssue> {
  const issue = await findIssueBySlug(db, slug);
  if (!issue || !isPublic(issue, now)) throw new NotFound(`no issue "${slug}"`);
  return loadIssue(db, issue);
}

/** The newest public issue, loaded, or undefined when nothing is published yet. */
export async function getLatestPublicIssue(db: Executor, now: Date): Promise<LoadedIssue | undefined> {
  const [latest] = await listPublicIssues(db, now);
  return latest ? loadIssue(db, latest) : undefined;
}

/** Loads an issue's sections with every story, event, program and report they show. */
export async function loadIssue(db: Executor, issue: Issue): Promise<LoadedIssue> {
  const sections = await findSections(db, issue.id);
  const idsOf = (target: ItemRow['target']) =>
    sections.flatMap((s) => s.items.filter((item) => item.target === target).map((item) => item.targetId));
  const [stories, events, programs, reports] = await Promise.all([
    getStoriesByIds(db, idsOf('story')),
    getEventsByIds(db, idsOf('event')),
    getProgramsByIds(db, idsOf('program')),
    getReportsByIds(db, idsOf('report')),
  ]);
  const load = (item: ItemRow): LoadedItem => {
    const missing = () => new Error(`issue ${issue.slug}: ${item.target} ${item.targetId} vanished`);
    switch (item.target) {
      case 'story': {
        const story = stories.get(item.targetId);
        if (!story) throw missing();
        return { label: item.label, target: 'story', story };
      }
      case 'event': {
        const event = events.get(item.targetId);
        if (!event) throw missing();
        return { label: item.label, target: 'event', event };
      }
      case 'program': {
        const program = programs.get(item.targetId);
        if (!program) throw missing();
        return { label: item.label, target: 'program', program };
      }
      case 'report': {
        const report = reports.get(item.targetId);
        if (!report) throw missing();
        return { label: item.label, target: 'report', report };
      }
    }
  };
  const platform = sections.some((section) => section.kind === 'innovation_platform') ? await platformFigures(db, issue) : undefined;
  return {
    issue,
    sections: sections.map((section) => ({
      kind: section.kind,
      heading: section.heading,
      items: section.items.map(load),
      ...(section.kind === 'innovation_platform' && platform ? { platform } : {}),
    })),
    leadImage: await findIssueLeadImage(db, issue.id),
  };
}

/** The introductions' figures of the issue's quarter; a quarter without requests has every count "fewer than 3" and no sectors. */
async function platformFigures(db: Executor, issue: Issue): Promise<PlatformFigures> {
  const quarter = issueQuarter(issue);
  const found = (await introductionFigures(db)).find((figures) => figures.quarter === quarter);
  return found ?? { quarter, requested: figureCount(0), made: figureCount(0), declined: figureCount(0), sectors: [] };
}

/**
 * The issues (any status) that list each of the given stories, events, programs or reports, by
 * id: each issue once, newest first; things no issue lists are absent.
 */
export function getIssuesListing(db: Executor, target: ItemTarget, ids: readonly number[]): Promise<Map<number, Issue[]>> {
  return findIssuesListing(db, target, ids);
}

/** A story readers may see: it appears in at least one public issue. */
export interface PublicStory {
  readonly story: Story;
  /** Public issues it appears in, newest first. */
  readonly issues: readonly Issue[];
}

/** A story that appears in a public issue; NotFound otherwise (drafts stay invisible). */
export async function getPublicStory(db: Executor, slug: string, now: Date): Promise<PublicStory> {
  const story = await getStoryBySlug(db, slug);
  if (!story) throw new NotFound(`no story "${slug}"`);
  const issues = ((await findIssuesListing(db, 'story', [story.id])).get(story.id) ?? []).filter((issue) => isPublic(issue, now));
  if (issues.length === 0) throw new NotFound(`no story "${slug}"`);
  return { story, issues };
}

/** Slugs of every story that appears in a public issue (sitemap). */
export async function listPublicStorySlugs(db: Executor, now: Date): Promise<{ slug: string; updatedAt: string }[]> {
  const issues = await listPublicIssues(db, now);
  return findStoriesInIssues(db, issues.map((issue) => issue.id));
}

/**
 * Page `page` of the organisations public stories mention, by slug, `perPage` to a page, each
 * with its count of public stories; one count and one LIMIT/OFFSET read.
 */
export async function listPublicOrganizationsPage(db: Executor, now: Date, page: number, perPage: number): Promise<ListPage<OrganizationListItem>> {
  const [total, rows] = await Promise.all([countPublicOrganizations(db, now), findPublicOrganizationsPage(db, now, perPage, (page - 1) * perPage)]);
  const items = rows.map(({ country, profiled, ...row }) => ({ ...row, inDirectory: profiled && inDirectory(country) }));
  return { items, page, pages: Math.max(1, Math.ceil(total / perPage)) };
}

/** What a browse page lists the stories of: a topic, a sector or an organisation. */
export type BrowseKind = 'topic' | 'sector' | 'organization';

/** A browse page's subject (an organisation's description is empty until the directory gives it one) and one page of its public stories. */
export interface TermStories {
  readonly term: Topic | Sector;
  readonly stories: ListPage<Story>;
}

/**
 * Page `page` of the public stories tagged with the topic or sector `slug`, or mentioning the
 * organisation `slug`, newest first (by the latest public issue each appeared in), `perPage` to
 * a page; NotFound for an unknown slug, and for an organisation without a profile that no
 * public story mentions (its name comes from stories only, so a draft's organisation stays
 * unknown until the draft is published). One count and one LIMIT/OFFSET read, then only that page's stories are loaded.
 */
export async function listPublicStoriesOfTerm(db: Executor, now: Date, kind: BrowseKind, slug: string, page: number, perPage: number): Promise<TermStories> {
  const { term, id, profiled } = await browseSubject(db, kind, slug);
  const filter = { kind, id };
  const [total, ids] = await Promise.all([countPublicStoriesOfTerm(db, now, filter), findPublicStoryIdsOfTerm(db, now, filter, perPage, (page - 1) * perPage)]);
  if (kind === 'organization' && total === 0 && !profiled) throw new NotFound(`no public story mentions the organization "${slug}"`);
  const stories = await getStoriesByIds(db, ids);
  return { term, stories: { items: ids.flatMap((storyId) => stories.get(storyId) ?? []), page, pages: Math.max(1, Math.ceil(total / perPage)) } };
}

async function browseSubject(db: Executor, kind: BrowseKind, slug: string): Promise<{ term: Topic | Sector; id: number; profiled: boolean }> {
  if (kind === 'organization') {
    const organization = await getOrganization(db, slug);
    if (!organization) throw new NotFound(`no organization "${slug}"`);
    return { term: { slug: organization.slug, name: organization.name, description: '' }, id: organization.id, profiled: organization.profiled };
  }
  // Topics and sectors are a short, curated list: read whole.
  const terms: readonly (Topic | Sector)[] = kind === 'topic' ? await getTopics(db) : await getSectors(db);
  const term = terms.find((candidate) => candidate.slug === slug);
  if (!term) throw new NotFound(`no ${kind} "${slug}"`);
  return { term, id: await termId(db, kind, slug), profiled: false };
}

async function termId(db: Executor, kind: 'topic' | 'sector', slug: string): Promise<number> {
  const ids = kind === 'topic' ? await findTopicIds(db, [slug]) : await resolveSectorIds(db, [slug]);
  const id = ids.get(slug);
  if (id === undefined) throw new NotFound(`no ${kind} "${slug}"`);
  return id;
}

/**
 * Sets or clears an issue's lead image (a media path of an uploaded image, or '' for none),
 * logged; `Invalid` on the `lead_image` field for anything else.
 */
export async function changeIssueLeadImage(db: Database, clock: Clock, actor: Actor, slug: string, value: string): Promise<void> {
  const issue = await findIssueBySlug(db, slug);
  if (!issue) throw new NotFound(`There is no issue "${slug}".`);
  const path = await checkLeadImage(db, value, 'lead_image');
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await setIssueLeadImage(trx, issue.id, path, now);
    await bumpContentVersion(trx, now);
    await recordActivity(trx, clock, actor, 'issue.lead_image', { type: 'issue', id: issue.id, label: issue.slug }, path ?? 'none');
  });
}

/** An issue's lead image with its texts, by slug (the desk's form shows its current value). */
export async function getLoadedIssueLeadImage(db: Executor, slug: string) {
  const issue = await findIssueBySlug(db, slug);
  return issue ? findIssueLeadImage(db, issue.id) : null;
}
