import { IANAZone } from 'luxon';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { joinBody, splitBody } from '../content/body.js';
import { bumpContentVersion } from '../content/content-version.service.js';
import { listedItems, reindexItem } from '../search/search.service.js';
import { markerLineProblems, normaliseLines } from '../content/draft-fields.js';
import { SLUG } from '../lib/slug.js';
import { issueSchema, sectionSchema } from './issue.schema.js';
import { getStoryChoices } from './story-editing.service.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import type { Database, Executor } from '../db/database.js';
import { getAllEvents } from '../events/events.service.js';
import { localTimeExists, localToInstant } from '../lib/local-time.js';
import type { Clock } from '../lib/clock.js';
import { compareText } from '../lib/compare.js';
import { Conflict, Invalid, NotFound, type Problem } from '../lib/errors.js';
import { getAllPrograms } from '../programs/programs.service.js';
import { getAllReports } from '../reports/reports.service.js';
import {
  compareIssuesNewestFirst, isPublic, ITEM_TARGETS, SELF_FILLED_SECTION_KINDS, issueSlug, SEASONS, SECTION_KINDS, seasonName,
  type Issue, type IssueDraft, type ItemRef, type ItemTarget, type LoadedIssue, type Season, type SectionInput, type SectionKind,
} from './issues.js';
import {
  countIssueContents, deleteIssueById, findIssueBySlug, findItemTargetIds, findSectionRefs, insertIssue, listIssues, replaceSections,
  updateIssueContent, updateIssueStatus, type IssueCounts,
} from './issues.queries.js';
import { loadIssue } from './issues.service.js';
import { assertMayChangeIssue, type ChangeRights } from './publicity.service.js';

// The desk's issue composition and publishing. Every change is one transaction that also bumps
// the content version (public page caches drop) and records who did it. Problems name the form
// field they belong to (`title`, `intro`, `sections.0.heading`, `sections.1.items.2.target`).

export const ISSUE_LIMITS = { title: 300, intro: 100_000, heading: 300, label: 120, sections: 40, items: 60 } as const;

/** The time zones the schedule form offers (the chamber works in China and Germany). */
export const SCHEDULE_ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'UTC'] as const;

export type { IssueCounts } from './issues.queries.js';

const NO_COUNTS: IssueCounts = { sections: 0, items: { story: 0, event: 0, program: 0, report: 0 } };

/** An issue with its composition, as the editor edits it. */
export interface EditableIssue {
  readonly issue: Issue;
  readonly sections: readonly SectionInput[];
  readonly counts: IssueCounts;
}

/** What an item can point at, per kind, by title. */
export type ItemChoices = Readonly<Record<ItemTarget, readonly { slug: string; title: string }[]>>;

function invalid(what: string, problems: readonly Problem[]): Invalid {
  return new Invalid(`${what}: ${problems.length} problem${problems.length === 1 ? '' : 's'} to fix.`, problems);
}

async function mustFind(db: Executor, slug: string): Promise<Issue> {
  const issue = await findIssueBySlug(db, slug);
  if (!issue) throw new NotFound(`There is no issue "${slug}".`);
  return issue;
}

/** The season after the newest issue (or spring of this year), with the usual title. */
export async function suggestNextIssue(db: Executor, clock: Clock): Promise<{ season: Season; year: number; title: string }> {
  const [newest] = (await listIssues(db)).sort(compareIssuesNewestFirst);
  let season: Season = 'spring';
  let year = clock.now().getUTCFullYear();
  if (newest) {
    const next = SEASONS.indexOf(newest.season) + 1;
    season = SEASONS[next % SEASONS.length]!;
    year = newest.year + (next >= SEASONS.length ? 1 : 0);
  }
  return { season, year, title: `${year} ${seasonName(season)} Issue` };
}

/** Creates a draft issue for a season and year; its slug is `<year>-<season>`, as in the content folder. */
export async function createIssue(
  db: Database,
  clock: Clock,
  actor: Actor,
  form: { season: string; year: string; title: string },
): Promise<{ slug: string }> {
  const problems: Problem[] = [];
  const season = (SEASONS as readonly string[]).includes(form.season) ? (form.season as Season) : undefined;
  if (!season) problems.push({ where: 'season', message: `choose one of ${SEASONS.join(', ')}` });
  const year = issueSchema.shape.year.safeParse(/^\d{4}$/.test(form.year.trim()) ? Number(form.year.trim()) : NaN);
  if (!year.success) problems.push({ where: 'year', message: 'must be a year such as 2025' });
  const titleText = form.title.trim() === '' && season && year.success ? `${year.data} ${seasonName(season)} Issue` : form.title;
  const title = issueSchema.shape.title.safeParse(titleText);
  if (!title.success) problems.push({ where: 'title', message: title.error.issues[0]?.message ?? 'is not valid' });
  else if (title.data.length > ISSUE_LIMITS.title) problems.push({ where: 'title', message: `must be at most ${ISSUE_LIMITS.title} characters` });
  if (problems.length > 0 || !season || !year.success || !title.success) throw invalid('The issue was not created', problems);

  const slug = issueSlug(year.data, season);
  const taken = () => invalid('The issue was not created', [{ where: 'season', message: `there is already an issue for ${season} ${year.data} (/admin/issues/${slug}/edit)` }]);
  const now = clock.now().toISOString();
  try {
    await db.transaction().execute(async (trx) => {
      if (await findIssueBySlug(trx, slug)) throw taken();
      const id = await insertIssue(trx, { slug, title: title.data, season, year: year.data, intro: '' }, now);
      await bumpContentVersion(trx, now);
      await reindexItem(trx, 'issue', id, clock.now());
      await recordActivity(trx, clock, actor, 'issue.create', { type: 'issue', id, label: slug }, title.data);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
  return { slug };
}

/** An issue with its sections for the editor; `NotFound` when there is none. */
export async function getEditableIssue(db: Executor, slug: string): Promise<EditableIssue> {
  const issue = await mustFind(db, slug);
  const [sections, counts] = await Promise.all([findSectionRefs(db, issue.id), countIssueContents(db, [issue.id])]);
  return { issue, sections, counts: counts.get(issue.id) ?? NO_COUNTS };
}

/** Every issue with its counts, newest first (the desk's list). */
export async function listDeskIssues(db: Executor): Promise<{ issue: Issue; counts: IssueCounts }[]> {
  const issues = (await listIssues(db)).sort(compareIssuesNewestFirst);
  const counts = await countIssueContents(db, issues.map((issue) => issue.id));
  return issues.map((issue) => ({ issue, counts: counts.get(issue.id) ?? NO_COUNTS }));
}

/** Everything an item can point at: stories, events, programs and reports, each by title. */
export async function getItemChoices(db: Executor): Promise<ItemChoices> {
  const byTitle = (a: { title: string; slug: string }, b: { title: string; slug: string }) =>
    compareText(a.title.toLowerCase(), b.title.toLowerCase()) || compareText(a.slug, b.slug);
  const pick = (list: readonly { slug: string; title: string }[]) => list.map(({ slug, title }) => ({ slug, title })).sort(byTitle);
  const [stories, events, programs, reports] = await Promise.all([getStoryChoices(db), getAllEvents(db), getAllPrograms(db), getAllReports(db)]);
  return { story: pick(stories), event: pick(events), program: pick(programs), report: pick(reports) };
}

/** Parses `story:<slug>`; undefined for anything else. */
function parseTarget(value: string): Pick<ItemRef, 'target' | 'slug'> | undefined {
  const at = value.indexOf(':');
  const target = value.slice(0, at);
  const slug = value.slice(at + 1);
  if (at < 0 || !(ITEM_TARGETS as readonly string[]).includes(target) || !SLUG.test(slug)) return undefined;
  return { target: target as ItemTarget, slug };
}

/**
 * Checks an issue draft without the database. Blank rows are dropped; every other problem is
 * reported at its form field. Returns the canonical title, intro and sections when there are none.
 */
export function checkIssueDraft(draft: IssueDraft): {
  content: { title: string; intro: string; sections: SectionInput[]; formIndexes: number[] } | undefined;
  problems: Problem[];
} {
  const problems: Problem[] = [];
  const title = issueSchema.shape.title.safeParse(draft.title);
  if (!title.success) problems.push({ where: 'title', message: title.error.issues[0]?.message ?? 'is not valid' });
  else if (title.data.length > ISSUE_LIMITS.title) problems.push({ where: 'title', message: `must be at most ${ISSUE_LIMITS.title} characters` });

  const intro = normaliseLines(draft.intro);
  if (intro.length > ISSUE_LIMITS.intro) problems.push({ where: 'intro', message: `must be at most ${ISSUE_LIMITS.intro} characters` });
  problems.push(...markerLineProblems(intro, 'intro'));

  const sections: SectionInput[] = [];
  const formIndexes: number[] = [];
  draft.sections.forEach((section, s) => {
    const items = section.items.map((item, i) => ({ item, i })).filter(({ item }) => item.label.trim() !== '' || item.target !== '');
    if (section.kind === '' && section.heading.trim() === '' && items.length === 0) return;
    const at = `sections.${s}`;
    const kind = (SECTION_KINDS as readonly string[]).includes(section.kind) ? (section.kind as SectionKind) : undefined;
    if (!kind) problems.push({ where: `${at}.kind`, message: `choose a kind of section (${SECTION_KINDS.join(', ')})` });
    const heading = sectionSchema.shape.heading.safeParse(section.heading);
    if (!heading.success) problems.push({ where: `${at}.heading`, message: heading.error.issues[0]?.message ?? 'is not valid' });
    else if (heading.data.length > ISSUE_LIMITS.heading) problems.push({ where: `${at}.heading`, message: `must be at most ${ISSUE_LIMITS.heading} characters` });
    if (items.length > ISSUE_LIMITS.items) problems.push({ where: `${at}.heading`, message: `a section has at most ${ISSUE_LIMITS.items} items` });
    const refs: ItemRef[] = [];
    for (const { item, i } of items) {
      const label = item.label.trim();
      if (/[\r\n]/.test(label)) problems.push({ where: `${at}.items.${i}.label`, message: 'must be on one line' });
      else if (label.length > ISSUE_LIMITS.label) problems.push({ where: `${at}.items.${i}.label`, message: `must be at most ${ISSUE_LIMITS.label} characters` });
      const target = parseTarget(item.target);
      if (!target) problems.push({ where: `${at}.items.${i}.target`, message: 'choose the story, event, program or report this item shows' });
      else refs.push({ label: label === '' ? null : label, ...target });
    }
    if (kind && heading.success) {
      sections.push({ kind, heading: heading.data, items: refs });
      formIndexes.push(s);
    }
  });
  if (sections.length > ISSUE_LIMITS.sections) problems.push({ where: '', message: `an issue has at most ${ISSUE_LIMITS.sections} sections` });
  if (problems.length > 0 || !title.success) return { content: undefined, problems };
  return { content: { title: title.data, intro: joinBody(splitBody(intro)), sections, formIndexes }, problems };
}

/** What keeps an issue from going public: no sections, or a section without items. */
export function readinessProblems(sections: readonly Pick<SectionInput, 'kind' | 'heading' | 'items'>[], formIndexes?: readonly number[]): Problem[] {
  if (sections.length === 0) {
    return [{ where: '', message: 'The issue has no sections yet. Add at least one section with an item first: the public page would be empty.' }];
  }
  return sections.flatMap((section, index) =>
    section.items.length === 0 && !SELF_FILLED_SECTION_KINDS.includes(section.kind)
      ? [{ where: `sections.${formIndexes?.[index] ?? index}.heading`, message: `section ${index + 1} (“${section.heading}”) has no items: add one or remove the section` }]
      : [],
  );
}

/** Who is saving, as far as saving an issue cares: whether they may change what is public, and the version they opened. */
export interface SaveOptions extends ChangeRights {
  /** The version the editor opened (`updated_at`): if someone saved or published since, `Conflict`. */
  readonly expectedUpdatedAt?: string | undefined;
}

/**
 * Saves an issue's title, intro, sections and items in one transaction. A published or
 * scheduled issue changes only for those who may change what is public (publicity.service.ts),
 * and must stay publishable (sections, each with an item).
 */
export async function saveIssue(db: Database, clock: Clock, actor: Actor, slug: string, draft: IssueDraft, options: SaveOptions): Promise<void> {
  const { content, problems } = checkIssueDraft(draft);
  const instant = clock.now();
  const now = instant.toISOString();
  const { expectedUpdatedAt } = options;
  await db.transaction().execute(async (trx) => {
    const issue = await mustFind(trx, slug);
    assertMayChangeIssue(issue, instant, options);
    if (expectedUpdatedAt && expectedUpdatedAt !== issue.updatedAt) {
      throw new Conflict(
        `Someone else changed ${issue.title} at ${issue.updatedAt.replace('T', ' ').slice(0, 19)} UTC, after you opened it (its status is now ${issue.status}). Your version is below and was not saved: press Save again to replace theirs, or reload the page to see their changes.`,
      );
    }
    if (!content) throw invalid('The issue was not saved', problems);
    const refs = content.sections.flatMap((section) => section.items);
    const ids = await findItemTargetIds(trx, refs);
    const found: Problem[] = [];
    draft.sections.forEach((section, s) =>
      section.items.forEach((item, i) => {
        const target = parseTarget(item.target);
        if (target && !ids.has(`${target.target}:${target.slug}`)) {
          found.push({ where: `sections.${s}.items.${i}.target`, message: `there is no ${target.target} "${target.slug}" any more; choose another` });
        }
      }),
    );
    if (issue.status !== 'draft') {
      found.push(...readinessProblems(content.sections, content.formIndexes).map((problem) => ({ ...problem, message: `This issue is ${issue.status}, so it must stay publishable. ${problem.message}` })));
    }
    if (found.length > 0) throw invalid('The issue was not saved', found);
    await updateIssueContent(trx, issue.id, { title: content.title, intro: content.intro }, now);
    const listedBefore = await listedItems(trx, issue.id);
    await replaceSections(trx, issue.id, content.sections, ids);
    await bumpContentVersion(trx, now);
    // Items taken out of the issue get their dates from the issues still listing them.
    for (const item of listedBefore) await reindexItem(trx, item.kind, item.id, instant);
    await reindexItem(trx, 'issue', issue.id, instant);
    const itemCount = refs.length;
    await recordActivity(trx, clock, actor, 'issue.update', { type: 'issue', id: issue.id, label: issue.slug }, `${content.sections.length} sections, ${itemCount} items`);
  });
}

async function requireReady(db: Executor, issue: Issue, what: string): Promise<void> {
  const problems = readinessProblems(await findSectionRefs(db, issue.id));
  if (problems.length > 0) throw new Invalid(`${issue.title} cannot be ${what} yet. ${problems.map((p) => p.message).join(' ')}`, problems);
}

/**
 * Publishes an issue now: readers see it at once. The time is kept to the second (the content
 * folder's form); a scheduled issue that is already public keeps the time it appeared.
 */
export async function publishIssue(db: Database, clock: Clock, actor: Actor, slug: string): Promise<Issue> {
  const instant = clock.now();
  const now = instant.toISOString();
  return db.transaction().execute(async (trx) => {
    const issue = await mustFind(trx, slug);
    if (issue.status === 'published') throw new Conflict(`${issue.title} is already published.`);
    await requireReady(trx, issue, 'published');
    const publishedAt = issue.status === 'scheduled' && isPublic(issue, instant) && issue.publishedAt ? issue.publishedAt : new Date(Math.floor(instant.getTime() / 1000) * 1000).toISOString();
    await updateIssueStatus(trx, issue.id, 'published', publishedAt, now);
    await bumpContentVersion(trx, now);
    await reindexItem(trx, 'issue', issue.id, instant);
    await recordActivity(trx, clock, actor, 'issue.publish', { type: 'issue', id: issue.id, label: issue.slug }, publishedAt);
    return mustFind(trx, slug);
  });
}

/** Takes an issue off the site (back to draft); its stories disappear unless another public issue has them. */
export async function unpublishIssue(db: Database, clock: Clock, actor: Actor, slug: string): Promise<Issue> {
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const issue = await mustFind(trx, slug);
    if (issue.status === 'draft') throw new Conflict(`${issue.title} is a draft already.`);
    await updateIssueStatus(trx, issue.id, 'draft', null, now);
    await bumpContentVersion(trx, now);
    await reindexItem(trx, 'issue', issue.id, clock.now());
    await recordActivity(trx, clock, actor, 'issue.unpublish', { type: 'issue', id: issue.id, label: issue.slug }, `was ${issue.status}`);
    return mustFind(trx, slug);
  });
}

/**
 * Schedules an issue to appear at a local time in a zone (form fields `publish_at`,
 * `time_zone`). The time must exist in the zone and lie in the future.
 */
export async function scheduleIssue(db: Database, clock: Clock, actor: Actor, slug: string, form: { publishAt: string; timeZone: string }): Promise<Issue> {
  const local = form.publishAt.trim();
  const zone = form.timeZone.trim();
  const problems: Problem[] = [];
  if (!IANAZone.isValidZone(zone)) problems.push({ where: 'time_zone', message: 'choose a time zone' });
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) problems.push({ where: 'publish_at', message: 'give a date and time, e.g. 2025-04-30T09:00' });
  else if (problems.length === 0 && !localTimeExists(local, zone)) problems.push({ where: 'publish_at', message: `${local.replace('T', ' ')} does not exist in ${zone} (the clocks skip that hour, or the date is not real)` });
  if (problems.length > 0) throw invalid('The issue was not scheduled', problems);
  const at = new Date(localToInstant(local, zone)).toISOString();
  const now = clock.now();
  if (at <= now.toISOString()) {
    throw invalid('The issue was not scheduled', [
      { where: 'publish_at', message: `${local.replace('T', ' ')} ${zone} is in the past (it is now ${now.toISOString().replace('T', ' ').slice(0, 16)} UTC): pick a later time, or publish now` },
    ]);
  }
  return db.transaction().execute(async (trx) => {
    const issue = await mustFind(trx, slug);
    if (issue.status === 'published') throw new Conflict(`${issue.title} is already published. Unpublish it first if it should appear later.`);
    await requireReady(trx, issue, 'scheduled');
    await updateIssueStatus(trx, issue.id, 'scheduled', at, now.toISOString());
    await bumpContentVersion(trx, now.toISOString());
    await reindexItem(trx, 'issue', issue.id, now);
    await recordActivity(trx, clock, actor, 'issue.schedule', { type: 'issue', id: issue.id, label: issue.slug }, `${at} (${local.replace('T', ' ')} ${zone})`);
    return mustFind(trx, slug);
  });
}

/** Deletes a draft issue with its sections (stories, events and the rest stay). */
export async function deleteIssue(db: Database, clock: Clock, actor: Actor, slug: string): Promise<void> {
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const issue = await mustFind(trx, slug);
    if (issue.status !== 'draft') throw new Conflict(`${issue.title} is ${issue.status}: unpublish it first, then delete it.`);
    const listedBefore = await listedItems(trx, issue.id);
    await deleteIssueById(trx, issue.id);
    await bumpContentVersion(trx, now);
    await reindexItem(trx, 'issue', issue.id, clock.now());
    for (const item of listedBefore) await reindexItem(trx, item.kind, item.id, clock.now());
    await recordActivity(trx, clock, actor, 'issue.delete', { type: 'issue', id: issue.id, label: issue.slug }, issue.title);
  });
}

/** An issue of any status, loaded for a preview exactly as the public pages load it. */
export async function previewIssue(db: Executor, slug: string): Promise<LoadedIssue> {
  return loadIssue(db, await mustFind(db, slug));
}

/** Whether readers can see the issue now. */
export function isLive(issue: Issue, clock: Clock): boolean {
  return isPublic(issue, clock.now());
}
