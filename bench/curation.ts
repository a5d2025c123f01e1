// Curation bench: a local feed server (test/support/feed-server.ts) serves 200 RSS feeds of 50
// items each, a tenth of the items being 20 shared stories that many sources report in nearly the
// same words (so they cluster). The bench adds the 200 sources to a fresh SQLite database and
// polls them all through the real poll (guarded fetch, parse, identity, rules, SimHash clusters,
// one transaction per source), 8 at a time; then polls them all again (nothing new). Baseline,
// in the same run: fetching and parsing the same feeds without storing anything. Heap is sampled
// every 50 ms. Goal (issue 22): ingest under 30 s, memory flat.
//
// `npx tsx bench/curation.ts [sources] [items]` (default 200 × 50); figures go to stderr and one
// JSON line to stdout. It reports, it never asserts.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFeedServer } from '../test/support/feed-server.js';
import { SYSTEM_ACTOR } from '../src/activity/activity.js';
import { listInbox } from '../src/curation/inbox.service.js';
import { addSource, listSources, pollSource, type CurationDeps } from '../src/curation/sources.service.js';
import { parseFeed } from '../src/curation/feed-parse.js';
import { connectDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemClock } from '../src/lib/clock.js';
import { createSafeFetcher } from '../src/lib/safe-fetch.js';

const args = process.argv.slice(2).filter((arg) => /^\d+$/.test(arg)).map(Number);
const SOURCES = args[0] ?? 200;
const ITEMS = args[1] ?? 50;
const CONCURRENCY = 8;
const GOAL_MS = 30_000;

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

function sampleHeap(): { stop(): { peakMb: number; endMb: number } } {
  let peak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 50);
  return {
    stop: () => {
      clearInterval(timer);
      const end = process.memoryUsage().heapUsed;
      return { peakMb: Math.round(Math.max(peak, end) / 1e5) / 10, endMb: Math.round(end / 1e5) / 10 };
    },
  };
}

const server = await startFeedServer();
const dir = mkdtempSync(join(tmpdir(), 'insights-bench-curation-'));
const db = await connectDatabase({ kind: 'sqlite', file: join(dir, 'bench.sqlite') });
await migrateToLatest(db);
const fetcher = createSafeFetcher({ allowHosts: ['127.0.0.1'] });
const deps: CurationDeps = { db, clock: systemClock, fetcher };
const urls = Array.from({ length: SOURCES }, (_, n) => `${server.base}/generated/${n}.xml?items=${ITEMS}`);

try {
  // Baseline: fetch and parse only.
  const heapBase = sampleHeap();
  const baseStart = performance.now();
  let parsed = 0;
  await inParallel(urls, async (url) => {
    const answer = await fetcher.fetch(url);
    parsed += parseFeed(answer.body.toString('utf8'), answer.finalUrl).entries.length;
  });
  const baselineMs = Math.round(performance.now() - baseStart);
  const baseHeap = heapBase.stop();
  process.stderr.write(`baseline: fetched and parsed ${SOURCES} feeds, ${parsed} entries, in ${baselineMs} ms (heap peak ${baseHeap.peakMb} MB)\n`);

  for (const url of urls) await addSource(deps, SYSTEM_ACTOR, url);
  const ids = (await listSources(db)).map((source) => source.id);
  if (global.gc) global.gc();
  const heapStartMb = Math.round(process.memoryUsage().heapUsed / 1e5) / 10;
  const heap = sampleHeap();
  const start = performance.now();
  let added = 0;
  let failed = 0;
  await inParallel(ids, async (id) => {
    const outcome = await pollSource(deps, id);
    if (outcome.kind === 'updated') added += outcome.added;
    else if (outcome.kind === 'failed') {
      failed++;
      process.stderr.write(`source #${id} failed: ${outcome.reason}\n`);
    }
  });
  const ingestMs = Math.round(performance.now() - start);
  const ingestHeap = heap.stop();
  const { total: entries } = await listInbox(db, {}, { limit: 1, offset: 0 });
  process.stderr.write(`ingest: ${added} items from ${SOURCES} sources in ${ingestMs} ms (${failed} failed), ${entries} inbox entries after clustering; heap ${heapStartMb} → peak ${ingestHeap.peakMb}, end ${ingestHeap.endMb} MB\n`);

  const again = performance.now();
  let addedAgain = 0;
  await inParallel(ids, async (id) => {
    const outcome = await pollSource(deps, id);
    if (outcome.kind === 'updated') addedAgain += outcome.added;
  });
  const repollMs = Math.round(performance.now() - again);
  process.stderr.write(`re-poll: ${addedAgain} new items in ${repollMs} ms\n`);

  process.stdout.write(
    `${JSON.stringify({
      bench: 'curation',
      sources: SOURCES,
      items_per_source: ITEMS,
      concurrency: CONCURRENCY,
      ingest_ms: ingestMs,
      goal_ms: GOAL_MS,
      items_added: added,
      sources_failed: failed,
      inbox_entries: entries,
      clustered_away: added - entries,
      repoll_ms: repollMs,
      repoll_added: addedAgain,
      heap_start_mb: heapStartMb,
      heap_peak_mb: ingestHeap.peakMb,
      heap_end_mb: ingestHeap.endMb,
      baseline_fetch_parse_ms: baselineMs,
      baseline_entries: parsed,
      baseline_heap_peak_mb: baseHeap.peakMb,
      ratio_to_baseline: Math.round((ingestMs / Math.max(1, baselineMs)) * 100) / 100,
      cpus: cpus().length,
      load: Math.round(loadavg()[0]! * 100) / 100,
    })}\n`,
  );
} finally {
  await fetcher.close();
  await db.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
