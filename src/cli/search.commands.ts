import type { Command } from 'commander';
import { ICU_VERSION } from '../search/analysis.js';
import { reindexAll } from '../search/search.service.js';
import { withServices } from './database.js';
import { createProgress } from './progress.js';

/** `insights reindex`: rebuilds the search index from the content (docs/search.md). */
export function addSearchCommands(program: Command): void {
  program
    .command('reindex')
    .description('rebuild the search index from all content, in one transaction (docs/search.md); the web process does it by itself when the ICU version changed')
    .action(async () => {
      const progress = createProgress();
      let count: number;
      try {
        count = await withServices((services) => reindexAll(services.db, (done, total) => progress.update('reindex', done, total), services.clock.now()));
      } finally {
        progress.stop();
      }
      process.stdout.write(`reindexed ${count} items (ICU ${ICU_VERSION})\n`);
    });
}
