import { afterAll, beforeAll, expect, it } from 'vitest';
import { visibleText } from '../../../test/support/app.js';
import { forEachDialect } from '../../../test/support/databases.js';
import { startDemoDesk, type DemoDesk } from '../../../test/support/desk.js';
import { FIXTURE, startFeedServer, type FeedServer } from '../../../test/support/feed-server.js';
import { listActivity } from '../../activity/activity.service.js';
import { getEntry, listInbox } from '../../curation/inbox.service.js';
import { listSources } from '../../curation/sources.service.js';
import { PROMOTED_BODY } from '../../issues/curation-promotion.service.js';
import { fixedClock } from '../../lib/clock.js';
import { getStoryBySlug } from '../../stories/stories.service.js';

// The desk's curation inbox through the real app (app.inject) on the demo content and a real
// feed server on 127.0.0.1: sources with health, the inbox and its filters, rules, quick actions,
// triage, boards, an article by hand, and Promote into a draft story with its sources.

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

const clock = fixedClock('2026-11-28T12:00:00Z');

forEachDialect('desk curation inbox', ({ db }) => {
  let desk: DemoDesk;
  startDemoDesk(db, clock, (started) => void (desk = started));
  const drain = () => desk.app.jobs.drain();

  it('adds sources in the desk, polls them through the job loop, and shows their health', async () => {
    for (const path of ['/rss.xml', '/atom.xml', '/feed.json', '/500.xml']) {
      const added = await desk.contributor.post('/admin/inbox/sources', { url: `${server.base}${path}` });
      expect(added.statusCode, path).toBe(303);
    }
    await drain();
    const page = await desk.editor.get('/admin/inbox/sources');
    expect(page.statusCode).toBe(200);
    const text = visibleText(page.body);
    expect(text).toContain('Interesting Engineering');
    expect(text).toContain('SpaceNews');
    expect(text).toContain('failed once: the server answered 500');
    expect((await listSources(db())).filter((source) => source.state === 'ok')).toHaveLength(3);
  });

  it('re-renders the source form with the address and what to fix', async () => {
    const bad = await desk.editor.post('/admin/inbox/sources', { url: 'javascript:alert(1)' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="javascript:alert(1)"');
    expect(visibleText(bad.body)).toContain('must be an http:// or https:// address of a feed');
    const twice = await desk.editor.post('/admin/inbox/sources', { url: `${server.base}/rss.xml` });
    expect(twice.statusCode).toBe(409);
  });

  it('fetches no named host in tests: the test apps resolve every name to 127.0.0.1, which the guarded fetch refuses', async () => {
    // What lets the attack suites post addresses to these forms without leaving 127.0.0.1.
    const article = await desk.editor.post('/admin/inbox/articles', { url: 'https://news.example.com/story?q=<b>x</b>' });
    expect(article.statusCode).toBe(400);
    expect(article.body).toContain('value="https://news.example.com/story?q=&lt;b>x&lt;/b>"');
    expect(visibleText(article.body)).toContain('is a private or local address, which is not fetched');
    const source = await desk.editor.post('/admin/inbox/sources', { url: 'https://feeds.example.com/rss.xml' });
    expect(source.statusCode).toBe(303);
    await drain();
    const [polled] = (await listSources(db())).filter((each) => each.url === 'https://feeds.example.com/rss.xml');
    expect(polled?.state).not.toBe('ok');
    expect(polled?.lastError ?? '').toMatch(/^refused: the address is private or local/);
  });

  it('shows the launch from three outlets as one entry, and filters by source, language, date and unread', async () => {
    const inbox = await desk.editor.get('/admin/inbox');
    expect(inbox.statusCode).toBe(200);
    const text = visibleText(inbox.body);
    expect(text.split(FIXTURE.launchTitle).length - 1).toBe(1);
    expect(text).toContain('Also in 2 more sources:');
    const sources = await listSources(db());
    const spaceNews = sources.find((source) => source.title === 'SpaceNews')!;
    const filtered = visibleText((await desk.editor.get(`/admin/inbox?source=${spaceNews.id}`)).body);
    expect(filtered).toContain('1 entry matches');
    expect(visibleText((await desk.editor.get('/admin/inbox?language=zh')).body)).toContain('No entries match');
    expect(visibleText((await desk.editor.get('/admin/inbox?since=2024-01-01')).body)).toContain(FIXTURE.robotsTitle);
    expect(visibleText((await desk.editor.get('/admin/inbox?since=2024-01-01')).body)).not.toContain(FIXTURE.launchTitle);
    expect(visibleText((await desk.editor.get('/admin/inbox?until=2023-12-31&unread=1')).body)).toContain('2 entries match');
    // Malformed filters are ignored, not errors.
    expect((await desk.editor.get('/admin/inbox?source=x&topic=%27%20or%201%3D1&since=yesterday')).statusCode).toBe(200);
  });

  it('adds a rule that tags the open entries, and refuses a rule without its sector', async () => {
    const bad = await desk.editor.post('/admin/inbox/rules', { phrase: 'Zhuque-2', action: 'sector', value: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="Zhuque-2"');
    expect(visibleText(bad.body)).toContain('choose a sector');
    const added = await desk.editor.post('/admin/inbox/rules', { phrase: 'Zhuque-2', action: 'sector', value: 'space' });
    expect(added.statusCode).toBe(303);
    expect(visibleText((await desk.editor.get('/admin/inbox?sector=space')).body)).toContain('1 entry matches');
    expect(visibleText((await desk.editor.get('/admin/inbox/rules')).body)).toContain('zhuque-2');
  });

  it('stars, dismisses and restores an entry, returning to the filtered list', async () => {
    const { entries } = await listInbox(db(), {}, { limit: 10, offset: 0 });
    const robots = entries.find((entry) => entry.lead.title === FIXTURE.robotsTitle)!;
    const starred = await desk.editor.post(`/admin/inbox/items/${robots.lead.id}/act`, { action: 'star', back: '?unread=1' });
    expect(starred.statusCode).toBe(303);
    expect(starred.headers.location).toBe('/admin/inbox?unread=1');
    expect(visibleText((await desk.editor.get('/admin/inbox?starred=1')).body)).toContain(FIXTURE.robotsTitle);
    await desk.editor.post(`/admin/inbox/items/${robots.lead.id}/act`, { action: 'dismiss', back: 'https://evil.example/' });
    expect(visibleText((await desk.editor.get('/admin/inbox')).body)).not.toContain(FIXTURE.robotsTitle);
    expect(visibleText((await desk.editor.get('/admin/inbox?dismissed=1')).body)).toContain(FIXTURE.robotsTitle);
    await desk.editor.post(`/admin/inbox/items/${robots.lead.id}/act`, { action: 'restore', back: 'item' });
    expect((await getEntry(db(), robots.lead.id)).lead).toMatchObject({ starred: true, dismissed: false });
    expect((await desk.editor.post(`/admin/inbox/items/${robots.lead.id}/act`, { action: 'delete' })).statusCode).toBe(400);
  });

  it('assigns to a colleague, notes and puts an entry on the board of an upcoming issue', async () => {
    expect((await desk.editor.post('/admin/issues/new', { season: 'spring', year: '2027', title: 'Spring 2027' })).statusCode).toBe(303);
    const { entries } = await listInbox(db(), { sector: 'space' }, { limit: 10, offset: 0 });
    const launch = entries[0]!;
    const entryPage = await desk.editor.get(`/admin/inbox/items/${launch.lead.id}`);
    expect(entryPage.statusCode).toBe(200);
    const staffId = /<option value="(\d+)"[^>]*>contributor@example\.com/.exec(entryPage.body)?.[1];
    const boardId = /<option value="(\d+)"[^>]*>Spring 2027/.exec(entryPage.body)?.[1];
    expect(staffId && boardId).toBeTruthy();
    const refused = await desk.editor.post(`/admin/inbox/items/${launch.lead.id}/triage`, { assignee: '999999', board: '', note: 'Kept <b>as typed</b>' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Kept &lt;b>as typed&lt;/b>');
    const saved = await desk.editor.post(`/admin/inbox/items/${launch.lead.id}/triage`, { assignee: staffId!, board: boardId!, note: 'Compare with the Landspace profile' });
    expect(saved.statusCode).toBe(303);
    expect((await getEntry(db(), launch.lead.id)).lead).toMatchObject({ assigneeId: Number(staffId), boardIssueId: Number(boardId), note: 'Compare with the Landspace profile', read: true });
    const boards = visibleText((await desk.editor.get('/admin/inbox/boards')).body);
    expect(boards).toContain('Spring 2027');
    expect(boards).toContain(FIXTURE.launchTitle);
    const actions = (await listActivity(db(), { limit: 20 })).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['curation.assign', 'curation.note', 'curation.board', 'curation.star', 'curation.rule.add', 'curation.source.add']));
  });

  it('promotes the cluster into a draft story with every source filled, its sector, and a link back', async () => {
    const { entries } = await listInbox(db(), { sector: 'space' }, { limit: 10, offset: 0 });
    const launch = entries[0]!;
    const promoted = await desk.contributor.post(`/admin/inbox/items/${launch.lead.id}/promote`);
    expect(promoted.statusCode).toBe(303);
    const slug = /\/admin\/stories\/([a-z0-9-]+)\/edit/.exec(promoted.headers.location as string)![1]!;
    const story = (await getStoryBySlug(db(), slug))!;
    expect(story.title).toBe(FIXTURE.launchTitle);
    expect(story.sectors.map((sector) => sector.slug)).toEqual(['space']);
    expect(story.body.teaser).toBe(PROMOTED_BODY);
    expect(story.sources.map((source) => [source.author, source.outlet, source.publishedOn])).toEqual([
      ['Andrew Jones', 'SpaceNews', '2023-12-11'],
      ['Can Emir', 'Interesting Engineering', '2023-12-12'],
      ['Jessi Wu', 'Technode', '2023-12-13'],
    ]);
    expect(story.sources.map((source) => source.url)).toEqual([`${server.base}/spacenews/zhuque-2`, `${server.base}/articles/zhuque-2`, `${server.base}/technode/zhuque-2`]);
    // The public body holds none of the sources' text.
    expect(JSON.stringify(story.body)).not.toContain('methane-powered');
    // The story's desk page links back with the summaries as the editor's note; the entry names the story.
    const edit = await desk.editor.get(`/admin/stories/${slug}/edit`);
    expect(edit.body).toContain(`href="/admin/inbox/items/${launch.lead.id}"`);
    expect(visibleText(edit.body)).toContain('methane-powered');
    const entry = visibleText((await desk.editor.get(`/admin/inbox/items/${launch.lead.id}`)).body);
    expect(entry).toContain(`This entry became the story ${FIXTURE.launchTitle}`);
    // A second click makes no second story.
    const again = await desk.editor.post(`/admin/inbox/items/${launch.lead.id}/promote`);
    expect(again.statusCode).toBe(409);
    // Not on any public page: the story is in no issue.
    expect((await desk.app.http.inject({ url: `/stories/${slug}` })).statusCode).toBe(404);
  });

  it('adds an article by hand, and re-renders the address with the reason when it cannot', async () => {
    const added = await desk.editor.post('/admin/inbox/articles', { url: `${server.base}/article.html` });
    expect(added.statusCode).toBe(303);
    const page = visibleText((await desk.editor.get(added.headers.location as string)).body);
    expect(page).toContain(FIXTURE.articleTitle);
    expect(page).toContain(`${FIXTURE.articleAuthor}, ${FIXTURE.articleOutlet}`);
    const refused = await desk.editor.post('/admin/inbox/articles', { url: 'http://10.0.0.1/internal' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('value="http://10.0.0.1/internal"');
    expect(visibleText(refused.body)).toContain('is a private or local address');
  });

  it('removes a source and keeps its entries', async () => {
    const before = (await listInbox(db(), {}, { limit: 100, offset: 0 })).total;
    expect((await desk.editor.post('/admin/inbox/sources/remove', { url: `${server.base}/500.xml` })).statusCode).toBe(303);
    expect((await desk.editor.post('/admin/inbox/sources/remove', { url: `${server.base}/500.xml` })).statusCode).toBe(404);
    expect((await listSources(db())).map((source) => source.url)).not.toContain(`${server.base}/500.xml`);
    expect((await listInbox(db(), {}, { limit: 100, offset: 0 })).total).toBe(before);
  });
});
