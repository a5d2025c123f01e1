import type { Database, Executor } from '../db/database.js';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { bumpContentVersion } from '../content/content-version.queries.js';
import { invalidDraft, refuseSlugRace, slugTaken } from '../content/draft-fields.js';
import { getIssuesListing } from '../issues/issues.service.js';
import { describeIssueRefs, type IssueRef } from '../issues/issues.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, NotFound } from '../lib/errors.js';
import { checkReportDraft, type ReportDraft } from './report-draft.js';
import type { Report } from './reports.js';
import {
  deleteReportById, findReportsByIds, insertReport, listReports, reportIdsBySlug, updateReportById,
} from './reports.queries.js';

// The desk's report services. Each write checks the whole draft (segments and findings
// included), then replaces the report in one transaction that bumps the content version and
// records who did it.

/** A report with the issues that list it. */
export interface DeskReport {
  readonly report: Report;
  readonly issues: readonly IssueRef[];
}

/** Every report, by slug, with the issues that list it. */
export async function listDeskReports(db: Executor): Promise<DeskReport[]> {
  const reports = await listReports(db);
  const issues = await getIssuesListing(db, 'report', reports.map((report) => report.id));
  return reports.map((report) => ({ report, issues: issues.get(report.id) ?? [] }));
}

/** One report by id with the issues that list it; NotFound otherwise. */
export async function getDeskReport(db: Executor, id: number): Promise<DeskReport> {
  const report = (await findReportsByIds(db, [id])).get(id);
  if (!report) throw new NotFound('There is no such report; it may have been deleted.');
  return { report, issues: (await getIssuesListing(db, 'report', [id])).get(id) ?? [] };
}

/** Creates a report from a draft; throws `Invalid` naming every bad field and row. */
export async function createReport(db: Database, clock: Clock, actor: Actor, draft: ReportDraft): Promise<Report> {
  const input = checkReportDraft(draft);
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    await checkSlugFree(trx, input.slug, undefined);
    const id = await insertReport(trx, input, now);
    await bumpContentVersion(trx, now);
    await recordActivity(trx, clock, actor, 'report.create', { type: 'report', id, label: input.title }, input.slug);
    return (await getDeskReport(trx, id)).report;
  }).catch(refuseSlugRace('report', input.slug));
}

/** Overwrites a report from a draft (its slug may change); throws `Invalid` or `NotFound`. */
export async function updateReport(db: Database, clock: Clock, actor: Actor, id: number, draft: ReportDraft): Promise<Report> {
  const input = checkReportDraft(draft);
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const before = (await getDeskReport(trx, id)).report;
    await checkSlugFree(trx, input.slug, id);
    await updateReportById(trx, id, input, now);
    await bumpContentVersion(trx, now);
    const detail = before.slug === input.slug ? input.slug : `${before.slug} → ${input.slug}`;
    await recordActivity(trx, clock, actor, 'report.update', { type: 'report', id, label: input.title }, detail);
    return (await getDeskReport(trx, id)).report;
  }).catch(refuseSlugRace('report', input.slug));
}

/** Deletes a report no issue lists; `Conflict` names the issues otherwise. */
export async function deleteReport(db: Database, clock: Clock, actor: Actor, id: number): Promise<Report> {
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const { report, issues } = await getDeskReport(trx, id);
    if (issues.length > 0) {
      throw new Conflict(`“${report.title}” is listed in ${describeIssueRefs(issues)}. Remove it from those issues first; nothing was deleted.`);
    }
    await deleteReportById(trx, id);
    await bumpContentVersion(trx, now);
    await recordActivity(trx, clock, actor, 'report.delete', { type: 'report', id, label: report.title }, report.slug);
    return report;
  });
}

async function checkSlugFree(db: Executor, slug: string, id: number | undefined): Promise<void> {
  const holder = (await reportIdsBySlug(db, [slug])).get(slug);
  if (holder !== undefined && holder !== id) throw invalidDraft([slugTaken('report', slug)]);
}
