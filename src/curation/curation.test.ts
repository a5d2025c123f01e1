import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, FIXTURE, type FeedServer } from '../../test/support/feed-server.js';
import { forEachDialect } from '../../test/support/databases.js';
import { SYSTEM_ACTOR } from '../activity/activity.js';
import type { Clock } from '../lib/clock.js';
import { createSafeFetcher, type SafeFetcher } from '../lib/safe-fetch.js';
import { runDueJobs } from '../jobs/jobs.service.js';
import { actOnEntry, addArticle, addRule, getEntry, listInbox } from './inbox.service.js';
import { addSource, curationJobHandlers, listSources, pollSource, queueDuePolls, removeSource, retryDelayMs, type CurationDeps } from './sources.service.js';

// The curation domain against a real feed server on 127.0.0.1 and a real database on each engine:
// polls of every feed format, conditional GET, failures recorded as health with backoff, identity,
// clustering of the same news from three outlets, rules, hand-added articles.

let server: FeedServer;
let fetcher: SafeFetcher;
beforeAll(async () => {
  server = await startFeedServer();
  fetcher = createSafeFetcher({ allowHosts: ['127.0.0.1'] });
});
afterAll(async () => {
  await fetcher.close();
  await server.close();
});

/** A clock the test moves. */
function movableClock(start: string): Clock & { advance(ms: number): void } {
  let at = Date.parse(start);
  return { now: () => new Date(at), advance: (ms) => void (at += ms) };
}

forEachDialect('curation', ({ db }) => {
  const clock = movableClock('2026-11-28T12:00:00Z');
  const deps = (): CurationDeps => ({ db: db(), clock, fetcher, feedTimeoutMs: 800 });
  const sourceId = async (path: string) => (await listSources(db())).find((s) => s.url === `${server.base}${path}`)!.id;

  it('adds a source and queues its first poll, which the job loop runs', async () => {
    const { url } = await addSource(deps(), SYSTEM_ACTOR, `${server.base}/rss.xml#top`);
    expect(url).toBe(`${server.base}/rss.xml`);
    await expect(addSource(deps(), SYSTEM_ACTOR, `${server.base}/rss.xml`)).rejects.toMatchObject({ code: 'conflict' });
    await expect(addSource(deps(), SYSTEM_ACTOR, 'ftp://example.org/feed')).rejects.toMatchObject({ code: 'invalid' });
    expect(await runDueJobs(db(), clock, curationJobHandlers(deps()), 'test')).toBe(1);
    const [source] = await listSources(db());
    expect(source).toMatchObject({ title: 'Interesting Engineering', state: 'ok', format: 'rss', language: 'en', itemCount: 2, errorCount: 0 });
    const { entries } = await listInbox(db(), {}, { limit: 10, offset: 0 });
    const launch = entries.find((entry) => entry.lead.title === FIXTURE.launchTitle)!.lead;
    expect(launch).toMatchObject({ author: 'Can Emir', outlet: 'Interesting Engineering', publishedAt: '2023-12-12T08:00:00.000Z', language: 'en' });
    expect(launch.canonicalUrl).toBe(`${server.base}/articles/zhuque-2`);
    // Sanitised: no script, no javascript: link, no image with a handler.
    expect(launch.contentHtml).toContain('Zhuque-2');
    expect(launch.contentHtml).not.toMatch(/script|javascript|onerror|<img/i);
  });

  it('reads Atom and JSON Feed, and clusters the same launch from three outlets into one entry', async () => {
    await addSource(deps(), SYSTEM_ACTOR, `${server.base}/atom.xml`);
    await addSource(deps(), SYSTEM_ACTOR, `${server.base}/feed.json`);
    await runDueJobs(db(), clock, curationJobHandlers(deps()), 'test');
    const sources = await listSources(db());
    expect(sources.map((s) => [s.title, s.format, s.state])).toEqual([['Interesting Engineering', 'rss', 'ok'], ['SpaceNews', 'atom', 'ok'], ['Technode', 'json', 'ok']]);
    const { entries, total } = await listInbox(db(), {}, { limit: 10, offset: 0 });
    expect(total).toBe(3);
    const launch = entries.find((entry) => entry.items.length > 1)!;
    expect(launch.items.map((item) => item.outlet).sort()).toEqual(['Interesting Engineering', 'SpaceNews', 'Technode']);
    expect(launch.items.find((item) => item.outlet === 'Technode')!.canonicalUrl).toBe(`${server.base}/technode/zhuque-2`);
    // Filtering by any member's source finds the entry.
    const bySpaceNews = await listInbox(db(), { sourceId: await sourceId('/atom.xml') }, { limit: 10, offset: 0 });
    expect(bySpaceNews.entries.map((entry) => entry.lead.id)).toEqual([launch.lead.id]);
  });

  it('polls again without duplicates, and sends the validators so an unchanged feed is a 304', async () => {
    const before = (await listInbox(db(), {}, { limit: 50, offset: 0 })).total;
    expect(await pollSource(deps(), await sourceId('/rss.xml'))).toEqual({ kind: 'updated', added: 0, seen: 2 });
    await addSource(deps(), SYSTEM_ACTOR, `${server.base}/etag.xml`);
    const id = await sourceId('/etag.xml');
    // The same entries as /rss.xml, but GUIDs belong to their feed: two new items, each joining its twin's cluster.
    expect(await pollSource(deps(), id)).toEqual({ kind: 'updated', added: 2, seen: 2 });
    const answered304 = server.notModified;
    expect(await pollSource(deps(), id)).toEqual({ kind: 'not_modified' });
    expect(server.notModified).toBe(answered304 + 1);
    expect((await listSources(db())).find((s) => s.id === id)).toMatchObject({ state: 'ok', errorCount: 0 });
    expect((await listInbox(db(), {}, { limit: 50, offset: 0 })).total).toBe(before);
  });

  it('marks broken, failing, slow, private, huge and non-feed sources unhealthy with the reason, and backs off', async () => {
    const cases: [string, RegExp][] = [
      ['/broken.xml', /not well-formed/],
      ['/page.html', /not a feed.*web page/],
      ['/500.xml', /answered 500/],
      ['/slow.xml', /too long/],
      ['/to-private.xml', /private or local/],
      ['/huge.xml', /larger than 5 MB/],
    ];
    const itemsBefore = (await listInbox(db(), { dismissed: false }, { limit: 100, offset: 0 })).total;
    for (const [path, reason] of cases) {
      await addSource(deps(), SYSTEM_ACTOR, `${server.base}${path}`);
      const outcome = await pollSource(deps(), await sourceId(path));
      expect(outcome.kind, path).toBe('failed');
      const source = (await listSources(db())).find((s) => s.url === `${server.base}${path}`)!;
      expect(source.state, path).toBe('failing');
      expect(source.lastError, path).toMatch(reason);
      expect(source.errorCount).toBe(1);
      expect(Date.parse(source.nextPollAt) - clock.now().getTime()).toBe(retryDelayMs(1));
    }
    // No half items.
    expect((await listInbox(db(), { dismissed: false }, { limit: 100, offset: 0 })).total).toBe(itemsBefore);
    // A second failure waits twice as long.
    await pollSource(deps(), await sourceId('/500.xml'));
    const failing = (await listSources(db())).find((s) => s.url === `${server.base}/500.xml`)!;
    expect(failing.errorCount).toBe(2);
    expect(Date.parse(failing.nextPollAt) - clock.now().getTime()).toBe(retryDelayMs(2));
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));
    expect(retryDelayMs(100)).toBe(24 * 3600_000);
  });

  it('queues each due source once however many loops look, and follows a moved feed', async () => {
    await addSource(deps(), SYSTEM_ACTOR, `${server.base}/moved.xml`);
    await runDueJobs(db(), clock, curationJobHandlers(deps()), 'test');
    expect((await listSources(db())).find((s) => s.url === `${server.base}/moved.xml`)).toMatchObject({ state: 'ok', title: 'Interesting Engineering' });
    clock.advance(25 * 3600_000);
    const [first, second] = await Promise.all([queueDuePolls(deps()), queueDuePolls(deps())]);
    const count = (await listSources(db())).length;
    expect(first + second).toBe(count);
    expect(await queueDuePolls(deps())).toBe(0);
    await runDueJobs(db(), clock, curationJobHandlers(deps()), 'test');
  });

  it('keys items without a GUID by their canonical address after one redirect, else by their text', async () => {
    await addSource(deps(), SYSTEM_ACTOR, `${server.base}/noguid.xml`);
    await pollSource(deps(), await sourceId('/noguid.xml'));
    const { entries } = await listInbox(db(), { language: 'zh' }, { limit: 10, offset: 0 });
    const catl = entries.find((entry) => entry.lead.title === '宁德时代发布新电池')!.lead;
    expect(catl.canonicalUrl).toBe(`${server.base}/articles/catl-battery`);
    expect(catl.outlet).toBe('Caijing');
    expect(await pollSource(deps(), await sourceId('/noguid.xml'))).toMatchObject({ kind: 'updated', added: 0, seen: 2 });
  });

  it('applies rules to arriving and open items: topic, sector, star, dismiss', async () => {
    const known = { topics: new Set(['technology-trends']), sectors: new Set(['space', 'robotics']) };
    await expect(addRule(deps(), SYSTEM_ACTOR, { phrase: 'x', action: 'topic', value: 'nope' }, known)).rejects.toMatchObject({ code: 'invalid' });
    expect(await addRule(deps(), SYSTEM_ACTOR, { phrase: 'Zhuque-2', action: 'sector', value: 'space' }, known)).toBeGreaterThan(0);
    await addRule(deps(), SYSTEM_ACTOR, { phrase: 'humanoid robots', action: 'star', value: '' }, known);
    await addRule(deps(), SYSTEM_ACTOR, { phrase: 'R&D scoreboard', action: 'dismiss', value: '' }, known);
    await expect(addRule(deps(), SYSTEM_ACTOR, { phrase: 'zhuque-2', action: 'sector', value: 'space' }, known)).rejects.toMatchObject({ code: 'conflict' });
    const space = await listInbox(db(), { sector: 'space' }, { limit: 10, offset: 0 });
    expect(space.entries.map((entry) => entry.lead.title)).toEqual([FIXTURE.launchTitle]);
    const starred = await listInbox(db(), { starred: true }, { limit: 10, offset: 0 });
    expect(starred.entries.map((entry) => entry.lead.title)).toEqual([FIXTURE.robotsTitle]);
    const dismissed = await listInbox(db(), { dismissed: true }, { limit: 10, offset: 0 });
    expect(dismissed.entries.map((entry) => entry.lead.title)).toEqual(['Chinese companies triple their number on the EU R&D scoreboard']);
  });

  it('records what editors do on the entry: read, star, assign, note, dismiss and restore', async () => {
    const { entries } = await listInbox(db(), { unread: true }, { limit: 10, offset: 0 });
    const target = entries[0]!;
    await actOnEntry(deps(), SYSTEM_ACTOR, target.items.at(-1)!.id, { kind: 'read' });
    expect((await listInbox(db(), { unread: true }, { limit: 10, offset: 0 })).entries.map((e) => e.lead.id)).not.toContain(target.lead.id);
    await actOnEntry(deps(), SYSTEM_ACTOR, target.lead.id, { kind: 'note', note: 'Ask Li Wei about this' });
    await expect(actOnEntry(deps(), SYSTEM_ACTOR, target.lead.id, { kind: 'note', note: 'x'.repeat(5000) })).rejects.toMatchObject({ code: 'invalid' });
    await actOnEntry(deps(), SYSTEM_ACTOR, target.lead.id, { kind: 'dismiss' });
    expect((await getEntry(db(), target.lead.id)).lead).toMatchObject({ dismissed: true, note: 'Ask Li Wei about this' });
    await actOnEntry(deps(), SYSTEM_ACTOR, target.lead.id, { kind: 'restore' });
    expect((await getEntry(db(), target.lead.id)).lead.dismissed).toBe(false);
  });

  it('adds an article by hand from its Open Graph and JSON-LD, following a redirect to the canonical address', async () => {
    const id = await addArticle(deps(), SYSTEM_ACTOR, `${server.base}/article-redirect`);
    const { lead } = await getEntry(db(), id);
    expect(lead).toMatchObject({
      title: FIXTURE.articleTitle, author: FIXTURE.articleAuthor, outlet: FIXTURE.articleOutlet, publishedAt: '2023-12-21T08:00:00.000Z', sourceId: null,
      canonicalUrl: `${server.base}/articles/rd-investment`, summary: 'Huawei, TSMC and CATL are among the top ten in R&D investment.', language: 'en',
    });
    await expect(addArticle(deps(), SYSTEM_ACTOR, `${server.base}/article.html`)).rejects.toMatchObject({ code: 'conflict' });
    await expect(addArticle(deps(), SYSTEM_ACTOR, `${server.base}/missing`)).rejects.toMatchObject({ code: 'invalid' });
    await expect(addArticle(deps(), SYSTEM_ACTOR, 'http://169.254.169.254/latest')).rejects.toMatchObject({ code: 'invalid' });
  });

  it('removes a source and keeps its items', async () => {
    const before = (await listInbox(db(), {}, { limit: 100, offset: 0 })).total;
    await removeSource(deps(), SYSTEM_ACTOR, `${server.base}/noguid.xml`);
    await expect(removeSource(deps(), SYSTEM_ACTOR, `${server.base}/noguid.xml`)).rejects.toMatchObject({ code: 'not_found' });
    expect((await listInbox(db(), {}, { limit: 100, offset: 0 })).total).toBe(before);
  });
});

describe('retryDelayMs', () => {
  it('doubles from five minutes up to a day', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([300_000, 600_000, 1_200_000, 2_400_000]);
    expect(retryDelayMs(12)).toBe(86_400_000);
  });
});
