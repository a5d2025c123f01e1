import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { createTestApp, destroyTestApp } from '../../test/support/app.js';
import { importContent } from '../content-folder/import.service.js';
import type { Clock } from '../lib/clock.js';

// Cached public pages are dropped when content changes, even when the change is made by another
// process (the CLI) that only shares the database.

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'insights-cache-'));
  await mkdir(join(folder, 'stories'));
  await mkdir(join(folder, 'issues'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function writeIssue(title: string): Promise<void> {
  await writeFile(join(folder, 'stories', 'cache-story.md'), `---\ntitle: ${title}\nkind: news\n---\nTeaser.\n`);
  await writeFile(
    join(folder, 'issues', '2026-winter.md'),
    `---\ntitle: 2026 Winter Issue\nseason: winter\nyear: 2026\nstatus: published\npublished_at: 2026-11-01T00:00:00Z\nsections:\n  - kind: news\n    heading: News\n    items:\n      - story: cache-story\n---\nIntro.\n`,
  );
}

forEachDialect('page cache invalidation', ({ db }) => {
  it('serves the new version within a second of an import by another process', async () => {
    let now = Date.parse('2026-11-28T12:00:00Z');
    const clock: Clock = { now: () => new Date(now) };
    await writeIssue('First headline');
    await importContent(db(), folder, { clock });
    const app = await createTestApp(db(), { clock });
    expect((await app.http.inject('/issues/2026-winter')).body).toContain('First headline');
    expect((await app.http.inject('/')).body).toContain('First headline');

    await writeIssue('Second headline');
    await importContent(db(), folder, { clock });
    // Still the cached page: the version is read at most once a second.
    expect((await app.http.inject('/issues/2026-winter')).body).toContain('First headline');
    now += 1500;
    expect((await app.http.inject('/issues/2026-winter')).body).toContain('Second headline');
    expect((await app.http.inject('/stories/cache-story')).body).toContain('Second headline');
    await destroyTestApp(app);
  });
});
