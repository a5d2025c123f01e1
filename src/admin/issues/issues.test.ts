import { expect, it } from 'vitest';
import { forEachDialect } from '../../../test/support/databases.js';
import { createTestApp, decodeHtml, destroyTestApp, visibleText } from '../../../test/support/app.js';
import type { App } from '../../app.js';
import { listActivity } from '../../activity/activity.service.js';
import { getDeskOverview } from '../../issues/desk-overview.service.js';
import { fixedClock, type Clock } from '../../lib/clock.js';
import { type DeskSession, startDemoDesk } from '../../../test/support/desk.js';

// Composing, previewing, publishing, unpublishing and scheduling an issue through the desk, and
// what the public site shows at each step.

const STORY_SECRET = 'Detail for members: the pilot covers 40 cities.';
const INTRO_SECRET = 'A note for members: the full survey tables are attached.';

/** The composition used throughout: a landscape section with two stories, then events. */
const composition = {
  title: '2024 Summer Issue',
  intro: `Welcome to the summer issue.\r\n\r\n<!-- members-only -->\r\n${INTRO_SECRET}`,
  'sections.0.kind': 'landscape',
  'sections.0.heading': 'China’s Innovation Landscape',
  'sections.0.items.0.label': 'Story 1',
  'sections.0.items.0.target': 'story:desk-charging-pilot',
  'sections.0.items.1.label': 'Story 2',
  'sections.0.items.1.target': 'story:china-56-new-unicorns-2023',
  'sections.0.items.2.label': '',
  'sections.0.items.2.target': '',
  'sections.1.kind': 'upcoming_events',
  'sections.1.heading': 'Upcoming events',
  'sections.1.items.0.label': '',
  'sections.1.items.0.target': 'event:asiamold-2024',
  'sections.2.kind': '',
  'sections.2.heading': '',
  'sections.2.items.0.label': '',
  'sections.2.items.0.target': '',
};

forEachDialect('desk: issues', ({ db }) => {
  let now = Date.parse('2026-11-28T12:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  let app: App;
  let editor: DeskSession;
  let contributor: DeskSession;

  const publicGet = (url: string) => app.http.inject({ url });

  startDemoDesk(db, clock, async (desk) => {
    ({ app, editor, contributor } = desk);
    const story = await editor.post('/admin/stories/new', {
      slug: 'desk-charging-pilot',
      title: 'Charging pilot in lower-tier cities',
      kind: 'news',
      body: `A charging pilot starts.\n\n<!-- members-only -->\n${STORY_SECRET}`,
    });
    if (story.statusCode !== 303) throw new Error(`story not created: ${story.statusCode}`);
  });

  it('creates a draft for the next season, and refuses a second issue for the same season', async () => {
    const page = decodeHtml((await contributor.get('/admin/issues/new')).body);
    expect(page).toMatch(/<option value="summer" selected>/);
    expect(page).toContain('value="2024"');

    const created = await contributor.post('/admin/issues/new', { season: 'summer', year: '2024', title: '' });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/admin/issues/2024-summer/edit');
    const edit = visibleText((await contributor.get('/admin/issues/2024-summer/edit')).body);
    expect(edit).toContain('2024 Summer Issue');
    expect(edit).toContain('draft');

    const again = await editor.post('/admin/issues/new', { season: 'summer', year: '2024', title: 'Twice' });
    expect(again.statusCode).toBe(400);
    expect(visibleText(again.body)).toContain('season: there is already an issue for summer 2024');
    expect(decodeHtml(again.body)).toContain('value="Twice"');
  });

  it('re-renders the composition with the input and errors at each field', async () => {
    const response = await contributor.post('/admin/issues/2024-summer/edit', {
      ...composition,
      intro: 'Teaser\n<!-- members only -->\nSecret',
      'sections.0.items.1.target': '',
      'sections.1.items.0.target': 'event:no-such-event',
    });
    expect(response.statusCode).toBe(400);
    const text = visibleText(response.body);
    expect(text).toMatch(/intro: line 2: looks like a members-only line/);
    expect(text).toContain('sections.0.items.1.target: choose the story, event, program or report this item shows');
    expect(decodeHtml(response.body)).toContain('value="Story 2"');

    const unknown = await contributor.post('/admin/issues/2024-summer/edit', { ...composition, 'sections.1.items.0.target': 'event:no-such-event' });
    expect(unknown.statusCode).toBe(400);
    expect(visibleText(unknown.body)).toContain('sections.1.items.0.target: there is no event "no-such-event" any more');
  });

  it('lets a contributor compose the issue, and reorders sections and items before saving', async () => {
    const saved = await contributor.post('/admin/issues/2024-summer/edit', composition);
    expect(saved.statusCode).toBe(303);
    const stored = decodeHtml((await contributor.get('/admin/issues/2024-summer/edit')).body);
    expect(stored).toMatch(/<option value="story:desk-charging-pilot" selected>/);
    expect(stored).toContain(`Welcome to the summer issue.\n\n<!-- members-only -->\n${INTRO_SECRET}</textarea>`);

    // The buttons rearrange the form without saving.
    const moved = decodeHtml((await contributor.post('/admin/issues/2024-summer/edit', { ...composition, op: 'section-down:0' })).body);
    expect(moved).toContain('Not saved yet');
    expect(moved).toMatch(/name="sections\.0\.heading" type="text" value="Upcoming events"/);
    const items = decodeHtml((await contributor.post('/admin/issues/2024-summer/edit', { ...composition, op: 'item-down:0:0' })).body);
    expect(items).toMatch(/name="sections\.0\.items\.0\.label" type="text" value="Story 2"/);
    const added = decodeHtml((await contributor.post('/admin/issues/2024-summer/edit', { ...composition, op: 'add-item:1' })).body);
    expect(added).toContain('name="sections.1.items.1.target"');
    const removed = decodeHtml((await contributor.post('/admin/issues/2024-summer/edit', { ...composition, op: 'section-remove:0' })).body);
    expect(removed).not.toContain('value="Story 1"');
    expect(visibleText((await contributor.get('/admin/issues/2024-summer/preview/member')).body)).toMatch(/China’s Innovation Landscape.*Upcoming events/);

    // Saving the rearranged form stores the new order.
    const reordered = {
      ...composition,
      'sections.0.kind': 'upcoming_events',
      'sections.0.heading': 'Upcoming events',
      'sections.0.items.0.label': '',
      'sections.0.items.0.target': 'event:asiamold-2024',
      'sections.0.items.1.label': '',
      'sections.0.items.1.target': '',
      'sections.0.items.2.label': '',
      'sections.0.items.2.target': '',
      'sections.1.kind': 'landscape',
      'sections.1.heading': 'China’s Innovation Landscape',
      'sections.1.items.0.label': 'Story 1',
      'sections.1.items.0.target': 'story:china-56-new-unicorns-2023',
      'sections.1.items.1.label': 'Story 2',
      'sections.1.items.1.target': 'story:desk-charging-pilot',
    };
    now += 60_000;
    expect((await contributor.post('/admin/issues/2024-summer/edit', reordered)).statusCode).toBe(303);
    const member = visibleText((await contributor.get('/admin/issues/2024-summer/preview/member')).body);
    expect(member).toMatch(/Upcoming events.*China’s Innovation Landscape/);
    expect(member.indexOf('China adds 56 new Unicorns')).toBeLessThan(member.indexOf('Charging pilot in lower-tier cities'));
  });

  it('previews as the public without any members-only text, and as a member with it', async () => {
    const publicPreview = await contributor.get('/admin/issues/2024-summer/preview/public');
    expect(publicPreview.statusCode).toBe(200);
    expect(publicPreview.headers['cache-control']).toBe('no-store');
    // A draft's preview says so; a published issue's preview does not.
    expect(visibleText(publicPreview.body)).toContain('Draft preview This is not published yet: readers cannot see it.');
    expect(visibleText((await contributor.get('/admin/issues/2024-summer/preview/member')).body)).toContain('Draft preview');
    const published = await contributor.get('/admin/issues/2024-spring/preview/public');
    expect(published.statusCode).toBe(200);
    expect(visibleText(published.body)).toContain('Spring');
    expect(visibleText(published.body)).not.toContain('Draft preview');
    expect(publicPreview.body).toContain('Welcome to the summer issue.');
    expect(publicPreview.body).toContain('A charging pilot starts.');
    expect(publicPreview.body).not.toContain(INTRO_SECRET);
    expect(publicPreview.body).not.toContain(STORY_SECRET);
    expect(visibleText(publicPreview.body)).toContain('The full story is for members');

    const memberPreview = visibleText((await contributor.get('/admin/issues/2024-summer/preview/member')).body);
    expect(memberPreview).toContain(INTRO_SECRET);
    expect(memberPreview).toContain(STORY_SECRET);

    const live = await contributor.post('/admin/issues/preview', composition);
    const fragment = visibleText(live.body);
    expect(fragment.slice(0, fragment.indexOf('Members only'))).not.toContain(INTRO_SECRET);
    expect(fragment.slice(fragment.indexOf('Members only'))).toContain(INTRO_SECRET);

    // The draft is not public, nor are its stories.
    expect((await publicGet('/issues/2024-summer')).statusCode).toBe(404);
    expect((await publicGet('/stories/desk-charging-pilot')).statusCode).toBe(404);
  });

  it('refuses publishing to a contributor', async () => {
    expect((await contributor.post('/admin/issues/2024-summer/publish')).statusCode).toBe(403);
    expect((await contributor.post('/admin/issues/2024-summer/schedule', { publish_at: '2027-01-01T09:00', time_zone: 'UTC' })).statusCode).toBe(403);
    expect((await contributor.post('/admin/issues/2024-summer/unpublish')).statusCode).toBe(403);
    expect(visibleText((await contributor.get('/admin/issues/2024-summer/edit')).body)).toContain('An editor publishes the issue');
  });

  it('refuses to publish or schedule an issue without sections, with a clear message', async () => {
    expect((await editor.post('/admin/issues/new', { season: 'fall', year: '2024', title: '' })).statusCode).toBe(303);
    const refused = await editor.post('/admin/issues/2024-fall/publish');
    expect(refused.statusCode).toBe(400);
    expect(visibleText(refused.body)).toContain('2024 Fall Issue cannot be published yet. The issue has no sections yet.');
    const notScheduled = await editor.post('/admin/issues/2024-fall/schedule', { publish_at: '2027-01-01T09:00', time_zone: 'Europe/Berlin' });
    expect(notScheduled.statusCode).toBe(400);
    expect(visibleText(notScheduled.body)).toContain('cannot be scheduled yet');

    const deleted = await editor.post('/admin/issues/2024-fall/delete');
    expect(deleted.statusCode).toBe(303);
    expect((await editor.get('/admin/issues/2024-fall/edit')).statusCode).toBe(404);
  });

  it('publishes: the public issue and story pages show the teaser only, and the home page moves on at once', async () => {
    const before = await publicGet('/');
    expect(visibleText(before.body)).toContain('2024 Spring Issue');

    const published = await editor.post('/admin/issues/2024-summer/publish');
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe('/admin/issues/2024-summer/edit');

    const issue = await publicGet('/issues/2024-summer');
    expect(issue.statusCode).toBe(200);
    expect(issue.body).toContain('Welcome to the summer issue.');
    expect(issue.body).toContain('A charging pilot starts.');
    expect(issue.body).not.toContain(INTRO_SECRET);
    expect(issue.body).not.toContain(STORY_SECRET);
    const story = await publicGet('/stories/desk-charging-pilot');
    expect(story.statusCode).toBe(200);
    expect(story.body).toContain('A charging pilot starts.');
    expect(story.body).not.toContain(STORY_SECRET);
    // The cached home page was dropped by the content version bump.
    expect(visibleText((await publicGet('/')).body)).toContain('2024 Summer Issue');

    const state = visibleText((await editor.get('/admin/issues')).body);
    expect(state).toMatch(/2024 Summer Issue 2024-summer published since 2026-11-28/);

    // Only those who may publish change a published issue.
    const byContributor = await contributor.post('/admin/issues/2024-summer/edit', composition);
    expect(byContributor.statusCode).toBe(403);
    expect(visibleText(byContributor.body)).toContain('2024 Summer Issue is published. Only editors, admins or owners can change it: ask one of them to make your change. Your version is below and was not saved.');
    const readOnly = await contributor.get('/admin/issues/2024-summer/edit');
    expect(visibleText(readOnly.body)).toContain('2024 Summer Issue is published. Only editors, admins or owners can change it');
    expect(readOnly.body).not.toContain('>Save<');

    // A published issue must stay publishable.
    const emptied = await editor.post('/admin/issues/2024-summer/edit', { title: '2024 Summer Issue', intro: 'Intro.' });
    expect(emptied.statusCode).toBe(400);
    expect(visibleText(emptied.body)).toContain('This issue is published, so it must stay publishable.');
  });

  it('shows a story edit on the public pages once the content version is bumped (no stale cache)', async () => {
    const cached = await publicGet('/stories/desk-charging-pilot');
    expect(cached.body).toContain('Charging pilot in lower-tier cities');
    const saved = await editor.post('/admin/stories/desk-charging-pilot/edit', {
      slug: 'desk-charging-pilot',
      title: 'Charging pilot reaches 40 cities',
      kind: 'news',
      body: `A charging pilot starts.\n\n<!-- members-only -->\n${STORY_SECRET}`,
    });
    expect(saved.statusCode).toBe(303);
    expect((await publicGet('/stories/desk-charging-pilot')).body).toContain('Charging pilot reaches 40 cities');
    expect((await publicGet('/issues/2024-summer')).body).toContain('Charging pilot reaches 40 cities');

    // Its slug cannot change while the story is in a published issue.
    const renamed = await editor.post('/admin/stories/desk-charging-pilot/edit', {
      slug: 'renamed-pilot',
      title: 'Charging pilot reaches 40 cities',
      kind: 'news',
      body: 'A charging pilot starts.',
    });
    expect(renamed.statusCode).toBe(400);
    expect(visibleText(renamed.body)).toContain('slug: cannot change: the story is in 2024 Summer Issue (published)');
  });

  it('unpublishes: the issue and its own stories are gone from the public site', async () => {
    expect((await editor.post('/admin/issues/2024-summer/unpublish')).statusCode).toBe(303);
    expect((await publicGet('/issues/2024-summer')).statusCode).toBe(404);
    expect((await publicGet('/stories/desk-charging-pilot')).statusCode).toBe(404);
    // A story that is also in another public issue stays.
    expect((await publicGet('/stories/china-56-new-unicorns-2023')).statusCode).toBe(200);
    expect(visibleText((await publicGet('/')).body)).toContain('2024 Spring Issue');
    const again = await editor.post('/admin/issues/2024-summer/unpublish');
    expect(again.statusCode).toBe(409);
    expect(visibleText(again.body)).toContain('is a draft already');
  });

  it('schedules: refuses a time in the past, and the issue appears only once due', async () => {
    const past = await editor.post('/admin/issues/2024-summer/schedule', { publish_at: '2026-11-28T08:00', time_zone: 'Europe/Berlin' });
    expect(past.statusCode).toBe(400);
    expect(visibleText(past.body)).toContain('publish_at: 2026-11-28 08:00 Europe/Berlin is in the past');
    expect(decodeHtml(past.body)).toContain('value="2026-11-28T08:00"');
    const skipped = await editor.post('/admin/issues/2024-summer/schedule', { publish_at: '2027-03-28T02:30', time_zone: 'Europe/Berlin' });
    expect(skipped.statusCode).toBe(400);
    expect(visibleText(skipped.body)).toContain('does not exist in Europe/Berlin');

    const scheduled = await editor.post('/admin/issues/2024-summer/schedule', { publish_at: '2026-12-01T09:00', time_zone: 'Asia/Shanghai' });
    expect(scheduled.statusCode).toBe(303);
    expect((await publicGet('/issues/2024-summer')).statusCode).toBe(404);
    expect(visibleText((await editor.get('/admin/issues/2024-summer/edit')).body)).toContain('to appear at 2026-12-01 01:00 UTC');

    const overview = await getDeskOverview(db(), clock);
    expect(overview.next).toMatchObject({ slug: '2024-summer', status: 'scheduled', scheduledFor: '2026-12-01T01:00:00.000Z', sections: 2, itemTotal: 3 });
    expect(overview.next?.items).toEqual({ story: 2, event: 1, program: 0, report: 0 });
    expect(overview.current).toMatchObject({ slug: '2024-spring', status: 'published', isPublic: true });
    expect(overview.unusedStories.items.map((story) => story.slug)).not.toContain('desk-charging-pilot');

    const early = await createTestApp(db(), { clock: fixedClock('2026-12-01T00:59:59Z') });
    expect((await early.http.inject('/issues/2024-summer')).statusCode).toBe(404);
    expect((await early.http.inject('/stories/desk-charging-pilot')).statusCode).toBe(404);
    await destroyTestApp(early);
    const due = await createTestApp(db(), { clock: fixedClock('2026-12-01T01:00:00Z') });
    expect((await due.http.inject('/issues/2024-summer')).statusCode).toBe(200);
    expect((await due.http.inject('/stories/desk-charging-pilot')).statusCode).toBe(200);
    expect(visibleText((await due.http.inject('/')).body)).toContain('2024 Summer Issue');
    await destroyTestApp(due);
  });

  it('records every change in the activity log', async () => {
    const entries = await listActivity(db(), { subjectType: 'issue', limit: 50 });
    const summer = entries.filter((entry) => entry.subject.label === '2024-summer').map((entry) => `${entry.action} by ${entry.actor.label}`);
    expect(summer.reverse()).toEqual([
      'issue.create by contributor@example.com',
      'issue.update by contributor@example.com',
      'issue.update by contributor@example.com',
      'issue.publish by editor@example.com',
      'issue.unpublish by editor@example.com',
      'issue.schedule by editor@example.com',
    ]);
    expect(entries.map((entry) => entry.action)).toContain('issue.delete');
  });
});
