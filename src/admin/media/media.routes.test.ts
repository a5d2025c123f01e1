import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { visibleText } from '../../../test/support/app.js';
import { forEachDialect } from '../../../test/support/databases.js';
import { startDemoDesk, type DemoDesk, type DeskSession } from '../../../test/support/desk.js';
import { bombPng, multipartFile, testImage } from '../../../test/support/images.js';
import { listActivity } from '../../activity/activity.service.js';
import { fixedClock } from '../../lib/clock.js';
import { MAX_UPLOAD_BYTES } from '../../media/media.js';
import { listMedia } from '../../media/media.service.js';

// The desk's image upload through the real app: accepted types (sniffed from the bytes),
// resized widths served immutable without EXIF, and every refusal storing nothing.

const clock = fixedClock('2026-11-28T12:00:00Z');

forEachDialect('desk: images', ({ db }) => {
  let desk: DemoDesk;
  startDemoDesk(db, clock, (started) => {
    desk = started;
  });
  const mediaDir = () => desk.app.services.config.mediaDir;
  const upload = (session: DeskSession, fields: Record<string, string>, file?: { name: string; type: string; content: Buffer }) => {
    const body = multipartFile({ _csrf: session.csrf, ...fields }, file ? { field: 'file', ...file } : undefined);
    return desk.app.http.inject({ method: 'POST', url: '/admin/media', headers: { cookie: session.cookie, ...body.headers }, payload: body.payload });
  };
  const count = async () => (await listMedia(db(), { limit: 1000, offset: 0 })).total;

  it('accepts a JPEG with alt text: resized widths, EXIF gone, served immutable, logged', async () => {
    const jpeg = await testImage('jpeg', 1400, 900, { exif: true });
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const response = await upload(desk.contributor, { alt: 'A blue test card', caption: 'The test card', credit: 'Photo: Test' }, { name: 'card.jpg', type: 'image/jpeg', content: jpeg });
    expect(response.statusCode).toBe(303);
    const hash = /\/admin\/media\/([0-9a-f]{16})$/.exec(String(response.headers.location))![1]!;
    const { items } = await listMedia(db(), { limit: 10, offset: 0 });
    const item = items.find((one) => one.hash === hash)!;
    expect(item).toMatchObject({ ext: 'jpg', width: 1400, height: 900, widths: [320, 640, 960, 1280, 1400], alt: 'A blue test card', caption: 'The test card', credit: 'Photo: Test' });
    for (const width of item.widths) {
      const served = await desk.app.http.inject({ url: `/media/${hash}-${width}.jpg` });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/jpeg');
      expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const meta = await sharp(served.rawPayload).metadata();
      expect(meta.width).toBe(width);
      expect(meta.exif).toBeUndefined();
      expect(served.rawPayload.includes(Buffer.from('Secret Model 9'))).toBe(false);
    }
    // The master (kept for the content folder) is never served; nor is anything but a width's file.
    expect(existsSync(join(mediaDir(), `${hash}.jpg`))).toBe(true);
    expect((await desk.app.http.inject({ url: `/media/${hash}.jpg` })).statusCode).toBe(404);
    expect((await desk.app.http.inject({ url: `/media/${hash}-777.jpg` })).statusCode).toBe(404);
    expect((await desk.app.http.inject({ url: '/media/..%2Finsights.sqlite' })).statusCode).toBe(404);
    const page = visibleText((await desk.contributor.get(`/admin/media/${hash}`)).body);
    expect(page).toContain(`![A blue test card](/media/${hash}-1400.jpg "The test card · Photo: Test")`);
    const log = await listActivity(db(), { limit: 5 });
    expect(log.some((entry) => entry.action === 'media.upload' && entry.subject.label === hash)).toBe(true);
    // The same bytes again are the same image.
    const again = await upload(desk.contributor, { alt: 'Again' }, { name: 'other-name.jpg', type: 'image/jpeg', content: jpeg });
    expect(again.headers.location).toBe(`/admin/media/${hash}`);
  });

  it('accepts PNG, WebP, AVIF and GIF, whatever their names say; transparency stays PNG', async () => {
    const cases = [
      { content: await testImage('png', 500, 300, { alpha: true }), name: 'logo.jpg', ext: 'png' },
      { content: await testImage('webp', 700, 400), name: 'photo.png', ext: 'jpg' },
      { content: await testImage('avif', 300, 200), name: 'photo.avif', ext: 'jpg' },
      { content: await testImage('gif', 200, 100), name: 'anim.gif', ext: 'png' },
    ];
    for (const one of cases) {
      const response = await upload(desk.editor, { alt: `An image from ${one.name}` }, { name: one.name, type: 'application/octet-stream', content: one.content });
      expect(response.statusCode, one.name).toBe(303);
      const hash = /([0-9a-f]{16})$/.exec(String(response.headers.location))![1]!;
      const files = readdirSync(mediaDir()).filter((name) => name.startsWith(`${hash}-`));
      expect(files.length, one.name).toBeGreaterThan(0);
      expect(files.every((name) => name.endsWith(`.${one.ext}`)), one.name).toBe(true);
    }
  });

  const refusals: { what: string; fields?: Record<string, string>; file?: () => Promise<{ name: string; type: string; content: Buffer }>; message: string }[] = [
    { what: 'a text file named .jpg (wrong magic bytes)', file: async () => ({ name: 'photo.jpg', type: 'image/jpeg', content: Buffer.from('just some text, not an image at all') }), message: 'This file is not a JPEG, PNG, WebP, AVIF or GIF image, whatever its name says.' },
    { what: 'an SVG with a script', file: async () => ({ name: 'logo.png', type: 'image/png', content: Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }), message: 'SVG images are refused (they can carry scripts).' },
    { what: 'a file over the limit', file: async () => ({ name: 'big.jpg', type: 'image/jpeg', content: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(MAX_UPLOAD_BYTES + 10)]) }), message: 'the limit is 10.0 MB' },
    { what: 'a decompression bomb', file: async () => ({ name: 'bomb.png', type: 'image/png', content: bombPng() }), message: 'The image has 30000 × 30000 pixels; the limit is 40 megapixels.' },
    { what: 'a damaged JPEG', file: async () => ({ name: 'cut.jpg', type: 'image/jpeg', content: (await testImage('jpeg', 400, 300)).subarray(0, 200) }), message: 'The image could not be read' },
    { what: 'no alt text', fields: { alt: '   ' }, file: async () => ({ name: 'ok.png', type: 'image/png', content: await testImage('png', 64, 64) }), message: 'Write the alt text' },
    { what: 'no file', message: 'Choose an image file' },
  ];
  for (const refusal of refusals) {
    it(`refuses ${refusal.what}, with a message, storing nothing`, async () => {
      const before = await count();
      const file = refusal.file ? await refusal.file() : undefined;
      // Files are named by the upload's hash (the folder is shared with other test files, so only this upload's names are checked).
      const hash = createHash('sha256').update(file?.content ?? Buffer.alloc(0)).digest('hex').slice(0, 16);
      const response = await upload(desk.editor, { alt: 'Alt text', caption: 'Kept <b>caption</b>', ...refusal.fields }, file);
      expect(response.statusCode).toBe(400);
      const page = visibleText(response.body);
      expect(page).toContain('The image was not stored.');
      expect(page).toContain(refusal.message);
      // The form comes back with what was typed (escaped).
      expect(response.body).toContain('value="Kept &lt;b>caption&lt;/b>"');
      expect(await count()).toBe(before);
      expect(readdirSync(mediaDir()).filter((name) => name.includes(hash))).toEqual([]);
    });
  }

  it('refuses a body beyond the upload parser’s own limit before reading it', async () => {
    const response = await upload(desk.editor, { alt: 'Too big' }, { name: 'huge.jpg', type: 'image/jpeg', content: Buffer.alloc(MAX_UPLOAD_BYTES + 2 * 1024 * 1024, 1) });
    expect(response.statusCode).toBe(413);
  });

  it('sets an issue’s lead image: shown on its page with srcset, in og:image; a path that is no upload is refused', async () => {
    const response = await upload(desk.editor, { alt: 'The spring cover', caption: 'Spring', credit: 'Photo: Desk' }, { name: 'cover.jpg', type: 'image/jpeg', content: await testImage('jpeg', 900, 500) });
    const hash = /([0-9a-f]{16})$/.exec(String(response.headers.location))![1]!;
    const path = `/media/${hash}-900.jpg`;
    expect((await desk.editor.post('/admin/issues/2024-spring/lead-image', { lead_image: path })).statusCode).toBe(303);
    const page = (await desk.app.http.inject({ url: '/issues/2024-spring' })).body;
    expect(page).toContain(`<meta property="og:image" content="http://insights.test/media/${hash}-640.jpg"/>`);
    expect(page).toContain(`srcset="/media/${hash}-320.jpg 320w, /media/${hash}-640.jpg 640w, /media/${hash}-900.jpg 900w"`);
    expect(visibleText(page)).toContain('Spring · Photo: Desk');
    const refused = await desk.editor.post('/admin/issues/2024-spring/lead-image', { lead_image: '/media/ffffffffffffffff-320.jpg' });
    expect(refused.statusCode).toBe(400);
    expect(visibleText(refused.body)).toContain('choose an uploaded image');
    expect((await desk.contributor.post('/admin/issues/2024-spring/lead-image', { lead_image: '' })).statusCode).toBe(403);
    expect((await desk.editor.post('/admin/issues/2024-spring/lead-image', { lead_image: '' })).statusCode).toBe(303);
    expect((await desk.app.http.inject({ url: '/issues/2024-spring' })).body).not.toContain('og:image');
  });

  it('flags external images on the story edit page', async () => {
    const page = await desk.editor.post('/admin/stories/new', { slug: 'with-external', title: 'External', kind: 'news', body: 'Text ![far](https://cdn.example.net/far.jpg)', op: 'preview' });
    const text = visibleText(page.body);
    expect(text).toContain('External images in this body');
    expect(text).toContain('https://cdn.example.net/far.jpg');
  });

  it('edits the texts, requiring alt text; contributors may, anonymous visitors may not upload', async () => {
    const png = await testImage('png', 100, 80);
    const response = await upload(desk.contributor, { alt: 'Small square' }, { name: 'sq.png', type: 'image/png', content: png });
    const path = String(response.headers.location);
    expect((await desk.contributor.post(path, { alt: '', caption: 'x', credit: '' })).statusCode).toBe(400);
    expect((await desk.contributor.post(path, { alt: 'A small grey square', caption: 'Caption', credit: 'Credit' })).statusCode).toBe(303);
    expect(visibleText((await desk.contributor.get(path)).body)).toContain('A small grey square');
    const body = multipartFile({ alt: 'x' }, { field: 'file', name: 'a.png', type: 'image/png', content: png });
    const anonymous = await desk.app.http.inject({ method: 'POST', url: '/admin/media', headers: body.headers, payload: body.payload });
    expect(anonymous.statusCode).toBe(403);
  });
});
