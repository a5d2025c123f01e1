import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import { createTestApp, destroyTestApp } from '../../test/support/app.js';
import { importContent } from '../content-folder/import.service.js';
import { fixedClock } from '../lib/clock.js';

// Drafts and issues scheduled for later are invisible: no page, no story page, not in the
// archive, the feed or the sitemap; a scheduled issue appears once its time has come.

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'insights-drafts-'));
  await mkdir(join(folder, 'stories'));
  await mkdir(join(folder, 'issues'));
  await writeFile(join(folder, 'stories', 'draft-only-story.md'), '---\ntitle: Draft only story\nkind: news\n---\nNot yet.\n');
  await writeFile(join(folder, 'stories', 'scheduled-story.md'), '---\ntitle: Scheduled story\nkind: news\n---\nSoon.\n');
  const issue = (season: string, status: string, publishedAt: string | null, story: string) =>
    `---\ntitle: 2027 ${season} Issue\nseason: ${season}\nyear: 2027\nstatus: ${status}\n${publishedAt ? `published_at: ${publishedAt}\n` : ''}sections:\n  - kind: news\n    heading: News\n    items:\n      - story: ${story}\n---\nIntro.\n`;
  await writeFile(join(folder, 'issues', '2027-spring.md'), issue('spring', 'draft', null, 'draft-only-story'));
  await writeFile(join(folder, 'issues', '2027-summer.md'), issue('summer', 'scheduled', '2027-07-01T08:00:00Z', 'scheduled-story'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

forEachDialect('drafts and scheduled issues', ({ db }) => {
  it('keeps drafts invisible and shows a scheduled issue once it is due', async () => {
    await importContent(db(), folder, { clock: fixedClock('2026-11-28T12:00:00Z') });
    const before = await createTestApp(db(), { clock: fixedClock('2027-06-30T12:00:00Z') });
    for (const url of ['/issues/2027-spring', '/stories/draft-only-story', '/issues/2027-summer', '/stories/scheduled-story']) {
      expect((await before.http.inject(url)).statusCode, url).toBe(404);
    }
    for (const url of ['/issues', '/feed.xml', '/sitemap.xml', '/']) {
      const body = (await before.http.inject(url)).body;
      expect(body, url).not.toContain('2027');
      expect(body, url).not.toContain('draft-only-story');
    }
    await destroyTestApp(before);

    const after = await createTestApp(db(), { clock: fixedClock('2027-07-01T08:00:01Z') });
    expect((await after.http.inject('/issues/2027-summer')).statusCode).toBe(200);
    expect((await after.http.inject('/stories/scheduled-story')).statusCode).toBe(200);
    expect((await after.http.inject('/')).body).toContain('2027 summer Issue');
    expect((await after.http.inject('/issues/2027-spring')).statusCode).toBe(404);
    expect((await after.http.inject('/sitemap.xml')).body).not.toContain('draft-only-story');
    await destroyTestApp(after);
  });
});
