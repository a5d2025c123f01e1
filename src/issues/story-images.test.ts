import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, decodeHtml, destroyTestApp, visibleText } from '../../test/support/app.js';
import { forEachDialect } from '../../test/support/databases.js';
import { signInDesk, type DeskSession } from '../../test/support/desk.js';
import { testImage } from '../../test/support/images.js';
import type { App } from '../app.js';
import { listActivity } from '../activity/activity.service.js';
import { DEMO_DIR } from '../content-folder/demo.js';
import { importContent } from '../content-folder/import.service.js';
import { fixedClock } from '../lib/clock.js';
import { listMedia } from '../media/media.service.js';
import { externalMarkdownImages, rewriteImage } from './story-images.service.js';
import { getEditableStory } from './story-editing.service.js';
import { joinBody } from '../content/body.js';

// External images of a story, imported through the guarded fetch from a local server on
// 127.0.0.1 (the only host FETCH_ALLOW_HOSTS names in tests): a photo is stored like an upload
// and the body points at the copy; a web page, a 404, an image without alt text and a host that
// resolves to a loopback address it does not allow (localhost) stay external, each with its reason.

let server: Server;
let base = '';
const requested: string[] = [];

beforeAll(async () => {
  const photo = await testImage('jpeg', 900, 600, { exif: true });
  const second = await testImage('png', 400, 300);
  server = createServer((request, response) => {
    requested.push(request.url ?? '');
    if (request.url === '/photo.jpg') return void response.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
    if (request.url === '/second.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(second);
    // A web page answering with image/jpeg: the bytes decide, not the content type.
    if (request.url === '/page.jpg') return void response.writeHead(200, { 'content-type': 'image/jpeg' }).end('<!doctype html><p>not an image</p>');
    response.writeHead(404, { 'content-type': 'text/plain' }).end('no');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('finds Markdown images with http(s) addresses and rewrites only images, not links', () => {
  const body = 'A ![Hall \\[3\\]](https://a.example/x.jpg "Cap") and [a link](https://a.example/x.jpg) and ![b](/media/0123456789abcdef-640.jpg) ![c](<https://b.example/y.png>)';
  expect(externalMarkdownImages(body)).toEqual([
    { url: 'https://a.example/x.jpg', alt: 'Hall [3]' },
    { url: 'https://b.example/y.png', alt: 'c' },
  ]);
  const rewritten = rewriteImage(rewriteImage(body, 'https://a.example/x.jpg', '/media/aaaaaaaaaaaaaaaa-1600.jpg'), 'https://b.example/y.png', '/media/bbbbbbbbbbbbbbbb-640.png');
  expect(rewritten).toBe('A ![Hall \\[3\\]](/media/aaaaaaaaaaaaaaaa-1600.jpg "Cap") and [a link](https://a.example/x.jpg) and ![b](/media/0123456789abcdef-640.jpg) ![c](/media/bbbbbbbbbbbbbbbb-640.png)');
  // A longer address that starts like an imported one is another image.
  expect(rewriteImage('![a](https://a.example/x.jpg2)', 'https://a.example/x.jpg', '/media/x')).toBe('![a](https://a.example/x.jpg2)');
});

forEachDialect('story images: external images imported', ({ db }) => {
  const clock = fixedClock('2026-11-28T12:00:00Z');
  let app: App;
  let editor: DeskSession;

  beforeAll(async () => {
    await importContent(db(), DEMO_DIR, { clock });
    app = await createTestApp(db(), { clock, config: { importExternalImages: true } });
    editor = await signInDesk(app, db(), 'editor@example.com', 'editor');
  });
  afterAll(async () => {
    if (app) await destroyTestApp(app);
  });

  function fields(slug: string, body: string) {
    return { slug, title: `Images ${slug}`, kind: 'news', body, organizations: '', op: 'save' };
  }

  it('the button imports what it can and says why the rest stays external', async () => {
    const port = new URL(base).port;
    const body = [
      `Before ![Hall 3 on the first morning](${base}/photo.jpg "Hall 3")`,
      '',
      `![A page in disguise](${base}/page.jpg)`,
      '',
      `![Gone](${base}/gone.jpg)`,
      '',
      `![](${base}/second.png)`,
      '',
      `![Loopback by name](http://localhost:${port}/photo.jpg)`,
      '',
      `[the photo as a link](${base}/photo.jpg)`,
    ].join('\n');
    // The button alone: the job a save queues never runs in this app.
    await app.jobs.stop();
    const created = await editor.post('/admin/stories/new', fields('images-button', body));
    expect(created.statusCode).toBe(303);
    const before = (await listMedia(db(), { limit: 100, offset: 0 })).total;
    requested.length = 0;

    const page = await editor.post('/admin/stories/images-button/import-images');
    expect(page.statusCode).toBe(200);
    const text = visibleText(page.body);
    expect(text).toContain(`Imported: ${base}/photo.jpg`);
    expect(text).toContain(`Stays external: ${base}/page.jpg. The answer is not an image`);
    expect(text).toContain(`Stays external: ${base}/gone.jpg. The server did not answer with the image.`);
    expect(text).toContain(`Stays external: ${base}/second.png. The image has no alt text`);
    expect(text).toContain(`Stays external: http://localhost:${port}/photo.jpg. The address is a private or local one: refused.`);
    // The image without alt text was never fetched; localhost was refused before connecting.
    expect(requested.sort()).toEqual(['/gone.jpg', '/page.jpg', '/photo.jpg']);

    const { story } = await getEditableStory(db(), 'images-button');
    const stored = joinBody(story.body);
    expect(stored).toMatch(/^Before !\[Hall 3 on the first morning\]\(\/media\/[0-9a-f]{16}-900\.jpg "Hall 3"\)/);
    expect(stored).toContain(`[the photo as a link](${base}/photo.jpg)`);
    expect(stored).toContain(`![A page in disguise](${base}/page.jpg)`);
    const media = await listMedia(db(), { limit: 100, offset: 0 });
    expect(media.total).toBe(before + 1);
    expect(media.items.some((item) => item.alt === 'Hall 3 on the first morning')).toBe(true);
    // The copy is served by the site; its EXIF is gone like an upload's.
    const path = /\/media\/[0-9a-f]{16}-900\.jpg/.exec(stored)![0];
    const served = await app.http.inject({ url: path });
    expect(served.statusCode).toBe(200);

    // Those left external are still flagged on the edit page.
    const edit = decodeHtml((await editor.get('/admin/stories/images-button/edit')).body);
    expect(edit).toContain(`<code>${base}/page.jpg</code>`);
    expect(edit).not.toContain(`<code>${base}/photo.jpg</code>`);
    const log = await listActivity(db(), { limit: 20 });
    expect(log.some((entry) => entry.action === 'story.update' && entry.subject.label === 'images-button')).toBe(true);
    expect(log.find((entry) => entry.action === 'story.images-external')?.detail).toContain(`${base}/page.jpg: not_image`);
  });

  it('a save queues the import; the job loop rewrites the body', async () => {
    const restarted = await createTestApp(db(), { clock, config: { importExternalImages: true } });
    try {
      const desk = await signInDesk(restarted, db(), 'editor2@example.com', 'editor');
      const saved = await desk.post('/admin/stories/new', fields('images-on-save', `Text\n\n![A second picture](${base}/second.png)`));
      expect(saved.statusCode).toBe(303);
      await restarted.jobs.drain();
      const { story } = await getEditableStory(db(), 'images-on-save');
      expect(joinBody(story.body)).toMatch(/^Text\n\n!\[A second picture\]\(\/media\/[0-9a-f]{16}-400\.png\)$/);
    } finally {
      await destroyTestApp(restarted);
    }
  });

  it('a body without external images queues nothing and offers no import', async () => {
    const saved = await editor.post('/admin/stories/new', fields('images-none', 'Only text.'));
    expect(saved.statusCode).toBe(303);
    const page = visibleText((await editor.get('/admin/stories/images-none/edit')).body);
    expect(page).not.toContain('being imported');
    expect(page).not.toContain('Import external images');
  });
});
