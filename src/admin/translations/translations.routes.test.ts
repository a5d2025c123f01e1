import { expect, it } from 'vitest';
import { forEachDialect } from '../../../test/support/databases.js';
import { decodeHtml, visibleText } from '../../../test/support/app.js';
import { type DeskSession, signInDesk, startDemoDesk } from '../../../test/support/desk.js';
import type { App } from '../../app.js';
import { listActivity } from '../../activity/activity.service.js';
import { getStoryBySlug } from '../../stories/stories.service.js';
import { getTranslationsOfItem } from '../../translations/translations.service.js';
import type { Clock } from '../../lib/clock.js';

// The desk's translation pages through the real app: side by side, save, problems, the
// publicity rule, the lists' states, remove.

const SLUG = 'byd-tripled-sales-2022'; // in the published 2023 Spring Issue, no translation in the demo
const PAGE = `/admin/stories/${SLUG}/translations/de`;
const GERMAN = {
  title: 'BYD hat 2022 seinen Absatz verdreifacht',
  body: 'BYD verkaufte 1,86 Millionen Elektroautos.\r\n\r\n<!-- members-only -->\r\nNur für Mitglieder: die Analyse.',
};

forEachDialect('desk: translations', ({ db }) => {
  let now = Date.parse('2026-11-28T12:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  let app: App;
  let editor: DeskSession;
  let contributor: DeskSession;

  startDemoDesk(db, clock, (desk) => {
    ({ app, editor, contributor } = desk);
  });

  const storyStates = async () => {
    const list = await editor.get('/admin/stories?q=BYD');
    const row = visibleText(list.body).split('\n').find((line) => line.includes('BYD tripled')) ?? visibleText(list.body);
    return row;
  };

  it('shows the original beside an empty form, then saves a German translation readers see on /de/stories/<slug>', async () => {
    const page = await editor.get(PAGE);
    expect(page.statusCode).toBe(200);
    const text = visibleText(page.body);
    expect(text).toContain('Original (English)');
    expect(text).toContain('BYD tripled their sales in 2022. How did they do it?');
    expect(text).toContain('There is no German translation yet');
    // The original's body as the translator reads it, the members-only line where it is.
    expect(decodeHtml(page.body)).toContain('as best practice.\n\n<!-- members-only -->\n*Sample analysis for members');

    const saved = await editor.post(PAGE, GERMAN);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(PAGE);
    const after = visibleText((await editor.get(PAGE)).body);
    expect(after).toContain('The translation is up to date with the original.');

    const reader = await app.http.inject({ url: `/de/stories/${SLUG}` });
    expect(reader.statusCode).toBe(200);
    const readerText = visibleText(reader.body);
    expect(readerText).toContain(GERMAN.title);
    expect(readerText).toContain('BYD verkaufte 1,86 Millionen Elektroautos.');
    expect(readerText).not.toContain('Nur für Mitglieder: die Analyse.');

    const entries = await listActivity(db(), { subjectType: 'story', limit: 20 });
    expect(entries.some((e) => e.action === 'story.translate' && e.subject.label === SLUG && e.detail === 'de' && e.actor.label === 'editor@example.com')).toBe(true);
  });

  it('re-renders a mistyped members-only line with the problem at its line, in the staff member’s language, and saves nothing', async () => {
    const before = await getTranslationsOfItem(db(), 'story', (await getStoryBySlug(db(), SLUG))!.id);
    const bad = { title: 'Ein anderer Titel', body: 'Anriss.\r\n<!--members-only-->\r\nMitglieder.' };
    const refused = await editor.post(PAGE, bad);
    expect(refused.statusCode).toBe(400);
    const html = decodeHtml(refused.body);
    expect(html).toContain('The translation has problems; nothing was saved.');
    expect(html).toContain('line 2: looks like a members-only line');
    expect(html).toContain('value="Ein anderer Titel"');
    expect(html).toContain('<!--members-only-->');
    expect(await getTranslationsOfItem(db(), 'story', (await getStoryBySlug(db(), SLUG))!.id)).toEqual(before);

    // A translation with no text at all is refused: removing it is how the original shows again.
    const empty = await editor.post(PAGE, { title: '  ', body: '' });
    expect(empty.statusCode).toBe(400);
    expect(decodeHtml(empty.body)).toContain('a translation needs at least one translated text');
    expect(await getTranslationsOfItem(db(), 'story', (await getStoryBySlug(db(), SLUG))!.id)).toEqual(before);

    // A German-speaking editor reads the same problem in German.
    const german = await signInDesk(app, db(), 'redaktion@example.com', 'editor');
    await german.post('/admin/account', { language: 'de' });
    const inGerman = decodeHtml((await german.post(PAGE, bad)).body);
    expect(inGerman).toContain('Die Übersetzung hat Fehler; nichts wurde gespeichert.');
    expect(inGerman).toContain('Zeile 2: sieht aus wie eine Zeile für den Mitgliederteil');
  });

  it('a contributor reads the translation of a published issue’s story but cannot change or remove it', async () => {
    const page = await contributor.get(PAGE);
    expect(page.statusCode).toBe(200);
    expect(visibleText(page.body)).toContain('is public');
    expect(page.body).not.toContain('Save translation');
    const refused = await contributor.post(PAGE, { title: 'Vom Mitarbeiter', body: '' });
    expect(refused.statusCode).toBe(403);
    expect(decodeHtml(refused.body)).toContain('value="Vom Mitarbeiter"');
    const removal = await contributor.post(`${PAGE}/remove`, { confirm: '1' });
    expect(removal.statusCode).toBe(403);
    const [stored] = await getTranslationsOfItem(db(), 'story', (await getStoryBySlug(db(), SLUG))!.id);
    expect(stored?.text).toEqual({ title: GERMAN.title });
  });

  it('a contributor translates a story no public issue lists; an event (public on its own) only reads', async () => {
    const created = await contributor.post('/admin/stories/new', { slug: 'desk-translation-draft', title: 'A draft story', kind: 'news', body: 'Draft teaser.', op: 'save' });
    expect(created.statusCode).toBe(303);
    const saved = await contributor.post('/admin/stories/desk-translation-draft/translations/zh', { title: '草稿', body: '草稿摘要。' });
    expect(saved.statusCode).toBe(303);
    expect(visibleText((await contributor.get('/admin/stories/desk-translation-draft/translations/zh')).body)).toContain('The translation is up to date with the original.');

    const events = decodeHtml((await editor.get('/admin/events?when=all')).body);
    const eventId = /href="\/admin\/events\/(\d+)"/.exec(events)![1]!;
    const page = await contributor.get(`/admin/events/${eventId}/translations/de`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="public-lock"');
    expect(page.body).not.toContain('Save translation');
    expect((await contributor.post(`/admin/events/${eventId}/translations/de`, { title: 'Eine Veranstaltung', body: '' })).statusCode).toBe(403);
  });

  it('the list and the edit page show missing, then up to date, then older once the original changes', async () => {
    // Chinese is still missing, German up to date.
    expect(await storyStates()).toMatch(/DE ✓\s*ZH missing/);
    const edit = visibleText((await editor.get(`/admin/stories/${SLUG}/edit`)).body);
    expect(edit).toMatch(/German translation\s*up to date/);
    expect(edit).toMatch(/Chinese translation\s*missing/);

    const form = decodeHtml((await editor.get(`/admin/stories/${SLUG}/edit`)).body);
    const body = /<textarea[^>]*name="body"[^>]*>([\s\S]*?)<\/textarea>/.exec(form)![1]!;
    const version = /name="version" value="([^"]+)"/.exec(form)![1]!;
    now += 60_000;
    const changed = await editor.post(`/admin/stories/${SLUG}/edit`, {
      version, slug: SLUG, title: 'BYD tripled their sales in 2022. How?', kind: 'news', body, topics: ['technology-trends'], sectors: 'automotive', organizations: 'BYD',
    });
    expect(changed.statusCode).toBe(303);
    expect(await storyStates()).toMatch(/DE older\s*ZH missing/);
    const older = visibleText((await editor.get(PAGE)).body);
    expect(older).toContain('The translation is older than the original');
    // Who changed the original since, from the activity log.
    expect(older).toContain('Changes to the original since the translation was saved');
    expect(older).toMatch(/2026-11-28 12:01 UTC · editor@example\.com · story\.update/);
  });

  it('the other kinds have their page, with their own short texts beside the original', async () => {
    const event = decodeHtml((await editor.get('/admin/events')).body);
    const eventId = /href="\/admin\/events\/(\d+)"/.exec(event)![1]!;
    const eventPage = await editor.get(`/admin/events/${eventId}/translations/zh`);
    expect(eventPage.statusCode).toBe(200);
    expect(visibleText(eventPage.body)).toContain('Chinese translation');
    const issuePage = await editor.get('/admin/issues/2024-spring/translations/de');
    expect(issuePage.statusCode).toBe(200);
    expect(visibleText(issuePage.body)).toContain('Section 1: heading');
    expect(visibleText(issuePage.body)).toContain('The translation is up to date with the original.');
    const report = decodeHtml((await editor.get('/admin/reports')).body);
    const reportId = /href="\/admin\/reports\/(\d+)"/.exec(report)![1]!;
    expect(visibleText((await editor.get(`/admin/reports/${reportId}/translations/de`)).body)).toContain('Finding 1: statement');
    // A problem lands on its field: a segment name on two lines, at that segment's field.
    const reportPage = decodeHtml((await editor.get(`/admin/reports/${reportId}/translations/de`)).body);
    const segmentField = /name="(segments\[(\d+)\]\.name)"/g;
    const segments = [...reportPage.matchAll(segmentField)].map((match) => match[1]!);
    expect(segments.length).toBeGreaterThan(1);
    const refused = await editor.post(`/admin/reports/${reportId}/translations/de`, { [segments[1]!]: 'Zwei\nZeilen', body: '' });
    expect(refused.statusCode).toBe(400);
    expect(decodeHtml(refused.body)).toContain(`${segments[1]}: must be on one line`);
    expect(decodeHtml(refused.body)).toMatch(new RegExp(`name="${segments[1]!.replace(/[[\].]/g, '\\$&')}"[^>]*value="Zwei`));

    const program = decodeHtml((await editor.get('/admin/programs')).body);
    const programId = /href="\/admin\/programs\/(\d+)"/.exec(program)![1]!;
    expect((await editor.get(`/admin/programs/${programId}/translations/de`)).statusCode).toBe(200);
    expect((await editor.get(`/admin/stories/${SLUG}/translations/fr`)).statusCode).toBe(404);
    expect((await editor.get('/admin/events/999999/translations/de')).statusCode).toBe(404);
  });

  it('removes a translation only with the box ticked; the German page then shows the original', async () => {
    const unticked = await editor.post(`${PAGE}/remove`, {});
    expect(unticked.statusCode).toBe(400);
    expect(visibleText(unticked.body)).toContain('Tick the box to confirm; nothing was removed.');
    const removed = await editor.post(`${PAGE}/remove`, { confirm: '1' });
    expect(removed.statusCode).toBe(303);
    expect(visibleText((await editor.get(PAGE)).body)).toContain('There is no German translation yet');
    expect(await storyStates()).toMatch(/DE missing\s*ZH missing/);
    const reader = visibleText((await app.http.inject({ url: `/de/stories/${SLUG}` })).body);
    expect(reader).not.toContain(GERMAN.title);
    const entries = await listActivity(db(), { subjectType: 'story', limit: 20 });
    expect(entries.some((e) => e.action === 'story.untranslate' && e.detail === 'de')).toBe(true);
  });
});
