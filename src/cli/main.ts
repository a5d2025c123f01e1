import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config.js';
import { connectDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { exportContent } from '../content-folder/export.service.js';
import { importContent } from '../content-folder/import.service.js';
import { systemClock } from '../lib/clock.js';
import { DomainError, Invalid, formatProblem } from '../lib/errors.js';
import { createProgress } from './progress.js';
import { withDatabase } from './database.js';
import { addContactCommands } from './contacts.commands.js';
import { addCurationCommands } from './curation.commands.js';
import { addResponsesCommands } from './responses.commands.js';
import { addDeliveryCommands } from './delivery.commands.js';
import { addPrivacyCommands } from './privacy.commands.js';
import { addSearchCommands } from './search.commands.js';
import { addPeopleCommands } from './staff.commands.js';

// The `insights` command. Exit codes: 0 done, 1 handled error (message on stderr), 2 bad usage.

export function buildProgram(): Command {
  const program = new Command()
    .name('insights')
    .description('Innovation Insights: curate, compose, publish, deliver, engage.')
    .showHelpAfterError('(run insights --help for usage)')
    .exitOverride();

  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      const db = await connectDatabase(loadConfig().database);
      try {
        const applied = await migrateToLatest(db);
        process.stdout.write(applied.length === 0 ? 'database is up to date\n' : `applied ${applied.length} migration(s): ${applied.join(', ')}\n`);
      } finally {
        await db.destroy();
      }
    });

  const importCommand = program.command('import').description('import content');
  importCommand
    .command('content')
    .description('import a content folder (docs/content-format.md); all or nothing, idempotent by slug')
    .argument('<dir>', 'the content folder')
    .action(async (dir: string) => {
      const progress = createProgress();
      const summary = await withDatabase((db) =>
        importContent(db, dir, {
          clock: systemClock,
          mediaDir: loadConfig().mediaDir,
          onProgress: (phase, done, total) => progress.update(phase === 'read' ? 'reading' : 'writing', done, total),
        }).finally(() => progress.stop()),
      );
      process.stdout.write(
        `imported ${summary.files} files: ${summary.issues} issues, ${summary.stories} stories, ${summary.events} events, ` +
          `${summary.programs} programs, ${summary.reports} reports, ${summary.topics} topics, ${summary.sectors} sectors, ${summary.innovators} organisation profiles, ${summary.translations} translations\n`,
      );
    });

  const exportCommand = program.command('export').description('export content');
  exportCommand
    .command('content')
    .description('write all content as a content folder into an empty or new folder')
    .argument('<dir>', 'the folder to write')
    .action(async (dir: string) => {
      const count = await withDatabase((db) => exportContent(db, dir, { mediaDir: loadConfig().mediaDir }));
      process.stdout.write(`exported ${count} files to ${dir}\n`);
    });

  addContactCommands(importCommand, exportCommand);
  addResponsesCommands(importCommand);
  addPeopleCommands(program);
  addDeliveryCommands(program);
  addPrivacyCommands(program);
  addSearchCommands(program);
  addCurationCommands(program);

  return program;
}

/** Runs the CLI with `argv` (as process.argv) and returns the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof Invalid) {
      for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof DomainError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    return 1;
  }
}
