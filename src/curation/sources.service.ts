import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import type { Database, Executor } from '../db/database.js';
import { enqueueJob, type JobHandlers } from '../jobs/jobs.service.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, Invalid, NotFound } from '../lib/errors.js';
import { FetchFailed, type SafeFetcher } from '../lib/safe-fetch.js';
import { canonicalUrl } from './canonical-url.js';
import type { CurationSource, PollOutcome } from './curation.js';
import { claimDueSource, deleteSource, findDueSources, findRules, findSourceForPoll, findSourceIdByUrl, findSources, insertSource, updateSourceAfterPoll } from './curation.queries.js';
import { languageOf, NotAFeed, parseFeed, type FeedEntryIn } from './feed-parse.js';
import { storeItems, type ArrivingItem } from './ingest.js';

// The sources the team reads and their polls (README.md): a source is polled when it is due, by
// a `curation.poll` job that the periodic `curation.schedule` task queues (or adding the source
// does). A poll fetches with the validators of the last copy (ETag / Last-Modified), so an
// unchanged feed costs a 304; a failure (unreachable, 5xx, not a feed, broken XML) is recorded on
// the source as its health with the reason, and the next try waits longer each time. A poll
// writes its items and the source's health in one transaction: all of them or none.

/** What the curation services need: the database, the clock and the guarded fetcher. */
export interface CurationDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly fetcher: SafeFetcher;
  /** How long one feed fetch may take in all (default 20 s). */
  readonly feedTimeoutMs?: number;
}

/** How often a healthy source is polled. */
export const POLL_EVERY_MS = 30 * 60_000;
/** The first retry after a failure waits this long; each further failure twice as long, up to a day. */
export const RETRY_BASE_MS = 5 * 60_000;
export const RETRY_MAX_MS = 24 * 60 * 60_000;
/** A queued poll holds its source this long before the schedule may queue it again. */
const POLL_LEASE_MS = 10 * 60_000;
/** The largest feed body read (bigger ones are cut off and the source is marked failing). */
export const MAX_FEED_BYTES = 5 * 1024 * 1024;
const FEED_TIMEOUT_MS = 20_000;
/** Entries without a GUID whose links are followed (HEAD) to their final address per poll. */
const RESOLVE_PER_POLL = 20;

export const POLL_JOB = 'curation.poll';

/** The wait before the next try after `failures` failures in a row. */
export function retryDelayMs(failures: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failures - 1));
}

/** A feed address as stored: http(s), trimmed, without its fragment. */
export function checkSourceUrl(address: string): string {
  const url = canonicalUrl(address);
  if (!url || address.trim().length > 2000) throw new Invalid('The source was not added.', [{ where: 'url', message: 'must be an http:// or https:// address of a feed' }]);
  return url;
}

/** Every source with its health and item count. */
export function listSources(db: Executor): Promise<CurationSource[]> {
  return findSources(db);
}

/** Adds a feed and queues its first poll in the same transaction; `Conflict` when it is there already. */
export async function addSource(deps: CurationDeps, actor: Actor, address: string): Promise<{ id: number; url: string }> {
  const url = checkSourceUrl(address);
  const instant = deps.clock.now();
  const now = instant.toISOString();
  return deps.db.transaction().execute(async (trx) => {
    if ((await findSourceIdByUrl(trx, url)) !== undefined) throw new Conflict(`The source ${url} is already in the list.`);
    // The first poll is queued here; the schedule leaves the source alone until that poll sets its next turn.
    const id = await insertSource(trx, url, now, new Date(instant.getTime() + POLL_LEASE_MS).toISOString());
    await enqueueJob(trx, deps.clock, POLL_JOB, { sourceId: id });
    await recordActivity(trx, deps.clock, actor, 'curation.source.add', { type: 'curation_source', id, label: url });
    return { id, url };
  });
}

/** Removes a source; its items stay in the inbox (as items of no source). `NotFound` when it is not there. */
export async function removeSource(deps: Pick<CurationDeps, 'db' | 'clock'>, actor: Actor, address: string): Promise<void> {
  const url = canonicalUrl(address) ?? address.trim();
  await deps.db.transaction().execute(async (trx) => {
    const id = (await findSourceIdByUrl(trx, url)) ?? (await findSourceIdByUrl(trx, address.trim()));
    if (id === undefined) throw new NotFound(`There is no source ${address.trim()}.`);
    await deleteSource(trx, id);
    await recordActivity(trx, deps.clock, actor, 'curation.source.remove', { type: 'curation_source', id, label: url });
  });
}

/** Queues a poll for every source that is due (the periodic task); returns how many it queued. */
export async function queueDuePolls(deps: Pick<CurationDeps, 'db' | 'clock'>, limit = 500): Promise<number> {
  const now = deps.clock.now();
  const due = await findDueSources(deps.db, now.toISOString(), limit);
  let queued = 0;
  for (const source of due) {
    const claimed = await deps.db.transaction().execute(async (trx) => {
      if (!(await claimDueSource(trx, source.id, source.nextPollAt, new Date(now.getTime() + POLL_LEASE_MS).toISOString()))) return false;
      await enqueueJob(trx, deps.clock, POLL_JOB, { sourceId: source.id });
      return true;
    });
    if (claimed) queued++;
  }
  return queued;
}

function failureReason(error: unknown): string {
  if (error instanceof NotAFeed) return `not a feed: ${error.message}`;
  if (error instanceof FetchFailed) {
    const reasons: Record<FetchFailed['reason'], string> = {
      bad_url: 'the address is not a valid URL', scheme: 'only http and https addresses are polled', address: 'refused: the address is private or local',
      too_large: `the feed is larger than ${MAX_FEED_BYTES / 1024 / 1024} MB`, timeout: 'the server took too long to answer', redirects: 'too many redirects',
      network: `unreachable (${error.message.slice(0, 200)})`,
    };
    return reasons[error.reason];
  }
  return error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300);
}

/** Follows (HEAD) the links of entries that have no GUID, once, to their final canonical address. */
async function resolveLinks(fetcher: SafeFetcher, entries: readonly FeedEntryIn[]): Promise<Map<string, string>> {
  const resolved = new Map<string, string>();
  const wanted = [...new Set(entries.filter((entry) => !entry.guid && entry.url).map((entry) => entry.url!))].slice(0, RESOLVE_PER_POLL);
  await Promise.all(
    wanted.map(async (url) => {
      try {
        const answer = await fetcher.fetch(url, { method: 'HEAD', timeoutMs: 5000, maxRedirects: 5 });
        if (answer.redirects.length > 0) resolved.set(url, answer.finalUrl);
      } catch {
        // An unresolvable link keeps its own address: the identity is still stable.
      }
    }),
  );
  return resolved;
}

/** Polls one source now: fetch (conditional), parse, store new items, record health. Never throws for the source's own failures. */
export async function pollSource(deps: CurationDeps, sourceId: number): Promise<PollOutcome> {
  const source = await findSourceForPoll(deps.db, sourceId);
  if (!source) return { kind: 'failed', reason: 'the source was removed' };
  const fail = async (error: unknown): Promise<PollOutcome> => {
    const reason = failureReason(error);
    const failures = source.error_count + 1;
    const now = deps.clock.now();
    await updateSourceAfterPoll(deps.db, source.id, { ok: false, error: reason, errorCount: failures, nextPollAt: new Date(now.getTime() + retryDelayMs(failures)).toISOString() }, now.toISOString());
    return { kind: 'failed', reason };
  };
  let answer;
  try {
    answer = await deps.fetcher.fetch(source.url, {
      accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1',
      ifNoneMatch: source.etag, ifModifiedSince: source.last_modified, maxBytes: MAX_FEED_BYTES, timeoutMs: deps.feedTimeoutMs ?? FEED_TIMEOUT_MS,
    });
  } catch (error) {
    return fail(error);
  }
  const healthy = (now: Date) => ({ ok: true, error: null, errorCount: 0, nextPollAt: new Date(now.getTime() + POLL_EVERY_MS).toISOString() });
  if (answer.status === 304) {
    const now = deps.clock.now();
    await updateSourceAfterPoll(deps.db, source.id, healthy(now), now.toISOString());
    return { kind: 'not_modified' };
  }
  if (answer.status < 200 || answer.status > 299) return fail(new Error(`the server answered ${answer.status}`));
  let feed;
  try {
    feed = parseFeed(answer.body.toString('utf8'), answer.finalUrl);
  } catch (error) {
    return fail(error);
  }
  const resolved = await resolveLinks(deps.fetcher, feed.entries);
  const feedLanguage = languageOf(feed.language);
  const outlet = feed.title || new URL(source.url).hostname;
  const arriving: ArrivingItem[] = feed.entries
    .filter((entry) => entry.title || entry.summary)
    .map((entry) => {
      const link = entry.url ? (resolved.get(entry.url) ?? entry.url) : undefined;
      return {
        sourceId: source.id, guid: entry.guid, url: entry.url, canonicalUrl: link ? canonicalUrl(link) : undefined, title: entry.title || entry.summary.slice(0, 120),
        author: entry.author, outlet, publishedAt: entry.publishedAt, language: languageOf(entry.language) ?? feedLanguage, summary: entry.summary, contentHtml: entry.contentHtml,
      };
    });
  const now = deps.clock.now();
  const added = await deps.db.transaction().execute(async (trx) => {
    const ids = await storeItems(trx, arriving, await findRules(trx), now);
    await updateSourceAfterPoll(
      trx,
      source.id,
      { ...healthy(now), etag: answer.headers.etag ?? null, lastModified: answer.headers['last-modified'] ?? null, title: feed.title || source.title, siteUrl: feed.siteUrl ?? null, language: feedLanguage ?? null, format: feed.format },
      now.toISOString(),
    );
    return ids.length;
  });
  return { kind: 'updated', added, seen: arriving.length };
}

/** The job kinds of the curation inbox: one poll of one source. */
export function curationJobHandlers(deps: CurationDeps): JobHandlers {
  return {
    [POLL_JOB]: async (payload) => {
      const sourceId = (payload as { sourceId?: unknown } | null)?.sourceId;
      if (typeof sourceId !== 'number') return;
      await pollSource(deps, sourceId);
    },
  };
}
