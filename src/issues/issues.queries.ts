import { sql, type Expression, type Selectable, type SqlBool } from 'kysely';
import type { Executor } from '../db/database.js';
import type { IssuesTable } from '../db/tables/issues.js';
import { splitBody } from '../content/body.js';
import { compareText } from '../lib/compare.js';
import { groupBy } from '../lib/group-by.js';
import { compareIssuesNewestFirst, type Issue, type IssueInput, type IssueStatus, type ItemRef, type ItemTarget, type Season, type SectionInput, type SectionKind } from './issues.js';
import type { LeadImage } from '../stories/stories.js';

const issueColumns = ['id', 'slug', 'title', 'season', 'year', 'intro', 'status', 'published_at', 'updated_at'] as const;

/** Resolved ids for an issue's item references, keyed by `target:slug`. */
export type TargetIds = ReadonlyMap<string, number>;

/**
 * Inserts or updates an issue by slug and replaces its sections and items. `targetIds` maps
 * every `target:slug` the sections name to the row id.
 */
export async function upsertIssue(db: Executor, input: IssueInput, targetIds: TargetIds, now: string): Promise<number> {
  const values = {
    title: input.title,
    season: input.season,
    year: input.year,
    intro: input.intro,
    status: input.status,
    published_at: input.publishedAt,
    updated_at: now,
    ...(input.leadImage !== undefined ? { lead_media: input.leadImage } : {}),
  };
  const { id } = await db
    .insertInto('issues')
    .values({ ...values, slug: input.slug, created_at: now })
    .onConflict((oc) => oc.column('slug').doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceSections(db, id, input.sections, targetIds);
  return id;
}

/** Replaces an issue's sections and items, in the given order. */
export async function replaceSections(db: Executor, issueId: number, sections: readonly SectionInput[], targetIds: TargetIds): Promise<void> {
  await db.deleteFrom('sections').where('issue_id', '=', issueId).execute();
  for (const [sectionIndex, section] of sections.entries()) {
    const { id: sectionId } = await db
      .insertInto('sections')
      .values({ issue_id: issueId, position: sectionIndex + 1, kind: section.kind, heading: section.heading })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (section.items.length === 0) continue;
    await db
      .insertInto('section_items')
      .values(
        section.items.map((item, itemIndex) => {
          const targetId = targetIds.get(`${item.target}:${item.slug}`);
          if (targetId === undefined) throw new Error(`unknown ${item.target} "${item.slug}"`);
          return {
            section_id: sectionId,
            position: itemIndex + 1,
            label: item.label,
            story_id: item.target === 'story' ? targetId : null,
            event_id: item.target === 'event' ? targetId : null,
            program_id: item.target === 'program' ? targetId : null,
            report_id: item.target === 'report' ? targetId : null,
          };
        }),
      )
      .execute();
  }
}

/** Every issue, any status. */
export async function listIssues(db: Executor): Promise<Issue[]> {
  const rows = await db.selectFrom('issues').select(issueColumns).execute();
  return rows.map(toIssue);
}

/** Where an issue is readers' at `now`: published, or scheduled and its time has come (as `isPublic`). */
function publicAt(now: Date): Expression<SqlBool> {
  return sql<SqlBool>`(issues.status = 'published' or (issues.status = 'scheduled' and issues.published_at is not null and issues.published_at <= ${now.toISOString()}))`;
}

/** One page of the public issues, newest first (year, then season, as `compareIssuesNewestFirst`), read with LIMIT/OFFSET. */
export async function findPublicIssuesPage(db: Executor, now: Date, limit: number, offset: number): Promise<Issue[]> {
  const rows = await db
    .selectFrom('issues')
    .select(issueColumns)
    .where(publicAt(now))
    .orderBy('year', 'desc')
    .orderBy((eb) => eb.case().when('season', '=', 'winter').then(4).when('season', '=', 'fall').then(3).when('season', '=', 'summer').then(2).else(1).end(), 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toIssue);
}

/** How many issues are public at `now`. */
export async function countPublicIssues(db: Executor, now: Date): Promise<number> {
  const row = await db.selectFrom('issues').select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).where(publicAt(now)).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One issue by slug, or undefined. */
export async function findIssueBySlug(db: Executor, slug: string): Promise<Issue | undefined> {
  const row = await db.selectFrom('issues').select(issueColumns).where('slug', '=', slug).executeTakeFirst();
  return row ? toIssue(row) : undefined;
}

/** A stored item: its label and the id of the one thing it points at. */
export interface ItemRow {
  readonly label: string | null;
  readonly target: ItemTarget;
  readonly targetId: number;
}

/** A stored section with its item rows, in order. */
export interface SectionRow {
  readonly kind: SectionKind;
  readonly heading: string;
  readonly items: readonly ItemRow[];
}

/** The sections of an issue with their item rows, in order. */
export async function findSections(db: Executor, issueId: number): Promise<SectionRow[]> {
  const sections = await db
    .selectFrom('sections')
    .select(['id', 'kind', 'heading'])
    .where('issue_id', '=', issueId)
    .orderBy('position')
    .execute();
  if (sections.length === 0) return [];
  const items = await db
    .selectFrom('section_items')
    .select(['section_id', 'label', 'story_id', 'event_id', 'program_id', 'report_id'])
    .where(
      'section_id',
      'in',
      sections.map((s) => s.id),
    )
    .orderBy('section_id')
    .orderBy('position')
    .execute();
  const itemsOf = groupBy(items, (row) => row.section_id, toItemRow);
  return sections.map((s) => ({ kind: s.kind, heading: s.heading, items: itemsOf.get(s.id) ?? [] }));
}

/** The column of `section_items` that points at each kind of item. */
const ITEM_COLUMN = { story: 'story_id', event: 'event_id', program: 'program_id', report: 'report_id' } as const satisfies Record<ItemTarget, string>;

/**
 * The issues (any status) whose sections list each of the given stories, events, programs or
 * reports, by their id: each issue once, newest first. What the desk shows beside a thing and
 * checks before deleting it, and what decides whether a story is public.
 */
export async function findIssuesListing(db: Executor, target: ItemTarget, ids: readonly number[]): Promise<Map<number, Issue[]>> {
  if (ids.length === 0) return new Map();
  const column = `section_items.${ITEM_COLUMN[target]}` as const;
  const rows = await db
    .selectFrom('section_items')
    .innerJoin('sections', 'sections.id', 'section_items.section_id')
    .innerJoin('issues', 'issues.id', 'sections.issue_id')
    .distinct()
    .select([
      `${column} as subject_id`,
      'issues.id',
      'issues.slug',
      'issues.title',
      'issues.season',
      'issues.year',
      'issues.intro',
      'issues.status',
      'issues.published_at',
      'issues.updated_at',
    ])
    .where(column, 'in', [...new Set(ids)])
    .execute();
  const issues = rows.map((row) => ({ subjectId: row.subject_id as number, issue: toIssue(row) })).sort((a, b) => compareIssuesNewestFirst(a.issue, b.issue));
  return groupBy(issues, (row) => row.subjectId, (row) => row.issue);
}

/** Slug and last change of every story that appears in one of the given issues. */
export async function findStoriesInIssues(db: Executor, issueIds: readonly number[]): Promise<{ slug: string; updatedAt: string }[]> {
  if (issueIds.length === 0) return [];
  const rows = await db
    .selectFrom('section_items')
    .innerJoin('sections', 'sections.id', 'section_items.section_id')
    .innerJoin('stories', 'stories.id', 'section_items.story_id')
    .distinct()
    .select(['stories.slug', 'stories.updated_at'])
    .where('sections.issue_id', 'in', [...issueIds])
    .execute();
  return rows.sort((a, b) => compareText(a.slug, b.slug)).map((row) => ({ slug: row.slug, updatedAt: row.updated_at }));
}

/** A topic or a sector a story is tagged with, by the term's row id. */
export type TermFilter = { readonly kind: 'topic' | 'sector' | 'organization'; readonly id: number };

/** Stories tagged with the term that appear in an issue public at `now`. */
function storiesOfTermInPublicIssues(db: Executor, now: Date, term: TermFilter) {
  const tagged =
    term.kind === 'topic'
      ? db.selectFrom('story_topics').select('story_topics.story_id').where('story_topics.topic_id', '=', term.id)
      : term.kind === 'sector'
        ? db.selectFrom('story_sectors').select('story_sectors.story_id').where('story_sectors.sector_id', '=', term.id)
        : db.selectFrom('story_organizations').select('story_organizations.story_id').where('story_organizations.organization_id', '=', term.id);
  return db
    .selectFrom('section_items')
    .innerJoin('sections', 'sections.id', 'section_items.section_id')
    .innerJoin('issues', 'issues.id', 'sections.issue_id')
    .where('section_items.story_id', 'in', tagged)
    .where(publicAt(now));
}

/**
 * One page of the ids of public stories tagged with `term`, newest first: by the latest public
 * issue each appeared in (its publication time), then the newest story first. One LIMIT/OFFSET read.
 */
export async function findPublicStoryIdsOfTerm(db: Executor, now: Date, term: TermFilter, limit: number, offset: number): Promise<number[]> {
  const rows = await storiesOfTermInPublicIssues(db, now, term)
    .select((eb) => ['section_items.story_id as id', eb.fn.max(eb.fn.coalesce('issues.published_at', eb.val(''))).as('latest')])
    .groupBy('section_items.story_id')
    .orderBy('latest', 'desc')
    .orderBy('section_items.story_id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((row) => Number(row.id));
}

/** How many public stories are tagged with `term`. */
export async function countPublicStoriesOfTerm(db: Executor, now: Date, term: TermFilter): Promise<number> {
  const row = await storiesOfTermInPublicIssues(db, now, term)
    .select((eb) => eb.fn.count<number | string | bigint>('section_items.story_id').distinct().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The ids of the stories an issue public at `now` lists. */
function publicStoryIds(db: Executor, now: Date) {
  return db
    .selectFrom('section_items')
    .innerJoin('sections', 'sections.id', 'section_items.section_id')
    .innerJoin('issues', 'issues.id', 'sections.issue_id')
    .where('section_items.story_id', 'is not', null)
    .where(publicAt(now))
    .select('section_items.story_id');
}

/** The organisations public stories mention, with their mentions' story ids. */
function publicOrganizations(db: Executor, now: Date) {
  return db
    .selectFrom('organizations')
    .innerJoin('story_organizations', 'story_organizations.organization_id', 'organizations.id')
    .where('story_organizations.story_id', 'in', publicStoryIds(db, now));
}

/** One page of the organisations public stories mention, by slug (the same order on every engine), each with how many public stories mention it. */
export async function findPublicOrganizationsPage(db: Executor, now: Date, limit: number, offset: number): Promise<{ slug: string; name: string; stories: number; country: string | null; profiled: boolean }[]> {
  const rows = await publicOrganizations(db, now)
    .select((eb) => ['organizations.slug', 'organizations.name', 'organizations.country', 'organizations.profiled_at', eb.fn.count<number | string | bigint>('story_organizations.story_id').distinct().as('stories')])
    .groupBy(['organizations.id', 'organizations.slug', 'organizations.name', 'organizations.country', 'organizations.profiled_at'])
    .orderBy('organizations.slug')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((row) => ({ slug: row.slug, name: row.name, stories: Number(row.stories), country: row.country, profiled: row.profiled_at !== null }));
}

/** How many organisations public stories mention. */
export async function countPublicOrganizations(db: Executor, now: Date): Promise<number> {
  const row = await publicOrganizations(db, now)
    .select((eb) => eb.fn.count<number | string | bigint>('organizations.id').distinct().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** For each organisation public stories name: the topics of those stories (slug, name), by organisation slug. */
export async function findTopicsOfPublicStoriesByOrganization(db: Executor, now: Date): Promise<{ organization: string; slug: string; name: string }[]> {
  const rows = await db
    .selectFrom('story_organizations')
    .innerJoin('organizations', 'organizations.id', 'story_organizations.organization_id')
    .innerJoin('story_topics', 'story_topics.story_id', 'story_organizations.story_id')
    .innerJoin('topics', 'topics.id', 'story_topics.topic_id')
    .where('story_organizations.story_id', 'in', publicStoryIds(db, now))
    .select(['organizations.slug as organization', 'topics.slug', 'topics.name'])
    .distinct()
    .execute();
  return rows;
}

function toItemRow(row: {
  label: string | null;
  story_id: number | null;
  event_id: number | null;
  program_id: number | null;
  report_id: number | null;
}): ItemRow {
  if (row.story_id !== null) return { label: row.label, target: 'story', targetId: row.story_id };
  if (row.event_id !== null) return { label: row.label, target: 'event', targetId: row.event_id };
  if (row.program_id !== null) return { label: row.label, target: 'program', targetId: row.program_id };
  if (row.report_id !== null) return { label: row.label, target: 'report', targetId: row.report_id };
  throw new Error('section item points at nothing');
}

function toIssue(row: Omit<Selectable<IssuesTable>, 'created_at' | 'lead_media'>): Issue {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    season: row.season,
    year: row.year,
    intro: splitBody(row.intro),
    status: row.status,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
  };
}

/** An issue's lead image with its texts (the image's row), or null. */
export async function findIssueLeadImage(db: Executor, issueId: number): Promise<LeadImage | null> {
  const row = await db
    .selectFrom('issues')
    .innerJoin('media', (join) => join.on(sql`media.hash`, '=', sql`substr(issues.lead_media, 8, 16)`))
    .select(['issues.lead_media', 'media.alt', 'media.caption', 'media.credit'])
    .where('issues.id', '=', issueId)
    .executeTakeFirst();
  return row?.lead_media ? { path: row.lead_media, alt: row.alt, caption: row.caption, credit: row.credit } : null;
}

/** Sets (or clears) an issue's lead image: a media path the caller checked. */
export async function setIssueLeadImage(db: Executor, issueId: number, path: string | null, now: string): Promise<void> {
  await db.updateTable('issues').set({ lead_media: path, updated_at: now }).where('id', '=', issueId).execute();
}

// The desk: create issues, change their content and status, and read them for editing.

/** Inserts a new draft issue (never updates: a taken season fails on the unique constraint). */
export async function insertIssue(
  db: Executor,
  input: { slug: string; title: string; season: Season; year: number; intro: string },
  now: string,
): Promise<number> {
  const { id } = await db
    .insertInto('issues')
    .values({ ...input, status: 'draft', published_at: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Changes an issue's title and intro. */
export async function updateIssueContent(db: Executor, id: number, input: { title: string; intro: string }, now: string): Promise<void> {
  await db.updateTable('issues').set({ title: input.title, intro: input.intro, updated_at: now }).where('id', '=', id).execute();
}

/** Changes an issue's status and publication time. */
export async function updateIssueStatus(db: Executor, id: number, status: IssueStatus, publishedAt: string | null, now: string): Promise<void> {
  await db.updateTable('issues').set({ status, published_at: publishedAt, updated_at: now }).where('id', '=', id).execute();
}

/** Deletes an issue with its sections and items (the foreign keys cascade). */
export async function deleteIssueById(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('issues').where('id', '=', id).execute();
}

/** Row ids of the things items point at, keyed by `target:slug`; unknown ones are absent. */
export async function findItemTargetIds(db: Executor, refs: readonly Pick<ItemRef, 'target' | 'slug'>[]): Promise<Map<string, number>> {
  const slugsOf = (target: ItemTarget) => [...new Set(refs.filter((ref) => ref.target === target).map((ref) => ref.slug))];
  const lookups = {
    story: (slugs: string[]) => db.selectFrom('stories').select(['id', 'slug']).where('slug', 'in', slugs).execute(),
    event: (slugs: string[]) => db.selectFrom('events').select(['id', 'slug']).where('slug', 'in', slugs).execute(),
    program: (slugs: string[]) => db.selectFrom('programs').select(['id', 'slug']).where('slug', 'in', slugs).execute(),
    report: (slugs: string[]) => db.selectFrom('reports').select(['id', 'slug']).where('slug', 'in', slugs).execute(),
  } satisfies Record<ItemTarget, (slugs: string[]) => Promise<{ id: number; slug: string }[]>>;
  const ids = new Map<string, number>();
  for (const target of Object.keys(lookups) as ItemTarget[]) {
    const slugs = slugsOf(target);
    if (slugs.length === 0) continue;
    for (const row of await lookups[target](slugs)) ids.set(`${target}:${row.slug}`, row.id);
  }
  return ids;
}

/** An issue's sections with each item's target named by slug, in order (what the editor edits). */
export async function findSectionRefs(db: Executor, issueId: number): Promise<SectionInput[]> {
  return (await findSectionRefsOfIssues(db, [issueId])).get(issueId) ?? [];
}

/** The sections of several issues as `findSectionRefs` gives one's, by issue id, in two queries. */
export async function findSectionRefsOfIssues(db: Executor, issueIds: readonly number[]): Promise<Map<number, SectionInput[]>> {
  if (issueIds.length === 0) return new Map();
  const sections = await db.selectFrom('sections').select(['id', 'issue_id', 'kind', 'heading']).where('issue_id', 'in', [...issueIds]).orderBy('issue_id').orderBy('position').execute();
  if (sections.length === 0) return new Map();
  const items = await db
    .selectFrom('section_items')
    .leftJoin('stories', 'stories.id', 'section_items.story_id')
    .leftJoin('events', 'events.id', 'section_items.event_id')
    .leftJoin('programs', 'programs.id', 'section_items.program_id')
    .leftJoin('reports', 'reports.id', 'section_items.report_id')
    .select([
      'section_items.section_id',
      'section_items.label',
      'stories.slug as story_slug',
      'events.slug as event_slug',
      'programs.slug as program_slug',
      'reports.slug as report_slug',
    ])
    .where('section_items.section_id', 'in', sections.map((s) => s.id))
    .orderBy('section_items.section_id')
    .orderBy('section_items.position')
    .execute();
  const itemsOf = groupBy(items, (row) => row.section_id, (row): ItemRef => {
    if (row.story_slug !== null) return { label: row.label, target: 'story', slug: row.story_slug };
    if (row.event_slug !== null) return { label: row.label, target: 'event', slug: row.event_slug };
    if (row.program_slug !== null) return { label: row.label, target: 'program', slug: row.program_slug };
    if (row.report_slug !== null) return { label: row.label, target: 'report', slug: row.report_slug };
    throw new Error('section item points at nothing');
  });
  return groupBy(sections, (s) => s.issue_id, (s): SectionInput => ({ kind: s.kind, heading: s.heading, items: itemsOf.get(s.id) ?? [] }));
}

/** How many sections, and items of each kind, the given issues have. */
export interface IssueCounts {
  readonly sections: number;
  readonly items: Readonly<Record<ItemTarget, number>>;
}

/** Section and item counts per issue id (issues without sections are absent). */
export async function countIssueContents(db: Executor, issueIds: readonly number[]): Promise<Map<number, IssueCounts>> {
  if (issueIds.length === 0) return new Map();
  const [sections, items] = await Promise.all([
    db.selectFrom('sections').select(['issue_id', 'id']).where('issue_id', 'in', [...issueIds]).execute(),
    db
      .selectFrom('section_items')
      .innerJoin('sections', 'sections.id', 'section_items.section_id')
      .select(['sections.issue_id', 'section_items.story_id', 'section_items.event_id', 'section_items.program_id', 'section_items.report_id'])
      .where('sections.issue_id', 'in', [...issueIds])
      .execute(),
  ]);
  const counts = new Map<number, { sections: number; items: Record<ItemTarget, number> }>();
  const of = (issueId: number) => {
    let entry = counts.get(issueId);
    if (!entry) counts.set(issueId, (entry = { sections: 0, items: { story: 0, event: 0, program: 0, report: 0 } }));
    return entry;
  };
  for (const section of sections) of(section.issue_id).sections += 1;
  for (const item of items) {
    const entry = of(item.issue_id);
    if (item.story_id !== null) entry.items.story += 1;
    else if (item.event_id !== null) entry.items.event += 1;
    else if (item.program_id !== null) entry.items.program += 1;
    else if (item.report_id !== null) entry.items.report += 1;
  }
  return counts;
}
