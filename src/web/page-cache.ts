import { createHash } from 'node:crypto';
import type { Clock } from '../lib/clock.js';

/** A rendered response kept in memory. */
export interface CachedPage {
  readonly contentType: string;
  readonly body: Buffer;
  readonly etag: string;
}

export interface PageCacheOptions {
  /** Reads the content version; a change drops every page (another process changed content). */
  readonly readVersion: () => Promise<string>;
  readonly clock: Clock;
  /** How often the version is read, at most (ms). */
  readonly checkEveryMs?: number;
  /** How long a page lives even if nothing changed, so time-based views (upcoming events,
   * scheduled issues) move on by themselves (ms). */
  readonly maxAgeMs?: number;
  /** At most this many pages are kept; the oldest go first. */
  readonly maxEntries?: number;
}

/**
 * Rendered public pages, in memory. Dropped at once when this process changes content
 * (`clear()`), and within `checkEveryMs` when another process does (the content version in the
 * database changed). Holds public renders under their route key, and the templates of signed-in
 * audiences (personal parts left open) under `member|…` and `contact|…` keys, never served to anyone else.
 */
export class PageCache {
  private readonly pages = new Map<string, { page: Promise<CachedPage>; at: number }>();
  private version: string | undefined;
  private checkedAt = -Infinity;
  private checking: Promise<void> | undefined;
  private readonly checkEveryMs: number;
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;

  constructor(private readonly options: PageCacheOptions) {
    this.checkEveryMs = options.checkEveryMs ?? 1000;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 2000;
  }

  /**
   * The cached page for `key`, building it with `build` when missing or stale. Keys must be
   * canonical (route and validated parameters), never the raw URL, or every spelling of a
   * path would be a separate entry.
   */
  async get(key: string, build: () => Promise<Omit<CachedPage, 'etag'>>): Promise<CachedPage> {
    await this.revalidate();
    const now = this.options.clock.now().getTime();
    const hit = this.pages.get(key);
    if (hit && now - hit.at < this.maxAgeMs) return hit.page;
    const page = build().then((built) => ({ ...built, etag: etagOf(built.body) }));
    const entry = { page, at: now };
    this.pages.delete(key); // re-inserted last: Map order is then oldest first
    this.pages.set(key, entry);
    if (this.pages.size > this.maxEntries) this.pages.delete(this.pages.keys().next().value!);
    // A failed build is forgotten, unless a newer build has taken its place meanwhile.
    page.catch(() => this.pages.get(key) === entry && this.pages.delete(key));
    return page;
  }

  /** Drops every page (call after this process changed content). */
  clear(): void {
    this.pages.clear();
  }

  get size(): number {
    return this.pages.size;
  }

  private async revalidate(): Promise<void> {
    const now = this.options.clock.now().getTime();
    if (now - this.checkedAt < this.checkEveryMs) return;
    this.checking ??= this.options
      .readVersion()
      .then((version) => {
        if (this.version !== undefined && version !== this.version) this.clear();
        this.version = version;
        this.checkedAt = this.options.clock.now().getTime();
      })
      .finally(() => {
        this.checking = undefined;
      });
    await this.checking;
  }
}

/** A strong ETag from the body's bytes. */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}
