import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runInsights as run } from '../../test/support/cli.js';
import { startFeedServer, type FeedServer } from '../../test/support/feed-server.js';

// `insights sources add|list|remove` end to end on a real SQLite file, against the local feed
// server (FETCH_ALLOW_HOSTS names 127.0.0.1, as in every test).

let dataDir: string;
let server: FeedServer;
const saved = { DATA_DIR: process.env.DATA_DIR, FETCH_ALLOW_HOSTS: process.env.FETCH_ALLOW_HOSTS };

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'insights-cli-sources-'));
  process.env.DATA_DIR = dataDir;
  process.env.FETCH_ALLOW_HOSTS = '127.0.0.1';
  delete process.env.DATABASE_URL;
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await rm(dataDir, { recursive: true, force: true });
});

it('adds sources, polls each once and says how it went', async () => {
  const { code, stdout } = await run('sources', 'add', `${server.base}/rss.xml`, `${server.base}/broken.xml`);
  expect(code).toBe(0);
  expect(stdout).toBe(`added ${server.base}/rss.xml: ok, 2 new items\nadded ${server.base}/broken.xml: failing: not a feed: the XML is not well-formed\n`);
});

it('refuses a source twice, and an address that is not http(s), with exit 1', async () => {
  const twice = await run('sources', 'add', `${server.base}/rss.xml`);
  expect(twice.code).toBe(1);
  expect(twice.stderr).toContain('already in the list');
  const bad = await run('sources', 'add', 'file:///etc/passwd');
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('url: must be an http:// or https:// address of a feed');
  expect((await run('sources', 'add')).code).toBe(2);
});

it('lists the sources with their health', async () => {
  const { code, stdout } = await run('sources', 'list');
  expect(code).toBe(0);
  const lines = stdout.trim().split('\n').map((line) => line.split('\t'));
  expect(lines.map((line) => line.slice(0, 4))).toEqual([
    [`${server.base}/broken.xml`, '-', 'failing (1×: not a feed: the XML is not well-formed)', '0 items'],
    [`${server.base}/rss.xml`, 'Interesting Engineering', 'ok', '2 items'],
  ]);
});

it('removes a source, and says when there is none', async () => {
  expect(await run('sources', 'remove', `${server.base}/broken.xml`)).toMatchObject({ code: 0, stdout: `removed ${server.base}/broken.xml\n` });
  const again = await run('sources', 'remove', `${server.base}/broken.xml`);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('There is no source');
  expect((await run('sources', 'list')).stdout.trim().split('\n')).toHaveLength(1);
});
