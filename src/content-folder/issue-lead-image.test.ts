import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase, forEachDialect } from '../../test/support/databases.js';
import { testImage } from '../../test/support/images.js';
import { importVocabulary } from '../../test/support/content.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import type { Database } from '../db/database.js';
import { createIssue } from '../issues/issue-editing.service.js';
import { changeIssueLeadImage, getLoadedIssueLeadImage, listAllIssues } from '../issues/issues.service.js';
import { fixedClock } from '../lib/clock.js';
import { Invalid } from '../lib/errors.js';
import { uploadMedia } from '../media/media.service.js';
import { exportContent } from './export.service.js';
import { importContent } from './import.service.js';

// An issue's lead image in the content folder (docs/content-format.md): the export writes
// `lead_image: ../media/<hash>.<ext>` in the issue's file, the import reads it back to the same
// served image, and a second export is identical. An issue naming an image the folder does not
// have (nor the database) refuses the whole import: nothing is written.

const clock = fixedClock('2026-11-28T12:00:00Z');
let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'insights-issue-lead-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

forEachDialect('content folder: an issue’s lead image', ({ db, engine }) => {
  let other: Database;
  beforeAll(async () => {
    other = await createTestDatabase(engine);
    await importVocabulary(db(), clock);
  }, 60_000);
  afterAll(() => destroyTestDatabase(other));

  it('exports the lead image by relative path and imports it back', async () => {
    const mediaA = await mkdtemp(join(scratch, 'a-'));
    const mediaB = await mkdtemp(join(scratch, 'b-'));
    const { item } = await uploadMedia(db(), clock, mediaA, SYSTEM_ACTOR, { bytes: await testImage('jpeg', 900, 500), alt: 'The chamber’s hall', caption: 'Opening', credit: 'Photo: AHK' });
    await createIssue(db(), clock, SYSTEM_ACTOR, { season: 'winter', year: '2026', title: 'Winter with a lead image' });
    await changeIssueLeadImage(db(), clock, SYSTEM_ACTOR, '2026-winter', `/media/${item.hash}-900.jpg`);

    const first = join(scratch, `export-1-${engine}`);
    await exportContent(db(), first, { mediaDir: mediaA });
    const file = await readFile(join(first, 'issues', '2026-winter.md'), 'utf8');
    expect(file).toContain(`lead_image: ../media/${item.hash}.jpg\n`);
    expect(file).not.toContain('/media/' + item.hash + '-');

    await importContent(other, first, { clock, mediaDir: mediaB });
    expect(await getLoadedIssueLeadImage(other, '2026-winter')).toEqual({ path: `/media/${item.hash}-900.jpg`, alt: 'The chamber’s hall', caption: 'Opening', credit: 'Photo: AHK' });

    const second = join(scratch, `export-2-${engine}`);
    await exportContent(other, second, { mediaDir: mediaB });
    expect(await readFile(join(second, 'issues', '2026-winter.md'), 'utf8')).toBe(file);

    // An import without lead_image clears it (the file is the truth), as a story's.
    await writeFile(join(first, 'issues', '2026-winter.md'), file.replace(/^lead_image: .*\n/m, ''));
    await importContent(other, first, { clock, mediaDir: mediaB });
    expect(await getLoadedIssueLeadImage(other, '2026-winter')).toBeNull();
  });

  it('refuses the whole folder when an issue names an image that is nowhere, or names it wrongly', async () => {
    const dir = join(scratch, `bad-${engine}`);
    const mediaDir = await mkdtemp(join(scratch, 'c-'));
    const files: Record<string, string> = {
      'issues/2027-spring.md': '---\ntitle: Missing image\nseason: spring\nyear: 2027\nstatus: draft\nlead_image: ../media/dddddddddddddddd.jpg\n---\n',
      'issues/2027-summer.md': '---\ntitle: Foreign image\nseason: summer\nyear: 2027\nstatus: draft\nlead_image: https://example.com/a.jpg\n---\n',
    };
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    const before = (await listAllIssues(other)).length;
    const error = await importContent(other, dir, { clock, mediaDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Invalid);
    const problems = (error as Invalid).problems.map((p) => `${p.where}: ${p.message}`);
    expect(problems.some((p) => p.startsWith('issues/2027-summer.md') && p.includes('lead_image'))).toBe(true);
    // Once the wrong one is fixed, the missing one still refuses everything.
    await rm(join(dir, 'issues', '2027-summer.md'));
    const missing = await importContent(other, dir, { clock, mediaDir }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Invalid);
    expect((missing as Invalid).problems.map((p) => `${p.where}: ${p.message}`)).toContain('issues/2027-spring.md: refers to the image ../media/dddddddddddddddd.jpg, which is neither in media/ nor stored');
    expect((await listAllIssues(other)).length).toBe(before);
  });
});
