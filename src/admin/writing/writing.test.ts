import { expect, it } from 'vitest';
import { decodeHtml, visibleText } from '../../../test/support/app.js';
import { forEachDialect } from '../../../test/support/databases.js';
import { startDemoDesk, type DemoDesk } from '../../../test/support/desk.js';
import { fixedClock } from '../../lib/clock.js';
import { getEditableStory } from '../../issues/story-editing.service.js';

// The story page's writing surface through the real app: the toolbar is rendered hidden for
// the script (the page works as a textarea without it), its script is a same-origin file, a new
// story's empty slug is made from the title, and the preview of an unpublished story says it is a draft.

forEachDialect('desk: the writing surface', ({ db }) => {
  const clock = fixedClock('2026-11-28T12:00:00Z');
  let desk: DemoDesk;
  startDemoDesk(db, clock, (started) => {
    desk = started;
  });

  function story(fields: Record<string, string>) {
    return { slug: '', title: '', kind: 'news', body: 'Text.', organizations: '', op: 'save', ...fields };
  }

  it('renders the toolbar hidden above a plain textarea, labelled from the catalogs, and serves its script', async () => {
    const page = await desk.editor.get('/admin/stories/new');
    const html = decodeHtml(page.body);
    expect(html).toMatch(/<div class="writing__toolbar" role="toolbar" aria-label="Formatting" aria-controls="field-body" data-writing-for="field-body"[^>]* hidden>/);
    for (const label of ['Bold (Ctrl+B)', 'Italic (Ctrl+I)', 'Heading', 'Bulleted list', 'Numbered list', 'Link (Ctrl+K)', 'Quote']) expect(html).toContain(`aria-label="${label}"`);
    expect(html).toContain('data-md="members-only"');
    expect(html).toMatch(/<textarea id="field-body" name="body"/);
    expect(html).toContain('<script src="/assets/writing.js" defer></script>');
    // The slug may be left empty on a new story (no required attribute), and the form asks the script to fill it.
    const slugInput = /<input id="field-slug"[^>]*>/.exec(html)?.[0] ?? '';
    expect(slugInput).toMatch(/\svalue(=""|\s|\/)/);
    expect(slugInput).not.toContain('required');
    expect(html).toMatch(/<form [^>]*data-slug-from-title[\s>=]/);
    const script = await desk.app.http.inject({ url: '/assets/writing.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.body).toContain('htmlToMarkdown');
  });

  it('makes the slug from the title when it is left empty: umlauts written out, a suffix when taken, Chinese titles a stable one', async () => {
    const first = await desk.editor.post('/admin/stories/new', story({ title: 'Größere Märkte: China öffnet sich' }));
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/admin/stories/groessere-maerkte-china-oeffnet-sich/edit');
    const second = await desk.editor.post('/admin/stories/new', story({ title: 'Größere Märkte: China öffnet sich' }));
    expect(second.headers.location).toBe('/admin/stories/groessere-maerkte-china-oeffnet-sich-2/edit');
    const chinese = await desk.editor.post('/admin/stories/new', story({ title: '中国新增56家独角兽' }));
    expect(chinese.headers.location).toMatch(/^\/admin\/stories\/story-[0-9a-f]{10}\/edit$/);
    // A typed slug stays as typed.
    const typed = await desk.editor.post('/admin/stories/new', story({ slug: 'my-own-slug', title: 'Größere Märkte' }));
    expect(typed.headers.location).toBe('/admin/stories/my-own-slug/edit');
    expect((await getEditableStory(db(), 'groessere-maerkte-china-oeffnet-sich-2')).story.title).toBe('Größere Märkte: China öffnet sich');
  });

  it('still refuses an empty slug and an empty title together, with the form back', async () => {
    const failed = await desk.editor.post('/admin/stories/new', story({ body: 'Kept text.' }));
    expect(failed.statusCode).toBe(400);
    const text = visibleText(failed.body);
    expect(text).toContain('slug');
    expect(decodeHtml(failed.body)).toContain('Kept text.</textarea>');
  });

  it('marks the preview of an unpublished story "Draft preview", and not that of a published one', async () => {
    const draft = visibleText((await desk.editor.get('/admin/stories/my-own-slug/edit')).body);
    expect(draft).toContain('Draft preview This is not published yet: readers cannot see it.');
    // china-56-new-unicorns-2023 is in the demo's published 2024 Spring issue.
    const published = await desk.editor.get('/admin/stories/china-56-new-unicorns-2023/edit');
    expect(published.statusCode).toBe(200);
    expect(visibleText(published.body)).not.toContain('Draft preview');
  });
});
