import { open, readFile, rm } from 'node:fs/promises';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import { loadConfig } from '../config.js';
import { systemClock } from '../lib/clock.js';
import { Conflict, Invalid } from '../lib/errors.js';
import { exportContacts } from '../members/contacts-export.service.js';
import { importContacts, type ContactsImportSummary } from '../members/contacts-import.service.js';
import { withDatabase } from './database.js';
import { createProgress } from './progress.js';

/** The lines `import contacts` prints: the counts, and for a dry run the first changes. */
export function describeContactsImport(summary: ContactsImportSummary): string[] {
  const would = summary.dryRun ? 'would be ' : '';
  const lines = [
    `${summary.dryRun ? 'dry run, nothing was written: ' : ''}${summary.rows} rows: ${summary.created} contacts ${would}created, ` +
      `${summary.updated} ${would}updated, ${summary.unchanged} unchanged; ${summary.companiesCreated} companies ${would}created, ` +
      `${summary.membershipsChanged} ${summary.dryRun ? 'would change' : 'changed'} membership`,
  ];
  if (summary.notSubscribed > 0) {
    lines.push(`${summary.notSubscribed} new contact${summary.notSubscribed === 1 ? '' : 's'} without consent ${would}imported not subscribed to the newsletter (a consent column, YYYY-MM-DD <source>, subscribes them)`);
  }
  // Line numbers only: the operator has the file, and the log should not name erased people.
  for (const line of summary.erasedLines) lines.push(`  line ${line}: suppressed (erased), skipped`);
  if (summary.dryRun) {
    for (const change of summary.changes) {
      lines.push(`  line ${change.line}: ${change.email}: ${change.action === 'create' ? 'new contact' : `update ${change.fields.join(', ')}`}`);
    }
    const more = summary.created + summary.updated - summary.changes.length;
    if (more > 0) lines.push(`  …and ${more} more changes`);
  }
  return lines;
}

async function readCsv(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Invalid(`cannot read ${file}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`);
  }
}

/** `insights import contacts <csv> [--dry-run]` and `insights export contacts <csv>`. */
export function addContactCommands(importCommand: Command, exportCommand: Command): void {
  importCommand
    .command('contacts')
    .description('import contacts from a CSV (email,name,company,member,language,topics); all or nothing, updates by email')
    .argument('<csv>', 'the CSV file')
    .option('--dry-run', 'check the file and report what would change, writing nothing')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      const bytes = await readCsv(file);
      const progress = createProgress();
      const summary = await withDatabase((db) =>
        importContacts(db, systemClock, bytes, {
          where: file,
          erasureKey: loadConfig().erasureKey,
          actor: SYSTEM_ACTOR,
          dryRun: options.dryRun === true,
          onProgress: (phase, done, total) => progress.update(phase === 'check' ? 'checking' : 'writing', done, total),
        }).finally(() => progress.stop()),
      );
      process.stdout.write(`${describeContactsImport(summary).join('\n')}\n`);
    });

  exportCommand
    .command('contacts')
    .description('write every contact to a new CSV file in the import format')
    .argument('<csv>', 'the file to write (must not exist yet)')
    .action(async (file: string) => {
      // Created before the export so an existing file is refused before anything is recorded.
      const handle = await open(file, 'wx').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') throw new Conflict(`${file} already exists; choose a new file name (nothing was overwritten)`);
        throw new Invalid(`cannot create ${file}${error.code ? ` (${error.code})` : ''}`);
      });
      let count: number;
      try {
        const exported = await withDatabase((db) => exportContacts(db, systemClock, SYSTEM_ACTOR));
        await handle.writeFile(exported.csv);
        count = exported.count;
      } catch (error) {
        await handle.close();
        await rm(file, { force: true });
        throw error;
      }
      await handle.close();
      process.stdout.write(`exported ${count} contacts to ${file}\n`);
    });
}
