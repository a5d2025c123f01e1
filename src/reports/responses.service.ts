import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { bumpContentVersion } from '../content/content-version.service.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { Invalid, NotFound } from '../lib/errors.js';
import { findReportsByIds, reportIdsBySlug } from './reports.queries.js';
import { parseResponsesCsv } from './responses-csv.js';
import { replaceResponses } from './survey.queries.js';

// Imports a report's response file all or nothing (docs/reports.md): every line is checked
// against the report's survey first and every problem named `line N: problem`; only a clean
// file is written, replacing the report's stored responses in one transaction. A dry run checks
// and counts and writes nothing.

/** What an import did (or, for a dry run, would do). */
export interface ResponsesImportSummary {
  readonly dryRun: boolean;
  readonly reportId: number;
  readonly respondents: number;
  /** Respondents per segment value, by segment column, in first-seen order. */
  readonly segments: readonly { readonly column: string; readonly value: string; readonly respondents: number }[];
  /** Respondents stored before (replaced by this import). */
  readonly replaced: number;
}

export interface ResponsesImportOptions {
  /** The file's name for problems and the activity log. */
  readonly where: string;
  readonly actor: Actor;
  readonly dryRun?: boolean;
  readonly onProgress?: (phase: 'check' | 'write', done: number, total: number) => void;
}

/** Checks and (unless a dry run) imports the response file of the report `slug`. */
export async function importResponses(db: Database, clock: Clock, slug: string, input: Buffer | string, options: ResponsesImportOptions): Promise<ResponsesImportSummary> {
  const id = (await reportIdsBySlug(db, [slug])).get(slug);
  if (id === undefined) throw new NotFound(`there is no report "${slug}"`);
  const report = (await findReportsByIds(db, [id])).get(id)!;
  if (!report.survey) {
    throw new Invalid(`the report "${slug}" has no questions: give it segment_columns and questions in its front matter first (docs/reports.md)`);
  }
  const parsed = parseResponsesCsv(input, report.survey, (done, total) => options.onProgress?.('check', done, total));
  if (parsed.problems.length > 0) {
    const count = parsed.problems.length;
    throw new Invalid(
      `${count} problem${count === 1 ? '' : 's'} in ${options.where}; nothing was imported`,
      parsed.problems.map((problem) => ({ ...problem, where: options.where })),
    );
  }
  const counts = new Map<string, { column: string; value: string; respondents: number }>();
  for (const row of parsed.rows) {
    for (const [column, value] of Object.entries(row.segments)) {
      const key = `${column}\u0000${value}`;
      const entry = counts.get(key) ?? { column, value, respondents: 0 };
      counts.set(key, { ...entry, respondents: entry.respondents + 1 });
    }
  }
  const summary: ResponsesImportSummary = {
    dryRun: options.dryRun === true,
    reportId: id,
    respondents: parsed.rows.length,
    segments: [...counts.values()],
    replaced: report.respondents,
  };
  if (options.dryRun) return summary;
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await replaceResponses(trx, id, parsed.rows, now, (done) => options.onProgress?.('write', done, parsed.rows.length));
    await bumpContentVersion(trx, now);
    await recordActivity(trx, clock, options.actor, 'report.responses.import', { type: 'report', id, label: slug }, `${options.where}: ${summary.respondents} respondents (replacing ${summary.replaced})`);
  });
  return summary;
}
