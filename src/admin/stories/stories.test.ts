import { describe, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/support/databases.js';
import { decodeHtml, visibleText } from '../../../test/support/app.js';
import type { App } from '../../app.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import { listActivity } from '../../activity/activity.service.js';
import { createStory } from '../../issues/story-editing.service.js';
import type { Clock } from '../../lib/clock.js';
import { type DeskSession, startDemoDesk } from '../../../test/support/desk.js';

// The desk's stories through the real app: sign-in, forms, validation, preview, permissions.

const MEMBERS_TEXT = 'Detail for members: 41 of the 56 unicorns are in hard tech.';

function storyFields(overrides: Record<string, string | readonly string[]> = {}): Record<string, string | readonly string[]> {
  return {
    slug: 'desk-unicorns-2023',
    title: 'China adds 56 new unicorns',
    kind: 'news',
    body: `Hurun counts 56 new unicorns.\r\n\r\n<!-- members-only -->\r\n${MEMBERS_TEXT}`,
    topics: ['startup-ecosystem', 'technology-trends'],
    sectors: 'finance',
    organizations: 'Hurun Report\r\n\r\nTechnode',
    'sources.0.author': 'Jessi Wu',
    'sources.0.title': '',
    'sources.0.outlet': 'Technode',
    'sources.0.published_on': '2023-11-03',
    'sources.0.url': 'https://example.org/unicorns',
    'sources.1.author': '',
    'sources.1.title': '',
    'sources.1.outlet': '',
    'sources.1.published_on': '',
    'sources.1.url': '',
    ...overrides,
  };
}

forEachDialect('desk: stories', ({ db }) => {
  let now = Date.parse('2026-11-28T12:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  let app: App;
  let editor: DeskSession;
  let contributor: DeskSession;

  startDemoDesk(db, clock, (desk) => {
    ({ app, editor, contributor } = desk);
  });

  it('creates a story with a members-only part; it appears in the list and the activity log', async () => {
    const created = await editor.post('/admin/stories/new', storyFields());
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/admin/stories/desk-unicorns-2023/edit');

    const edit = await editor.get('/admin/stories/desk-unicorns-2023/edit');
    expect(edit.statusCode).toBe(200);
    const html = decodeHtml(edit.body);
    expect(html).toContain('value="China adds 56 new unicorns"');
    // Stored in canonical form (LF line endings, the marker on its own line).
    expect(html).toContain(`Hurun counts 56 new unicorns.\n\n<!-- members-only -->\n${MEMBERS_TEXT}</textarea>`);
    expect(html).toContain('value="Technode"');
    expect(html).toMatch(/value="startup-ecosystem" checked/);
    expect(html).toContain('Hurun Report\nTechnode</textarea>');

    const list = visibleText((await editor.get('/admin/stories?q=unicorns+hard')).body);
    expect(list).toContain('China adds 56 new unicorns');
    expect(list).toContain('not in any issue');
    expect((await editor.get('/admin/stories?q=no-such-words-anywhere')).body).toContain('No stories match.');

    const entries = await listActivity(db(), { subjectType: 'story', limit: 10 });
    expect(entries.some((e) => e.action === 'story.create' && e.subject.label === 'desk-unicorns-2023' && e.actor.label === 'editor@example.com')).toBe(true);
  });

  it('filters by kind, topic, sector and use in an issue, and pages', async () => {
    const text = async (query: string) => visibleText((await editor.get(`/admin/stories?${query}`)).body);
    expect(await text('kind=news&topic=startup-ecosystem&sector=finance&used=no')).toContain('China adds 56 new unicorns');
    expect(await text('kind=interview')).not.toContain('China adds 56 new unicorns');
    expect(await text('used=yes')).not.toContain('China adds 56 new unicorns');
    expect(await text('topic=expert-interviews')).not.toContain('China adds 56 new unicorns');
    for (let n = 1; n <= 10; n++) {
      const draft = { slug: `paging-${n}`, title: `Paging ${n}`, kind: 'news', body: 'Text.', topics: [], sectors: [], organizations: '', sources: [] };
      await createStory(db(), clock, SYSTEM_ACTOR, draft);
    }
    const first = await text('');
    expect(first).toContain('Showing 1–25 of 28 stories');
    expect(first).toContain('Next page');
    const second = await text('page=2');
    expect(second).toContain('Showing 26–28 of 28 stories');
    expect(second).toContain('Previous page');
    expect(await text('page=9')).toContain('This page is past the end of the list.');
    // A LIKE wildcard in the search is a literal character.
    expect(await text('q=%25')).not.toContain('China adds 56 new unicorns');
  });

  it('re-renders the form with the input and a message per field for a bad slug, a mistyped members-only line and a javascript: link', async () => {
    const response = await editor.post(
      '/admin/stories/new',
      storyFields({
        slug: 'Bad Slug',
        title: 'Kept title',
        body: 'Teaser.\n<!--members-only-->\nSecret part.',
        'sources.0.url': 'javascript:alert(1)',
        'sources.1.author': 'No outlet given',
      }),
    );
    expect(response.statusCode).toBe(400);
    const html = decodeHtml(response.body);
    expect(html).toContain('value="Bad Slug"');
    expect(html).toContain('value="Kept title"');
    expect(html).toContain('Teaser.\n<!--members-only-->\nSecret part.</textarea>');
    expect(html).toContain('value="javascript:alert(1)"');
    const text = visibleText(response.body);
    expect(text).toContain('slug: must be a slug');
    expect(text).toMatch(/body: line 2: looks like a members-only line/);
    expect(text).toContain('sources.0.url: must be an http or https URL');
    expect(text).toContain('sources.1.outlet: is required');
    // The unsafe link is never rendered as a link in the preview.
    expect(response.body).not.toContain('href="javascript:');
    expect((await editor.get('/admin/stories?q=kept+title')).body).toContain('No stories match.');
  });

  it('refuses a slug another story has, as a field error', async () => {
    const response = await editor.post('/admin/stories/new', storyFields({ slug: 'china-56-new-unicorns-2023' }));
    expect(response.statusCode).toBe(400);
    expect(visibleText(response.body)).toMatch(/slug: "china-56-new-unicorns-2023" is already the slug of the story/);
  });

  it('adds, moves and removes source rows without saving', async () => {
    const fields = storyFields({ 'sources.1.outlet': 'Second outlet' });
    const more = await editor.post('/admin/stories/desk-unicorns-2023/edit', { ...fields, op: 'add-rows' });
    expect(more.statusCode).toBe(200);
    expect(more.body).toContain('name="sources.4.outlet"');
    expect(visibleText(more.body)).toContain('Not saved yet');

    const moved = decodeHtml((await editor.post('/admin/stories/desk-unicorns-2023/edit', { ...fields, op: 'source-up:1' })).body);
    expect(moved.indexOf('value="Second outlet"')).toBeLessThan(moved.indexOf('value="Technode"'));
    expect(moved).toMatch(/name="sources\.0\.outlet" type="text" value="Second outlet"/);

    const removed = decodeHtml((await editor.post('/admin/stories/desk-unicorns-2023/edit', { ...fields, op: 'source-remove:0' })).body);
    expect(removed).not.toContain('value="Technode"');
    expect(removed).toMatch(/name="sources\.0\.outlet" type="text" value="Second outlet"/);

    // Nothing was saved: the stored story still has its one source.
    const stored = decodeHtml((await editor.get('/admin/stories/desk-unicorns-2023/edit')).body);
    expect(stored).toContain('value="Technode"');
    expect(stored).not.toContain('Second outlet');
  });

  it('previews the teaser and the members-only part separately, live and on the Preview button', async () => {
    const live = await editor.post('/admin/stories/preview', storyFields());
    expect(live.statusCode).toBe(200);
    expect(live.body).not.toContain('<html');
    const text = visibleText(live.body);
    const publicPart = text.slice(text.indexOf('Public teaser'), text.indexOf('Members only'));
    expect(publicPart).toContain('Hurun counts 56 new unicorns.');
    expect(publicPart).not.toContain(MEMBERS_TEXT);
    expect(publicPart).toContain('The full story is for members');
    expect(text.slice(text.indexOf('Members only'))).toContain(MEMBERS_TEXT);

    const nearMiss = visibleText((await editor.post('/admin/stories/preview', storyFields({ body: 'Teaser\n<!-- Members-Only -->\nSecret' }))).body);
    expect(nearMiss).toContain('Fix this before saving');
    expect(nearMiss).toContain('No members-only part');

    const button = await editor.post('/admin/stories/desk-unicorns-2023/edit', { ...storyFields(), op: 'preview' });
    expect(button.statusCode).toBe(200);
    expect(visibleText(button.body)).toContain(MEMBERS_TEXT);
    expect(button.body).toContain('data-preview-url="/admin/stories/preview"');
  });

  it('lets a contributor create and edit, but not delete', async () => {
    const created = await contributor.post('/admin/stories/new', storyFields({ slug: 'contributor-story', title: 'By a contributor' }));
    expect(created.statusCode).toBe(303);
    now += 60_000;
    const edited = await contributor.post('/admin/stories/contributor-story/edit', storyFields({ slug: 'contributor-story', title: 'By a contributor, edited' }));
    expect(edited.statusCode).toBe(303);
    expect(decodeHtml((await contributor.get('/admin/stories/contributor-story/edit')).body)).toContain('value="By a contributor, edited"');
    expect((await contributor.get('/admin/stories/contributor-story/delete')).statusCode).toBe(403);
    expect((await contributor.post('/admin/stories/contributor-story/delete', {})).statusCode).toBe(403);
    const entries = await listActivity(db(), { actor: 'contributor@example.com', subjectType: 'story', limit: 10 });
    expect(entries.map((e) => e.action)).toEqual(['story.update', 'story.create']);
  });

  it('refuses to overwrite a story someone else saved since the form was opened', async () => {
    const opened = decodeHtml((await editor.get('/admin/stories/contributor-story/edit')).body);
    const version = /name="version" value="([^"]+)"/.exec(opened)![1]!;
    now += 60_000;
    expect((await contributor.post('/admin/stories/contributor-story/edit', storyFields({ slug: 'contributor-story', title: 'Their title' }))).statusCode).toBe(303);
    const stale = await editor.post('/admin/stories/contributor-story/edit', { ...storyFields({ slug: 'contributor-story', title: 'My title' }), version });
    expect(stale.statusCode).toBe(409);
    expect(visibleText(stale.body)).toContain('Someone else saved');
    expect(decodeHtml(stale.body)).toContain('value="My title"');
    // The re-rendered form carries the current version: saving again replaces theirs knowingly.
    const again = /name="version" value="([^"]+)"/.exec(decodeHtml(stale.body))![1]!;
    expect(again).not.toBe(version);
    expect((await editor.post('/admin/stories/contributor-story/edit', { ...storyFields({ slug: 'contributor-story', title: 'My title' }), version: again })).statusCode).toBe(303);
  });

  it('deletes a story no issue uses, and explains why one in an issue cannot be deleted', async () => {
    const blocked = await editor.get('/admin/stories/china-56-new-unicorns-2023/delete');
    expect(visibleText(blocked.body)).toMatch(/cannot be deleted: it is used in 2024 Spring Issue \(published\)/);
    const refused = await editor.post('/admin/stories/china-56-new-unicorns-2023/delete', {});
    expect(refused.statusCode).toBe(409);
    expect(visibleText(refused.body)).toContain('Remove it from that issue first.');

    const confirm = await editor.get('/admin/stories/contributor-story/delete');
    expect(visibleText(confirm.body)).toContain('This cannot be undone');
    const deleted = await editor.post('/admin/stories/contributor-story/delete', {});
    expect(deleted.statusCode).toBe(303);
    expect((await editor.get('/admin/stories/contributor-story/edit')).statusCode).toBe(404);
    const entries = await listActivity(db(), { subjectType: 'story', limit: 1 });
    expect(entries[0]).toMatchObject({ action: 'story.delete', subject: { label: 'contributor-story' } });
  });

  describe('anonymous visitors', () => {
    it('are sent to sign in, and cannot post', async () => {
      expect((await app.http.inject({ url: '/admin/stories' })).statusCode).toBe(303);
      expect((await app.http.inject({ method: 'POST', url: '/admin/stories/preview', payload: {} })).statusCode).toBe(403);
    });
  });
});
