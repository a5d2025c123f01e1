import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase, forEachDialect } from '../../test/support/databases.js';
import { testImage } from '../../test/support/images.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import type { Database } from '../db/database.js';
import { createStory } from '../issues/story-editing.service.js';
import { fixedClock } from '../lib/clock.js';
import { Invalid } from '../lib/errors.js';
import { getMedia, listMedia, mediaMarkdown, uploadMedia } from '../media/media.service.js';
import { getAllStories } from '../stories/stories.service.js';
import { exportContent } from './export.service.js';
import { importContent } from './import.service.js';
import { importVocabulary } from '../../test/support/content.js';

// The content folder carries images: export writes each master with its texts and bodies name
// them by relative path; import into another database and media folder brings them back (the
// same addresses, resized again), and a second export is identical. A bad image refuses the
// whole import: no row, no file.

const clock = fixedClock('2026-11-28T12:00:00Z');
let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'insights-media-folder-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(join(entry.parentPath, entry.name).slice(dir.length + 1), await readFile(join(entry.parentPath, entry.name)));
  }
  return out;
}

forEachDialect('content folder: images', ({ db, engine }) => {
  let other: Database;
  beforeAll(async () => {
    other = await createTestDatabase(engine);
    await importVocabulary(db(), clock);
  }, 60_000);
  afterAll(() => destroyTestDatabase(other));

  it('round-trips images, their texts, body references and lead images through export and import', async () => {
    const mediaA = await mkdtemp(join(scratch, 'a-'));
    const mediaB = await mkdtemp(join(scratch, 'b-'));
    const { item } = await uploadMedia(db(), clock, mediaA, SYSTEM_ACTOR, { bytes: await testImage('jpeg', 1000, 600, { exif: true }), alt: 'The fair hall', caption: 'Hall 3', credit: 'Photo: AHK' });
    await createStory(db(), clock, SYSTEM_ACTOR, {
      slug: 'story-with-image', title: 'A story with an image', kind: 'news', body: `Before.\n\n${mediaMarkdown(item)}\n\nAfter.`, topics: [], sectors: [], organizations: '', sources: [],
      leadImage: `/media/${item.hash}-1000.jpg`,
    });
    const first = join(scratch, `export-1-${engine}`);
    await exportContent(db(), first, { mediaDir: mediaA });
    const story = await readFile(join(first, 'stories', 'story-with-image.md'), 'utf8');
    expect(story).toContain(`lead_image: ../media/${item.hash}.jpg`);
    expect(story).toContain(`![The fair hall](../media/${item.hash}.jpg "Hall 3 · Photo: AHK")`);
    expect(await readFile(join(first, 'media', `${item.hash}.md`), 'utf8')).toBe('---\nalt: The fair hall\ncaption: Hall 3\ncredit: "Photo: AHK"\n---\n');
    // The exported master carries no EXIF.
    expect((await sharp(await readFile(join(first, 'media', `${item.hash}.jpg`))).metadata()).exif).toBeUndefined();

    await importContent(other, first, { clock, mediaDir: mediaB });
    const imported = await getMedia(other, item.hash);
    expect(imported).toMatchObject({ alt: 'The fair hall', caption: 'Hall 3', credit: 'Photo: AHK', width: 1000, height: 600, widths: [320, 640, 960, 1000] });
    for (const width of imported.widths) expect(existsSync(join(mediaB, `${item.hash}-${width}.jpg`))).toBe(true);
    const [back] = (await getAllStories(other)).filter((s) => s.slug === 'story-with-image');
    expect(back!.leadImage).toEqual({ path: `/media/${item.hash}-1000.jpg`, alt: 'The fair hall', caption: 'Hall 3', credit: 'Photo: AHK' });
    expect(back!.body.teaser).toContain(`(/media/${item.hash}-1000.jpg "Hall 3 · Photo: AHK")`);

    const second = join(scratch, `export-2-${engine}`);
    await exportContent(other, second, { mediaDir: mediaB });
    const [a, b] = [await filesOf(first), await filesOf(second)];
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [path, content] of a) if (path.endsWith('.md')) expect(b.get(path)!.toString('utf8'), path).toBe(content.toString('utf8'));
  });

  it('refuses the whole folder for a bad image or a missing one, storing no row and no file', async () => {
    const dir = join(scratch, `bad-${engine}`);
    const mediaDir = await mkdtemp(join(scratch, 'c-'));
    const good = await testImage('png', 50, 50);
    const files: Record<string, string | Buffer> = {
      'media/aaaaaaaaaaaaaaaa.png': good,
      'media/aaaaaaaaaaaaaaaa.md': '---\nalt: A good square\n---\n',
      'media/bbbbbbbbbbbbbbbb.png': Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'media/bbbbbbbbbbbbbbbb.md': '---\nalt: A script\n---\n',
      'media/cccccccccccccccc.jpg': good,
      'stories/uses-missing.md': '---\ntitle: Missing image\nkind: news\n---\n![Gone](../media/dddddddddddddddd.jpg)\n',
    };
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    const before = (await listMedia(other, { limit: 100, offset: 0 })).total;
    const error = await importContent(other, dir, { clock, mediaDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Invalid);
    const problems = (error as Invalid).problems.map((p) => `${p.where}: ${p.message}`);
    expect(problems).toContain('media/bbbbbbbbbbbbbbbb.png: SVG images are refused (they can carry scripts); upload a PNG instead');
    expect(problems).toContain('media/cccccccccccccccc.jpg: needs its alt text: add media/cccccccccccccccc.md with "alt: …" in its front matter');
    expect(problems).toContain('stories/uses-missing.md: refers to the image ../media/dddddddddddddddd.jpg, which is neither in media/ nor stored');
    expect((await listMedia(other, { limit: 100, offset: 0 })).total).toBe(before);
    expect(readdirSync(mediaDir)).toEqual([]);
  });
});
