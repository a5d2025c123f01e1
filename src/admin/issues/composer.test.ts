import { expect, it } from 'vitest';
import { forEachDialect } from '../../../test/support/databases.js';
import { decodeHtml, visibleText } from '../../../test/support/app.js';
import type { App } from '../../app.js';
import type { Clock } from '../../lib/clock.js';
import { type DeskSession, formBody, startDemoDesk } from '../../../test/support/desk.js';
import { listActivity } from '../../activity/activity.service.js';

// The composer in place (composer.routes.tsx): the row buttons' ops answered as the sections'
// fragment, a stale form refused with a message, the story picker's title search (JSON and a
// plain GET page), and the email editions previewed before any send.

forEachDialect('desk: the issue composer', ({ db }) => {
  let now = Date.parse('2026-11-28T12:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  let app: App;
  let editor: DeskSession;
  let contributor: DeskSession;
  let version = '';

  const versionIn = (html: string) => /name="version" value="([^"]*)"/.exec(html)?.[1] ?? '';
  const composition = () => ({
    version,
    title: 'Composer test issue',
    intro: 'Welcome.\n\n<!-- members-only -->\nMembers read more.',
    'sections.0.kind': 'landscape',
    'sections.0.heading': 'First heading',
    'sections.0.items.0.label': 'Story A',
    'sections.0.items.0.target': 'story:china-56-new-unicorns-2023',
    'sections.0.items.1.label': 'Story B',
    'sections.0.items.1.target': 'story:byd-tripled-sales-2022',
    'sections.1.kind': 'upcoming_events',
    'sections.1.heading': 'Second heading',
    'sections.1.items.0.label': '',
    'sections.1.items.0.target': 'event:asiamold-2024',
  });

  startDemoDesk(db, clock, async (desk) => {
    ({ app, editor, contributor } = desk);
    const created = await contributor.post('/admin/issues/new', { season: 'winter', year: '2026', title: 'Composer test issue' });
    if (created.statusCode !== 303) throw new Error(`issue not created: ${created.statusCode}`);
    version = versionIn((await contributor.get('/admin/issues/2026-winter/edit')).body);
  });

  it('serves the composer script from this site and marks the form for it', async () => {
    const page = decodeHtml((await contributor.get('/admin/issues/2026-winter/edit')).body);
    const src = /<script src="(\/assets\/composer\.[0-9a-f]{10}\.js)" defer><\/script>/.exec(page)?.[1];
    expect(src).toBeDefined();
    expect(page).toContain('data-compose-url="/admin/issues/2026-winter/compose"');
    expect(page).toContain('id="composer-status"');
    expect(page).not.toMatch(/<script>(?!<\/script>)/);
    const script = await app.http.inject({ url: src! });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('text/javascript');
    expect(script.body).toContain('data-compose-url');
  });

  it('answers a row button with the rearranged sections, a live-region sentence and where the focus goes; nothing is saved', async () => {
    const moved = await contributor.post('/admin/issues/2026-winter/compose', { ...composition(), op: 'section-down:0' });
    expect(moved.statusCode).toBe(200);
    expect(moved.headers['content-type']).toContain('text/html');
    const html = decodeHtml(moved.body);
    expect(html.startsWith('<fieldset')).toBe(true);
    expect(html).not.toContain('<html');
    expect(html).toMatch(/name="sections\.0\.heading" type="text" value="Second heading"/);
    expect(html).toContain('data-announce="Section moved to position 2 of 2. Not saved yet: press Save to keep it."');
    expect(html).toContain('data-focus="op:section-up:1"');

    const item = decodeHtml((await contributor.post('/admin/issues/2026-winter/compose', { ...composition(), op: 'item-down:0:0' })).body);
    expect(item).toMatch(/name="sections\.0\.items\.0\.label" type="text" value="Story B"/);
    expect(item).toContain('data-focus="op:item-up:0:1"');

    const added = decodeHtml((await contributor.post('/admin/issues/2026-winter/compose', { ...composition(), op: 'add-section' })).body);
    expect(added).toContain('name="sections.2.kind"');
    expect(added).toContain('data-focus="name:sections.2.kind"');
    const addedItem = decodeHtml((await contributor.post('/admin/issues/2026-winter/compose', { ...composition(), op: 'add-item:1' })).body);
    expect(addedItem).toContain('data-focus="name:sections.1.items.1.label"');
    expect(addedItem).toContain('Item 2 added to section 2.');

    const removed = decodeHtml((await contributor.post('/admin/issues/2026-winter/compose', { ...composition(), op: 'item-remove:0:0' })).body);
    expect(removed).not.toContain('value="Story A"');
    expect(removed).toContain('data-focus="name:sections.0.items.0.label"');

    // Drag and drop: an item into another section, a section to another place.
    const dropped = decodeHtml((await contributor.post('/admin/issues/2026-winter/compose', { ...composition(), op: 'item-to:0:1:1:0' })).body);
    expect(dropped).toMatch(/name="sections\.1\.items\.0\.label" type="text" value="Story B"/);
    expect(dropped).toMatch(/<option value="event:asiamold-2024" selected>/);
    expect(dropped).not.toMatch(/name="sections\.0\.items\.1\.label"/);
    const sectionTo = decodeHtml((await contributor.post('/admin/issues/2026-winter/compose', { ...composition(), op: 'section-to:1:0' })).body);
    expect(sectionTo).toMatch(/name="sections\.0\.heading" type="text" value="Second heading"/);

    // In the desk's language.
    const german = await contributor.post('/admin/issues/2026-winter/compose', { ...composition(), op: 'add-section' });
    expect(german.statusCode).toBe(200);

    const edit = decodeHtml((await contributor.get('/admin/issues/2026-winter/edit')).body);
    expect(edit).not.toContain('First heading');
    expect(versionIn(edit)).toBe(version);
  });

  it('escapes what the fragment shows back (it is put into the page with innerHTML)', async () => {
    const payload = '"><img src=x onerror=alert(1)><script>alert(2)</script>';
    const answer = await contributor.post('/admin/issues/2026-winter/compose', { ...composition(), 'sections.0.heading': payload, 'sections.0.items.0.label': payload, op: 'add-section' });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).not.toContain('<img src=x');
    expect(answer.body).not.toContain('<script>');
    expect(answer.body).toContain('value="&quot;>&lt;img src=x onerror=alert(1)>&lt;script>alert(2)&lt;/script>"');
  });

  it('refuses an in-place change without the CSRF token', async () => {
    const response = await app.http.inject({
      method: 'POST',
      url: '/admin/issues/2026-winter/compose',
      headers: { cookie: contributor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ ...composition(), op: 'add-section' }),
    });
    expect(response.statusCode).toBe(403);
  });

  it('refuses a change to a form someone saved over meanwhile, with a message, and changes nothing', async () => {
    now += 60_000;
    const saved = await editor.post('/admin/issues/2026-winter/edit', composition());
    expect(saved.statusCode).toBe(303);
    const stale = await contributor.post('/admin/issues/2026-winter/compose', { ...composition(), op: 'section-down:0' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone saved this issue at');
    expect(stale.body).toContain('Your change was not made and nothing was saved');
    const fresh = versionIn((await contributor.get('/admin/issues/2026-winter/edit')).body);
    expect(fresh).not.toBe(version);
    version = fresh;
    const ok = await contributor.post('/admin/issues/2026-winter/compose', { ...composition(), op: 'section-down:0' });
    expect(ok.statusCode).toBe(200);
    expect((await listActivity(db(), { limit: 50 })).filter((entry) => entry.action === 'issue.update')).toHaveLength(1);
  });

  it('searches the stories by title: JSON for the picker, LIKE wildcards taken literally', async () => {
    const found = await contributor.get('/admin/issues/story-search?format=json&q=UNICORNS');
    expect(found.statusCode).toBe(200);
    expect(found.headers['content-type']).toContain('application/json');
    const body = JSON.parse(found.body) as { stories: { value: string; title: string }[]; message: string };
    expect(body.stories.map((story) => story.value)).toContain('story:china-56-new-unicorns-2023');
    expect(body.stories.every((story) => /unicorn/i.test(story.title) || /unicorn/.test(story.value))).toBe(true);
    expect(body.message).toMatch(/stor(y|ies) match/);

    for (const wildcard of ['%', '_', '\\', "' OR 1=1 --"]) {
      const none = JSON.parse((await contributor.get(`/admin/issues/story-search?format=json&q=${encodeURIComponent(wildcard)}`)).body) as { stories: unknown[] };
      expect(none.stories).toEqual([]);
    }
    const empty = JSON.parse((await contributor.get('/admin/issues/story-search?format=json&q=')).body) as { stories: unknown[] };
    expect(empty.stories).toEqual([]);
  });

  it('works without JavaScript: a plain GET form on the edit page and a results page', async () => {
    const edit = decodeHtml((await contributor.get('/admin/issues/2026-winter/edit')).body);
    expect(edit).toMatch(/<form method="get" action="\/admin\/issues\/story-search"/);
    const page = await contributor.get('/admin/issues/story-search?issue=2026-winter&q=unicorns');
    expect(page.statusCode).toBe(200);
    const text = visibleText(page.body);
    expect(text).toContain('Find a story');
    expect(text).toMatch(/1 story matches “unicorns”|\d+ stories match “unicorns”/);
    expect(text).toContain('(china-56-new-unicorns-2023)');
    expect(decodeHtml(page.body)).toContain('href="/admin/issues/2026-winter/edit"');
    const xss = await contributor.get(`/admin/issues/story-search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(xss.statusCode).toBe(200);
    expect(xss.body).not.toContain('<script>alert(1)</script>');
  });

  it('previews each email edition in each language before any send, in a sandboxed frame under its own policy', async () => {
    const edit = decodeHtml((await contributor.get('/admin/issues/2026-winter/edit')).body);
    for (const edition of ['full', 'teaser']) for (const lang of ['en', 'de', 'zh']) expect(edit).toContain(`href="/admin/issues/2026-winter/emails?edition=${edition}&amp;lang=${lang}"`.replace('&amp;', '&'));

    const page = await contributor.get('/admin/issues/2026-winter/emails?edition=teaser&lang=de');
    expect(page.statusCode).toBe(200);
    const html = decodeHtml(page.body);
    expect(html).toContain('Draft preview');
    // `sandbox` with no value: every restriction, scripts included.
    expect(html).toMatch(/<iframe class="email-frame" src="\/admin\/issues\/2026-winter\/emails\/teaser\/de" sandbox(="")? title=/);
    expect(html).not.toMatch(/sandbox="[^"]*allow-scripts/);
    // The banner is the desk's, outside the email.
    expect(html.indexOf('Draft preview')).toBeLessThan(html.indexOf('<iframe'));
    const text = visibleText(page.body);
    expect(text).toContain('Composer test issue');
    expect(text).toContain('SECOND HEADING');
    // The teaser's plain text has no members-only part, and the German frame.
    expect(text).not.toContain('Members read more.');
    expect(text).toMatch(/Abbestellen|abbestellen/);

    const frame = await contributor.get('/admin/issues/2026-winter/emails/teaser/de');
    expect(frame.statusCode).toBe(200);
    expect(frame.headers['content-type']).toContain('text/html');
    const csp = String(frame.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('sandbox');
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('script-src');
    expect(frame.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(frame.body).toContain('<html');
    expect(frame.body).toContain('lang="de"');
    expect(frame.body).not.toContain('\uE000');

    const full = await contributor.get('/admin/issues/2026-winter/emails/full/en');
    expect(full.body).toContain('Members read more.');
    const fullPage = visibleText((await contributor.get('/admin/issues/2026-winter/emails?edition=full&lang=zh')).body);
    expect(fullPage).toContain('Subject');

    expect((await contributor.get('/admin/issues/2026-winter/emails/other/en')).statusCode).toBe(404);
    expect((await contributor.get('/admin/issues/2026-winter/emails/full/fr')).statusCode).toBe(404);
    expect((await contributor.get('/admin/issues/2019-winter/emails?edition=full&lang=en')).statusCode).toBe(404);
  });

  it('keeps the preview out of reach of anyone signed out', async () => {
    expect([302, 303]).toContain((await app.http.inject({ url: '/admin/issues/2026-winter/emails/full/en' })).statusCode);
    expect([302, 303]).toContain((await app.http.inject({ url: '/admin/issues/story-search?format=json&q=a' })).statusCode);
  });
});
