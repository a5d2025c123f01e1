import type { Database, Executor } from '../db/database.js';
import { compareText } from '../lib/compare.js';
import { Invalid, type Problem } from '../lib/errors.js';
import type { Clock } from '../lib/clock.js';
import { bumpContentVersion } from '../content/content-version.service.js';
import { storyIdsBySlug, upsertStory } from '../stories/stories.queries.js';
import { upsertOrganizationProfile } from '../organizations/organizations.queries.js';
import { sectorIdsBySlug, topicIdsBySlug, upsertSector, upsertTopic } from '../content/taxonomy.queries.js';
import { eventIdsBySlug, upsertEvent } from '../events/events.queries.js';
import { saveSettings } from '../events/registrations.queries.js';
import { programIdsBySlug, upsertProgram } from '../programs/programs.queries.js';
import { reportIdsBySlug, upsertReport } from '../reports/reports.queries.js';
import { replaceResponses } from '../reports/survey.queries.js';
import { findIssueBySlug, upsertIssue } from '../issues/issues.queries.js';
import { listedItems, reindexItem } from '../search/search.service.js';
import type { SearchKind } from '../search/search.js';
import { readContentFolder, type ContentBundle, type Reference } from './read-folder.js';
import { importSettings } from '../settings/settings.service.js';
import { checkTranslations, writeTranslations, type OriginalFinders } from './translation-import.js';
import { forgetWrittenMedia, mediaByPaths, mediaPath, prepareMediaImport, storeImportedMedia } from '../media/media.service.js';
import { mediaPath as widthPath, mediaWidths } from '../lib/media-urls.js';
import { RELATIVE_MEDIA } from './media-folder.js';

/**
 * Checks and resizes the folder's images (before the transaction) and turns the stories'
 * relative image paths (`../media/<hash>.<ext>`) into served ones; an image neither in the
 * folder nor stored already is a problem of the file that names it.
 */
async function prepareFolderMedia(db: Executor, bundle: ContentBundle, mediaDir: string | undefined) {
  const files = bundle.media ?? [];
  const problems: Problem[] = [];
  if (files.length > 0 && !mediaDir) problems.push({ where: 'media/', message: 'this import cannot store images (no media folder configured)' });
  const { prepared, problems: imageProblems } = await prepareMediaImport(files);
  problems.push(...imageProblems);
  const served = new Map<string, string>();
  for (const { image } of prepared) served.set(`${image.hash}.${image.ext}`, widthPath(image.hash, mediaWidths(image.width).at(-1)!, image.ext));
  const named = [
    ...bundle.stories.flatMap((story) => [...story.body.matchAll(RELATIVE_MEDIA), ...(story.leadImage ? [...story.leadImage.matchAll(RELATIVE_MEDIA)] : [])]),
    ...bundle.issues.flatMap((issue) => (issue.leadImage ? [...issue.leadImage.matchAll(RELATIVE_MEDIA)] : [])),
  ];
  const unknown = named.filter((match) => !served.has(`${match[1]}.${match[2]}`) && !files.some((file) => file.hash === match[1]));
  const stored = await mediaByPaths(db, unknown.map((match) => `/media/${match[1]}-${320}.${match[2]}`));
  for (const item of stored.values()) served.set(`${item.hash}.${item.ext}`, mediaPath(item));
  const resolve = (where: string) => (_match: string, hash: string, ext: string) => {
    const path = served.get(`${hash}.${ext}`);
    if (path) return path;
    if (!files.some((file) => file.hash === hash)) problems.push({ where, message: `refers to the image ../media/${hash}.${ext}, which is neither in media/ nor stored` });
    return _match;
  };
  bundle.stories = bundle.stories.map((story) => {
    const where = `stories/${story.slug}.md`;
    return { ...story, body: story.body.replace(RELATIVE_MEDIA, resolve(where)), leadImage: story.leadImage ? story.leadImage.replace(RELATIVE_MEDIA, resolve(where)) : story.leadImage ?? null };
  });
  bundle.issues = bundle.issues.map((issue) => (issue.leadImage ? { ...issue, leadImage: issue.leadImage.replace(RELATIVE_MEDIA, resolve(`issues/${issue.slug}.md`)) } : issue));
  return { prepared, problems };
}

/** How many things of each kind an import wrote. */
export interface ImportSummary {
  readonly files: number;
  readonly topics: number;
  readonly sectors: number;
  /** Organisation profiles (`innovators/`). */
  readonly innovators: number;
  readonly stories: number;
  readonly events: number;
  readonly programs: number;
  readonly reports: number;
  readonly issues: number;
  /** Translation files read (each `<slug>.<lang>.md`). */
  readonly translations: number;
  /** How many site settings settings.md set (0 without the file). */
  readonly settings: number;
}

export interface ImportOptions {
  readonly clock: Clock;
  /** Where images are stored (Config.mediaDir); a folder with `media/` cannot be imported without it. */
  readonly mediaDir?: string;
  /** Called as files are read and as things are written. */
  readonly onProgress?: (phase: 'read' | 'write', done: number, total: number) => void;
}

/**
 * Imports a content folder, all or nothing: every problem in every file is collected first and
 * thrown as one `Invalid` (the database untouched); otherwise everything is written in one
 * transaction, updating by slug.
 */
export async function importContent(db: Database, dir: string, options: ImportOptions): Promise<ImportSummary> {
  const read = await readContentFolder(dir, (done, total) => options.onProgress?.('read', done, total));
  const finders = originalFinders(db);
  const problems = [...read.problems, ...(await checkReferences(db, read.bundle, read.references)), ...(await checkTranslations(db, finders, read))];
  const media = await prepareFolderMedia(db, read.bundle, options.mediaDir);
  problems.push(...media.problems);
  if (problems.length > 0) {
    throw new Invalid(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${dir}; nothing was imported`, sortProblems(problems));
  }
  const { bundle } = read;
  const now = options.clock.now().toISOString();
  const total =
    bundle.topics.length + bundle.sectors.length + bundle.innovators.length + bundle.stories.length + bundle.events.length +
    bundle.programs.length + bundle.reports.length + bundle.issues.length + bundle.translations.length;
  let done = 0;
  const tick = () => options.onProgress?.('write', ++done, total);

  const written: string[] = [];
  await db.transaction().execute(async (trx) => {
    if (options.mediaDir && media.prepared.length > 0) written.push(...(await storeImportedMedia(trx, options.mediaDir, media.prepared, now)));
    for (const topic of bundle.topics) await upsertTopic(trx, topic).then(tick);
    for (const sector of bundle.sectors) await upsertSector(trx, sector).then(tick);
    const sectorIds = await sectorIdsBySlug(trx, bundle.innovators.flatMap((o) => o.sectors));
    const innovatorIds: number[] = [];
    for (const profile of bundle.innovators) {
      innovatorIds.push(await upsertOrganizationProfile(trx, profile, sectorIds, now));
      tick();
    }
    for (const story of bundle.stories) await upsertStory(trx, story, now).then(tick);
    for (const event of bundle.events) await upsertEvent(trx, event, now).then(tick);
    const eventIds = await eventIdsBySlug(trx, bundle.eventSettings.map((entry) => entry.slug));
    for (const { slug, settings } of bundle.eventSettings) await saveSettings(trx, eventIds.get(slug)!, settings, now);
    for (const program of bundle.programs) await upsertProgram(trx, program, now).then(tick);
    const reportIds = new Map<string, number>();
    for (const report of bundle.reports) reportIds.set(report.slug, await upsertReport(trx, report, now).finally(tick));
    // A report's response file replaces its stored responses; without one they stay as they are.
    for (const { slug, rows } of bundle.responses) await replaceResponses(trx, reportIds.get(slug)!, rows, now);
    const targetIds = await resolveIssueTargets(trx, bundle);
    const listedBefore = await listedByImportedIssues(trx, bundle);
    for (const issue of bundle.issues) await upsertIssue(trx, issue, targetIds, now).then(tick);
    await writeTranslations(trx, originalFinders(trx), bundle, now, tick);
    if (bundle.settings) await importSettings(trx, bundle.settings, now);
    await reindexImported(trx, bundle, innovatorIds, listedBefore, options.clock.now());
    await bumpContentVersion(trx, now);
  }).catch((error: unknown) => {
    // All or nothing: the images written inside the failed transaction go too.
    if (options.mediaDir) forgetWrittenMedia(options.mediaDir, written);
    throw error;
  });

  return {
    files: read.fileCount,
    topics: bundle.topics.length,
    sectors: bundle.sectors.length,
    innovators: bundle.innovators.length,
    stories: bundle.stories.length,
    events: bundle.events.length,
    programs: bundle.programs.length,
    reports: bundle.reports.length,
    issues: bundle.issues.length,
    translations: bundle.translations.length,
    settings: Object.keys(bundle.settings ?? {}).length,
  };
}

/** The stories and reports the bundle's issues list before the import replaces their sections. */
async function listedByImportedIssues(trx: Executor, bundle: ContentBundle): Promise<{ kind: SearchKind; id: number }[]> {
  const listed: { kind: SearchKind; id: number }[] = [];
  for (const { slug } of bundle.issues) {
    const issue = await findIssueBySlug(trx, slug);
    if (issue) listed.push(...(await listedItems(trx, issue.id)));
  }
  return listed;
}

/**
 * Brings the search index up to date for every item the folder wrote or translated (the
 * innovators' profiles by the ids their writes gave), and for those its issues stopped listing
 * (their visibility and dates follow the issues), in the import's transaction.
 */
async function reindexImported(trx: Executor, bundle: ContentBundle, innovatorIds: readonly number[], listedBefore: readonly { kind: SearchKind; id: number }[], now: Date): Promise<void> {
  for (const id of innovatorIds) await reindexItem(trx, 'innovator', id, now);
  const slugs: Record<Exclude<SearchKind, 'issue' | 'innovator'>, Set<string>> = {
    story: new Set(bundle.stories.map((s) => s.slug)),
    event: new Set(bundle.events.map((e) => e.slug)),
    program: new Set(bundle.programs.map((p) => p.slug)),
    report: new Set(bundle.reports.map((r) => r.slug)),
  };
  const issueSlugs = new Set(bundle.issues.map((i) => i.slug));
  for (const t of bundle.translations) (t.kind === 'issue' ? issueSlugs : slugs[t.kind]).add(t.slug);
  const done = new Set<string>();
  for (const kind of ['story', 'event', 'program', 'report'] as const) {
    for (const id of (await lookups[kind](trx, [...slugs[kind]])).values()) {
      await reindexItem(trx, kind, id, now);
      done.add(`${kind}:${id}`);
    }
  }
  for (const slug of issueSlugs) {
    const issue = await findIssueBySlug(trx, slug);
    if (!issue) continue;
    await reindexItem(trx, 'issue', issue.id, now);
    for (const item of await listedItems(trx, issue.id)) done.add(`${item.kind}:${item.id}`);
  }
  for (const item of listedBefore) {
    if (done.has(`${item.kind}:${item.id}`)) continue;
    await reindexItem(trx, item.kind, item.id, now);
    done.add(`${item.kind}:${item.id}`);
  }
}

/** Where translations find their originals in the database: the lookups below, and issues by slug. */
function originalFinders(db: Executor): OriginalFinders {
  return { idsBySlug: (kind, slugs) => lookups[kind](db, slugs), issueBySlug: (slug) => findIssueBySlug(db, slug) };
}

const lookups: Record<Reference['kind'], (db: Executor, slugs: readonly string[]) => Promise<Map<string, number>>> = {
  topic: topicIdsBySlug,
  sector: sectorIdsBySlug,
  story: storyIdsBySlug,
  event: eventIdsBySlug,
  program: programIdsBySlug,
  report: reportIdsBySlug,
};

const bundleKey: Record<Reference['kind'], Exclude<keyof ContentBundle, 'settings' | 'eventSettings' | 'translations' | 'media'>> = {
  topic: 'topics',
  sector: 'sectors',
  story: 'stories',
  event: 'events',
  program: 'programs',
  report: 'reports',
};

/** Every reference must name something in the folder or already in the database. */
async function checkReferences(db: Database, bundle: ContentBundle, references: readonly Reference[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const kind of Object.keys(lookups) as Reference['kind'][]) {
    const inFolder = new Set(bundle[bundleKey[kind]].map((thing) => thing.slug));
    const wanted = references.filter((ref) => ref.kind === kind && !inFolder.has(ref.slug));
    if (wanted.length === 0) continue;
    const inDatabase = await lookups[kind](db, [...new Set(wanted.map((ref) => ref.slug))]);
    for (const ref of wanted) {
      if (!inDatabase.has(ref.slug)) {
        problems.push({ where: ref.where, line: ref.line, message: `unknown ${kind} "${ref.slug}" (not in ${bundleKey[kind]}/ nor in the database)` });
      }
    }
  }
  return problems;
}

async function resolveIssueTargets(db: Executor, bundle: ContentBundle): Promise<Map<string, number>> {
  const slugsOf = (target: 'story' | 'event' | 'program' | 'report') => [
    ...new Set(bundle.issues.flatMap((issue) => issue.sections.flatMap((s) => s.items.filter((i) => i.target === target).map((i) => i.slug)))),
  ];
  const ids = new Map<string, number>();
  for (const target of ['story', 'event', 'program', 'report'] as const) {
    for (const [slug, id] of await lookups[target](db, slugsOf(target))) ids.set(`${target}:${slug}`, id);
  }
  return ids;
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => compareText(a.where ?? '', b.where ?? '') || (a.line ?? 0) - (b.line ?? 0),
  );
}
