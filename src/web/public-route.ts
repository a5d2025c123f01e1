import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Audience } from '../content/audience.js';
import type { RateLimit } from '../auth/rate-limits.service.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { FormErrors } from '../lib/form-errors.js';
import type { Assets } from './assets.js';
import type { Locale } from './locale.js';
import type { Site } from './layout.js';
import type { PageCache } from './page-cache.js';
import type { PublicContent } from './public-content.js';
import type { Viewer } from './viewer.js';

// One public route, as the public route table (route-table.ts) lists it: its address, how its
// answer may be cached, its rate limit and whether it is exempt from CSRF. register-public.ts
// registers the table and builds each request's context; tests walk the same table.

/**
 * How a route's answer may be cached. THE ONE INVARIANT depends on it: only `shared` answers
 * and `audience` answers rendered for the public ever enter the page cache.
 * - `shared`: one answer for everyone, signed in or not (feeds, sitemap, calendars, assets).
 * - `audience`: a page whose public render is cached and shared; a signed-in contact gets it
 *   rendered for their audience and personally (`private, no-store`).
 * - `personal`: always rendered for the signed-in contact; `private, no-store`.
 * - `none`: forms and one-time links, never stored (`no-store`), with the signed-in header.
 */
export type CachePolicy = 'shared' | 'audience' | 'personal' | 'none';

/** The Cache-Control each policy answers with (`audience` as rendered for the public; personal renders answer `private, no-store`). */
export const CACHE_CONTROL: Readonly<Record<CachePolicy, string>> = {
  shared: 'public, max-age=60',
  audience: 'public, max-age=60',
  personal: 'private, no-store',
  none: 'no-store',
};

/** What public routes are built from (the composition root passes real parts). */
export interface PublicDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly site: Site;
  readonly content: PublicContent;
  readonly cache: PageCache;
  readonly assets: Assets;
  readonly secretKey: string;
  /** Config.erasureKey: erased addresses are kept as keyed hashes under it (privacy/). */
  readonly erasureKey: string;
  /** The outbox folder (no SMTP_URL), whose files an erasure removes; null with SMTP. */
  readonly outboxDir: string | null;
  /** Cookies get `Secure` when the site is served over https. */
  readonly secureCookies: boolean;
  /** TRACKING_KEY (click tokens of `/r/<token>`), or unset for the key kept in the database. */
  readonly trackingKey?: string | undefined;
  /** Whether consent rows keep the client's IP address and user agent (read per request: the owner may switch it). */
  readonly consentNetworkLog: () => Promise<boolean>;
  /** Where uploaded images are kept (Config.mediaDir); /media/ serves their resized files. */
  readonly mediaDir: string;
}

/** A response body a `shared` or `audience` route renders; the registrar caches and sends it. */
export interface Rendered {
  readonly body: string | Buffer;
  /** Default: HTML. */
  readonly contentType?: string;
  /** Cache-Control of the public answer when not the policy's (immutable assets). */
  readonly cacheControl?: string;
}

/** What a `shared` or `audience` route renders from. */
export interface RenderContext {
  readonly request: FastifyRequest;
  readonly deps: PublicDeps;
  /** 'member' only for a signed-in contact of an active member company. */
  readonly audience: Audience;
  /** The signed-in contact of a personal render; undefined for the shared public render. */
  readonly viewer: Viewer | undefined;
  /** The language of the address (`/de/…`, `/zh/…`, English at the root). */
  readonly locale: Locale;
  /** The route's validated `:slug`; NotFound for anything that is not a slug. */
  slug(): string;
  /** A complete HTML document of the page, with the viewer's header when there is one. */
  document(page: VNode): Rendered;
}

/** What a `personal` or `none` route handles a request with. */
export interface PublicContext {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly deps: PublicDeps;
  /** The signed-in contact, if any (personal routes redirect or explain when there is none). */
  readonly viewer: Viewer | undefined;
  /** The CSRF token for forms on the page (bound to the session, or to a browser cookie set now). */
  readonly csrf: string;
  /** The language of the address (`/de/…`, `/zh/…`, English at the root). */
  readonly locale: Locale;
  /** The route's validated `:slug`; NotFound for anything that is not a slug. */
  slug(): string;
  /** Sends the page (200, or `status`) with the route's cache policy and the viewer's header. */
  page(page: VNode, status?: number): FastifyReply;
  /** 303 See Other to a same-site path (in the request's language), never cached. */
  redirect(path: string): FastifyReply;
  /**
   * Sends `render(errors)` for a failed form or link with the status the error's code maps to
   * (lib/http.ts), a Retry-After for rate limits; anything but a domain error is rethrown.
   */
  formFailed(error: unknown, render: (errors: FormErrors) => VNode | Promise<VNode>): Promise<FastifyReply>;
  /** Counts one hit against the route's rate limit (per client address); throws `RateLimited` past it. */
  countHit(): Promise<void>;
}

/** A route's rate limit: counted per client address under `key` (shared by every process: the counters are in the database). */
export interface PublicRateLimit {
  readonly key: string;
  readonly limit: RateLimit;
}

interface RouteBase {
  readonly url: string;
  /** What the route is for, as the table and ARCHITECTURE.md show it. */
  readonly purpose: string;
  /** Served at the root only, not under `/de` and `/zh` (assets, robots.txt, the sitemap, the health check). */
  readonly rootOnly?: true;
}

/** A GET whose answer may be cached (`shared`, or `audience` for its public render). */
export interface RenderedRoute extends RouteBase {
  readonly method: 'GET';
  readonly cache: 'shared' | 'audience';
  /** The page cache key of the public render; null: rendered per request and not stored (filtered or paged views, assets). Default: the URL pattern with the validated slug. */
  readonly cacheKey?: (ctx: RenderContext) => string | null;
  readonly render: (ctx: RenderContext) => Promise<Rendered>;
}

/** A route that answers each request itself (`personal` or `none`). */
export interface HandledRoute extends RouteBase {
  readonly method: 'GET' | 'POST';
  readonly cache: 'personal' | 'none';
  readonly rateLimit?: PublicRateLimit;
  /** `false` exempts the route from the CSRF check: RFC 8058 one-click unsubscribe only. */
  readonly csrf?: false;
  /** Also accept a `multipart/form-data` body, as text (RFC 8058 allows mail clients to send one-click POSTs so). */
  readonly multipartText?: true;
  readonly handle: (ctx: PublicContext) => Promise<unknown>;
}

export type PublicRoute = RenderedRoute | HandledRoute;

/** A GET with one answer for everyone. */
export function sharedRoute(url: string, purpose: string, render: RenderedRoute['render'], options: Pick<RenderedRoute, 'cacheKey' | 'rootOnly'> = {}): RenderedRoute {
  return { method: 'GET', url, purpose, cache: 'shared', render, ...options };
}

/** A page whose public render is cached; signed-in contacts get it rendered for their audience. */
export function audienceRoute(url: string, purpose: string, render: RenderedRoute['render'], options: Pick<RenderedRoute, 'cacheKey'> = {}): RenderedRoute {
  return { method: 'GET', url, purpose, cache: 'audience', render, ...options };
}

/** A page or form for the signed-in contact. */
export function personalRoute(method: 'GET' | 'POST', url: string, purpose: string, handle: HandledRoute['handle'], options: Pick<HandledRoute, 'rateLimit'> = {}): HandledRoute {
  return { method, url, purpose, cache: 'personal', handle, ...options };
}

/** A form or one-time link that is never stored. */
export function formRoute(method: 'GET' | 'POST', url: string, purpose: string, handle: HandledRoute['handle'], options: Pick<HandledRoute, 'rateLimit' | 'csrf' | 'multipartText'> = {}): HandledRoute {
  return { method, url, purpose, cache: 'none', handle, ...options };
}
