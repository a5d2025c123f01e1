import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { systemClock } from '../lib/clock.js';
import { Invalid } from '../lib/errors.js';
import { importResponses, type ResponsesImportSummary } from '../reports/responses.service.js';
import { withDatabase } from './database.js';
import { createProgress } from './progress.js';

/** The line `import responses` prints. */
export function describeResponsesImport(slug: string, summary: ResponsesImportSummary): string {
  const segments = summary.segments.map((s) => `${s.column} ${s.value}: ${s.respondents}`).join(', ');
  return summary.dryRun
    ? `dry run, nothing was written: ${summary.respondents} respondents for ${slug} (${segments}) would replace the ${summary.replaced} stored`
    : `imported ${summary.respondents} respondents for ${slug} (${segments}), replacing ${summary.replaced}`;
}

/** `insights import responses <report-slug> <csv> [--dry-run]` (docs/reports.md). */
export function addResponsesCommands(importCommand: Command): void {
  importCommand
    .command('responses')
    .description("import a survey report's responses from a CSV (respondent, segment columns, one column per question); all or nothing, replaces the stored responses")
    .argument('<report-slug>', 'the report, which defines segment_columns and questions')
    .argument('<csv>', 'the CSV file')
    .option('--dry-run', 'check the file and count, writing nothing')
    .action(async (slug: string, file: string, options: { dryRun?: boolean }) => {
      const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
        throw new Invalid(`cannot read ${file}${error.code === 'ENOENT' ? ': no such file' : error.code ? ` (${error.code})` : ''}`);
      });
      const progress = createProgress();
      const summary = await withDatabase((db) =>
        importResponses(db, systemClock, slug, bytes, {
          where: file,
          actor: SYSTEM_ACTOR,
          dryRun: options.dryRun === true,
          onProgress: (phase, done, total) => progress.update(phase === 'check' ? 'checking' : 'writing', done, total),
        })
          .catch((error: unknown) => {
            // Each bad line as `<file>: line N: problem`, the way the issue and docs/reports.md name them.
            if (error instanceof Invalid) throw new Invalid(error.message, error.problems.map((p) => ({ message: `${file}: ${p.line === undefined ? '' : `line ${p.line}: `}${p.message}` })));
            throw error;
          })
          .finally(() => progress.stop()),
      );
      process.stdout.write(`${describeResponsesImport(slug, summary)}\n`);
    });
}
