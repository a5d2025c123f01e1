import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { loadConfig } from '../config.js';
import { systemClock } from '../lib/clock.js';
import { Invalid } from '../lib/errors.js';
import { backupDataDir } from './backup.js';
import { eraseAddress, reapplyErasures } from '../privacy/erasure.service.js';
import { exportPersonalData } from '../privacy/export.service.js';
import type { ErasureReport, RetentionReport } from '../privacy/privacy.js';
import { purgeExpired } from '../privacy/retention.service.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { createProgress } from './progress.js';
import { withServices } from './database.js';

/** The lines `contacts erase` prints: one per registry entry that holds something, with its count. */
export function describeErasure(report: ErasureReport): string[] {
  const verb = { delete: report.dryRun ? 'would delete' : 'deleted', anonymise: report.dryRun ? 'would anonymise' : 'anonymised', keep: 'keeps' } as const;
  const who = report.contactId === null ? 'an address without a contact' : `contact #${report.contactId}`;
  const lines = [report.dryRun ? `dry run, nothing was changed: erasing ${who}` : `erased ${who}; its address is kept only as a keyed hash, so it is never mailed or imported again`];
  for (const count of report.counts) if (count.count > 0) lines.push(`  ${count.entry}: ${verb[count.action]} ${count.count}`);
  return lines;
}

/** The lines `retention run` prints: one per purge rule, with its count. */
export function describeRetention(report: RetentionReport): string[] {
  const verb = { delete: report.dryRun ? 'would delete' : 'deleted', clear: report.dryRun ? 'would clear' : 'cleared' } as const;
  const total = report.counts.reduce((sum, count) => sum + count.count, 0);
  const lines = [report.dryRun ? `dry run, nothing was changed: ${total} rows are older than their retention age` : `purged ${total} rows older than their retention age`];
  for (const count of report.counts) lines.push(`  ${count.rule}: ${verb[count.action]} ${count.count}`);
  return lines;
}

/** `insights contacts export-person|erase`, `insights retention run` and `insights backup`. */
export function addPrivacyCommands(program: Command): void {
  const contacts = program.command('contacts').description('data requests about one person (docs/privacy.md)');

  contacts
    .command('export-person')
    .description('print everything stored about an address as one JSON document (Art. 15/20)')
    .argument('<email>', 'the person\'s email address')
    .action(async (email: string) => {
      const document = await withServices((services) => exportPersonalData(services.db, systemClock, services.config.erasureKey, email, SYSTEM_ACTOR));
      process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    });

  contacts
    .command('erase')
    .description('erase everything stored about an address (Art. 17); keeps only a keyed hash so it is never mailed again')
    .argument('<email>', 'the person\'s email address')
    .option('--dry-run', 'print what would be erased, per registry entry, changing nothing')
    .action(async (email: string, options: { dryRun?: boolean }) => {
      const report = await withServices((services) =>
        eraseAddress({ db: services.db, clock: systemClock, erasureKey: services.config.erasureKey, outboxDir: services.transport.outboxDir }, email, SYSTEM_ACTOR, { dryRun: options.dryRun === true }),
      );
      process.stdout.write(`${describeErasure(report).join('\n')}\n`);
    });

  contacts
    .command('reapply-erasures')
    .description('after restoring a backup: erase again everyone whose erasure hash is in the file (docs/operations.md)')
    .argument('<file>', 'the erased_addresses hashes saved before the restore, one per line')
    .action(async (file: string) => {
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new Invalid(`cannot read ${file}${error.code === 'ENOENT' ? ': no such file' : error.code ? ` (${error.code})` : ''}`);
      });
      const result = await withServices((services) =>
        reapplyErasures({ db: services.db, clock: systemClock, erasureKey: services.config.erasureKey, outboxDir: services.transport.outboxDir }, text.split(/\r?\n/), SYSTEM_ACTOR),
      );
      process.stdout.write(`erased ${result.erased} addresses again; recorded ${result.recorded} new erasure hashes\n`);
    });

  program
    .command('retention')
    .description('the retention purge of old personal details (docs/operations.md, "Retention")')
    .command('run')
    .description('purge now what is older than the site settings\' retention ages (the worker does this hourly)')
    .option('--dry-run', 'print what would be purged, per rule, changing nothing')
    .action(async (options: { dryRun?: boolean }) => {
      const progress = createProgress();
      let report: RetentionReport;
      try {
        report = await withServices(async (services) =>
          purgeExpired(services.db, services.clock, await getSiteSettings(services.db, services.site), { dryRun: options.dryRun === true, actor: SYSTEM_ACTOR, onProgress: (rule, done, total) => progress.update(rule, done, total) }),
        );
      } finally {
        progress.stop();
      }
      process.stdout.write(`${describeRetention(report).join('\n')}\n`);
    });

  program
    .command('backup')
    .description('write the SQLite database (online backup), the media folder and the key files into one tar file (docs/operations.md)')
    .argument('<file>', 'the tar file to write (must not exist yet), e.g. insights-2026-12-01.tar')
    .action(async (file: string) => {
      const written = await backupDataDir(loadConfig(), file);
      process.stdout.write(`backed up ${written.join(', ')} to ${file}\n`);
    });
}
