import type { Executor } from '../db/database.js';
import type { Problem } from '../lib/errors.js';
import { getEventsByIds } from '../events/events.service.js';
import type { Issue } from '../issues/issues.js';
import { loadIssue } from '../issues/issues.service.js';
import { getProgramsByIds } from '../programs/programs.service.js';
import { getReportsByIds } from '../reports/reports.service.js';
import { getStoriesByIds } from '../stories/stories.service.js';
import { writeTranslation, type Original } from '../translations/translations.service.js';
import { shapeProblems, type OriginalShape } from '../translations/translation-checks.js';
import type { TranslationKind } from '../translations/translations.js';
import type { ContentBundle, ReadResult, TranslationEntry } from './content-bundle.js';
import { pathName } from './file-context.js';

// Translation files against their originals: each must translate an original in the folder or
// the database, and only what that original has (its sections and items, segments, findings,
// optional texts). Then, after the originals are written, each is written against its original.

type ItemKind = Exclude<TranslationKind, 'issue'>;

/** How the importer finds originals in the database (it holds the queries). */
export interface OriginalFinders {
  idsBySlug(kind: ItemKind, slugs: readonly string[]): Promise<Map<string, number>>;
  issueBySlug(slug: string): Promise<Issue | undefined>;
}

const FOLDER_OF: Record<TranslationKind, keyof ContentBundle> = { issue: 'issues', story: 'stories', event: 'events', program: 'programs', report: 'reports' };

const byIds: Record<ItemKind, (db: Executor, ids: readonly number[]) => Promise<Map<number, Original<ItemKind> & { slug: string }>>> = {
  story: getStoriesByIds,
  event: getEventsByIds,
  program: getProgramsByIds,
  report: getReportsByIds,
};

/** The originals of the given translations that are in the database, by `kind:slug`. */
async function loadOriginals(db: Executor, finders: OriginalFinders, entries: readonly TranslationEntry[]): Promise<Map<string, Original<TranslationKind>>> {
  const found = new Map<string, Original<TranslationKind>>();
  for (const kind of ['story', 'event', 'program', 'report'] as const) {
    const slugs = [...new Set(entries.filter((entry) => entry.kind === kind).map((entry) => entry.slug))];
    if (slugs.length === 0) continue;
    const ids = await finders.idsBySlug(kind, slugs);
    for (const item of (await byIds[kind](db, [...ids.values()])).values()) found.set(`${kind}:${item.slug}`, item);
  }
  for (const slug of new Set(entries.filter((entry) => entry.kind === 'issue').map((entry) => entry.slug))) {
    const issue = await finders.issueBySlug(slug);
    if (issue) found.set(`issue:${slug}`, { ...(await loadIssue(db, issue)), id: issue.id, updatedAt: issue.updatedAt });
  }
  return found;
}

/** Every problem of every translation against its original; none for one whose original's file is broken (that file's problems say why). */
export async function checkTranslations(db: Executor, finders: OriginalFinders, read: ReadResult): Promise<Problem[]> {
  const { bundle } = read;
  const inFolder = new Map<string, OriginalShape>();
  for (const kind of Object.keys(FOLDER_OF) as TranslationKind[]) {
    for (const original of bundle[FOLDER_OF[kind]] as readonly ({ slug: string } & OriginalShape)[]) inFolder.set(`${kind}:${original.slug}`, original);
  }
  // A report's findings are those with counts and those computed from responses, in one order.
  for (const report of bundle.reports) {
    if (report.survey) inFolder.set(`report:${report.slug}`, { ...report, findings: [...report.findings, ...report.survey.findings] });
  }
  const elsewhere = bundle.translations.filter((entry) => !inFolder.has(`${entry.kind}:${entry.slug}`) && !read.originalFiles.has(`${FOLDER_OF[entry.kind]}/${entry.slug}`));
  const inDatabase = await loadOriginals(db, finders, elsewhere);
  const problems: Problem[] = [];
  for (const entry of bundle.translations) {
    const key = `${entry.kind}:${entry.slug}`;
    const original = inFolder.get(key) ?? (inDatabase.get(key) as OriginalShape | undefined);
    if (original) problems.push(...problemsAgainst(entry, original));
    else if (!read.originalFiles.has(`${FOLDER_OF[entry.kind]}/${entry.slug}`)) {
      problems.push({ where: entry.where, line: 1, message: `no ${entry.kind} "${entry.slug}" to translate: ${FOLDER_OF[entry.kind]}/${entry.slug}.md is neither in the folder nor in the database` });
    }
  }
  return problems;
}

function problemsAgainst(entry: TranslationEntry, original: OriginalShape): Problem[] {
  return shapeProblems(entry.kind, original, entry.text).map((p) => ({ where: entry.where, line: entry.lineOf(p.path), message: `${pathName(p.path)}: ${p.message}` }));
}

/** Writes every translation of the bundle against its original (the folder's originals written already); returns how many were new or changed. */
export async function writeTranslations(db: Executor, finders: OriginalFinders, bundle: ContentBundle, now: string, onWritten?: () => void): Promise<number> {
  const originals = await loadOriginals(db, finders, bundle.translations);
  let changed = 0;
  for (const entry of bundle.translations) {
    const original = originals.get(`${entry.kind}:${entry.slug}`);
    if (!original) throw new Error(`${entry.where}: its original vanished during the import`);
    if (await writeTranslation(db, original, { kind: entry.kind, language: entry.language, text: entry.text, body: entry.body }, now)) changed++;
    onWritten?.();
  }
  return changed;
}
