import type { Command } from 'commander';
import type { Actor } from '../activity/activity.js';
import type { CurationSource, PollOutcome } from '../curation/curation.js';
import { addSource, listSources, pollSource, removeSource } from '../curation/sources.service.js';
import { withServices } from './database.js';
import { createProgress } from './progress.js';

// `insights sources add|list|remove`: the curation inbox's feeds (docs/curation.md). `add` polls
// each new source at once (a progress bar on a terminal) and says how it went; the worker keeps
// polling it after that.

const CLI_ACTOR: Actor = { type: 'system', id: null, label: 'cli' };

function describeOutcome(outcome: PollOutcome): string {
  if (outcome.kind === 'updated') return `ok, ${outcome.added} new item${outcome.added === 1 ? '' : 's'}`;
  if (outcome.kind === 'not_modified') return 'ok, unchanged';
  return `failing: ${outcome.reason}`;
}

function sourceLine(source: CurationSource): string {
  const health = source.state === 'failing' ? `failing (${source.errorCount}×: ${source.lastError ?? ''})` : source.state;
  return [source.url, source.title || '-', health, `${source.itemCount} items`, source.lastSuccessAt ? `last ok ${source.lastSuccessAt}` : 'never polled ok'].join('\t');
}

/** Registers `sources add <url...>`, `sources list`, `sources remove <url>`. */
export function addCurationCommands(program: Command): void {
  const sources = program.command('sources').description('the feeds of the curation inbox (docs/curation.md)');
  sources
    .command('add')
    .argument('<url...>', 'feed addresses (RSS 2.0, Atom or JSON Feed)')
    .description('add feeds and poll each once now; the worker polls them from then on')
    .action(async (urls: string[]) => {
      await withServices(async ({ db, clock, fetcher }) => {
        const progress = createProgress();
        const lines: string[] = [];
        try {
          for (const [index, url] of urls.entries()) {
            progress.update('polling', index, urls.length);
            const added = await addSource({ db, clock, fetcher }, CLI_ACTOR, url);
            const outcome = await pollSource({ db, clock, fetcher }, added.id);
            lines.push(`added ${added.url}: ${describeOutcome(outcome)}`);
          }
          progress.update('polling', urls.length, urls.length);
        } finally {
          progress.stop();
          for (const line of lines) process.stdout.write(`${line}\n`);
        }
      });
    });
  sources
    .command('list')
    .description('every source with its health (tab-separated: url, title, health, items, last success)')
    .action(async () => {
      await withServices(async ({ db }) => {
        const all = await listSources(db);
        for (const source of all) process.stdout.write(`${sourceLine(source)}\n`);
        if (all.length === 0) process.stdout.write('no sources yet: insights sources add <url>\n');
      });
    });
  sources
    .command('remove')
    .argument('<url>', 'the feed address as listed')
    .description('remove a source; the items it brought stay in the inbox')
    .action(async (url: string) => {
      await withServices(async ({ db, clock }) => {
        await removeSource({ db, clock }, CLI_ACTOR, url);
        process.stdout.write(`removed ${url}\n`);
      });
    });
}
