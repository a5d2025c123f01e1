import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { z } from 'zod';
import { SLUG } from '../lib/slug.js';
import { NotFound } from '../lib/errors.js';
import type { Site } from './layout.js';
import type { PageCache } from './page-cache.js';
import type { PublicContent } from './public-content.js';
import { renderAtomFeed, renderSitemap } from './feed.js';
import { ArchivePage } from './pages/archive.page.js';
import { EmptyHomePage, IssuePage } from './pages/issue.page.js';
import { MessagePage } from './pages/message.page.js';
import { StoryPage } from './pages/story.page.js';
import { teaserSummary, type Audience } from '../content/audience.js';
import { viewIssue, viewIssueSummary } from '../issues/issue-view.js';
import { viewStory } from '../stories/story-view.js';
import { registerEventPages } from './event-routes.js';
import { registerProgramPages } from './program-routes.js';
import { csrfTokenForRequest } from '../lib/request-security.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { Mailer } from '../mail/mailer.js';
import { sessionContact, viewerOf, ViewerContext, type Viewer } from './viewer.js';

// The public route table. Without a member session every route here is a public surface: it
// renders for the 'public' audience and its response may be cached and replayed to anyone.
// With a member session, pages render for that contact (members see members-only text) and are
// never cached or stored by browsers or proxies.

const HTML = 'text/html; charset=utf-8';

/** Turns a page component tree into a complete HTML document, personal when a viewer is given. */
export function renderDocument(page: VNode, viewer?: Viewer): string {
  return `<!doctype html>\n${render(viewer ? <ViewerContext.Provider value={viewer}>{page}</ViewerContext.Provider> : page)}`;
}

/** The stylesheet and icon, read once and served with long-lived caching. */
export function loadAssets() {
  const css = readFileSync(new URL('./assets/site.css', import.meta.url));
  const icon = readFileSync(new URL('./assets/favicon.svg', import.meta.url));
  const adminCss = readFileSync(new URL('./assets/admin.css', import.meta.url));
  const adminJs = readFileSync(new URL('./assets/admin.js', import.meta.url));
  const fingerprint = (content: Buffer) => createHash('sha1').update(content).digest('hex').slice(0, 10);
  return {
    css,
    icon,
    adminCss,
    adminJs,
    stylesheetPath: `/assets/site.${fingerprint(css)}.css`,
    adminStylesheetPath: `/assets/admin.${fingerprint(adminCss)}.css`,
    adminScriptPath: `/assets/admin.${fingerprint(adminJs)}.js`,
  };
}

const slugParams = z.object({ slug: z.string().regex(SLUG) });

/** Reads `:slug`; anything that is not a slug cannot exist, so it is a 404, not a 400. */
export function slugOf(request: FastifyRequest): string {
  const parsed = slugParams.safeParse(request.params);
  if (!parsed.success) throw new NotFound('There is no page at this address.');
  return parsed.data.slug;
}

export interface PublicRoutesOptions {
  readonly site: Site;
  readonly content: PublicContent;
  readonly cache: PageCache;
  readonly assets: ReturnType<typeof loadAssets>;
  /** What personal (signed-in) renders need. */
  readonly members: { readonly db: Database; readonly clock: Clock; readonly secretKey: string; readonly secureCookies: boolean; readonly mailer: Mailer };
}

export type Built = { contentType?: string; body: string };

/** Who a page is built for: the audience decides members-only text; the viewer personalises the shell. */
export interface BuildFor {
  readonly audience: Audience;
  readonly viewer: Viewer | undefined;
}

const PUBLIC: BuildFor = { audience: 'public', viewer: undefined };

type PageHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** How a page route is served; passed to the route files of each area (events, programs). */
export interface PageServer {
  /** Personal when a member is signed in (never cached), otherwise the shared public page. */
  readonly cached: (build: (request: FastifyRequest, target: BuildFor) => Promise<Built>) => PageHandler;
  /** Always the shared public page (feeds, sitemap). */
  readonly shared: (build: (request: FastifyRequest, target: BuildFor) => Promise<Built>) => PageHandler;
  readonly slugOf: (request: FastifyRequest) => string;
}

/** What each area's public route file receives. */
export type AreaRoutesOptions = Pick<PublicRoutesOptions, 'site' | 'content' | 'members'> & { readonly pages: PageServer };

/** Registers the public web edition. */
export function registerPublicRoutes(app: FastifyInstance, { site, content, cache, assets, members }: PublicRoutesOptions): void {
  /**
   * Serves a page. With a live member session it is built for that contact and never cached.
   * Otherwise it comes from the cache, built on a miss for the public; the key is the route with
   * its validated slug, so `/issues/2024%2Dspring/` and `/issues/2024-spring` share one entry.
   */
  /** Serves a page from the public cache, building it on a miss; never personal (feeds, sitemap). */
  const shared = (build: (request: FastifyRequest, target: BuildFor) => Promise<Built>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? '';
    const key = route.includes(':slug') ? route.replace(':slug', slugOf(request)) : route;
    const page = await cache.get(key, async () => {
      const built = await build(request, PUBLIC);
      return { contentType: built.contentType ?? HTML, body: Buffer.from(built.body) };
    });
    reply.header('vary', 'Cookie').header('etag', page.etag).header('cache-control', 'public, max-age=60');
    if (request.headers['if-none-match'] === page.etag) return reply.code(304).send();
    return reply.type(page.contentType).send(page.body);
  };

  /**
   * Serves a page. With a live member session it is built for that contact and never cached
   * or stored; otherwise it is the shared public page.
   */
  const cached = (build: (request: FastifyRequest, target: BuildFor) => Promise<Built>) => {
    const publicPage = shared(build);
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const signedIn = await sessionContact(members.db, members.clock, request);
      if (!signedIn) return publicPage(request, reply);
      const viewer = viewerOf(signedIn.contact, csrfTokenForRequest(request, reply, members.secretKey, members.secureCookies));
      const built = await build(request, { audience: viewer.isMember ? 'member' : 'public', viewer });
      return reply.header('cache-control', 'private, no-store').header('vary', 'Cookie').type(built.contentType ?? HTML).send(built.body);
    };
  };

  app.get('/', cached(async (_request, target) => {
    const latest = await content.latestIssue();
    if (!latest) return { body: renderDocument(<EmptyHomePage site={site} />, target.viewer) };
    return { body: renderDocument(<IssuePage site={site} issue={viewIssue(latest, target.audience)} path="/" isLatest />, target.viewer) };
  }));

  app.get('/issues', cached(async (_request, target) => {
    const issues = (await content.archive()).map(viewIssueSummary);
    return { body: renderDocument(<ArchivePage site={site} issues={issues} />, target.viewer) };
  }));

  app.get('/issues/:slug', cached(async (request, target) => {
    const slug = slugOf(request);
    const [issue, latest] = await Promise.all([content.issue(slug), content.archive()]);
    const view = viewIssue(issue, target.audience);
    return { body: renderDocument(<IssuePage site={site} issue={view} path={`/issues/${slug}`} isLatest={latest[0]?.slug === slug} />, target.viewer) };
  }));

  app.get('/stories/:slug', cached(async (request, target) => {
    const { story, issues } = await content.story(slugOf(request));
    const page = (
      <StoryPage
        site={site}
        story={viewStory(story, target.audience)}
        issues={issues.map(viewIssueSummary)}
        description={teaserSummary(story.body)}
      />
    );
    return { body: renderDocument(page, target.viewer) };
  }));

  const pages: PageServer = { cached, shared, slugOf };
  registerEventPages(app, { site, content, pages, members });
  registerProgramPages(app, { site, content, pages, members });

  app.get('/feed.xml', shared(async () => {
    const issues = (await content.publishedIssues()).map((issue) => viewIssue(issue, 'public'));
    return { contentType: 'application/atom+xml; charset=utf-8', body: renderAtomFeed(site, issues, new Date(0).toISOString()) };
  }));

  app.get('/sitemap.xml', shared(async () => ({
    contentType: 'application/xml; charset=utf-8',
    body: renderSitemap(site, await content.sitemap()),
  })));

  app.get('/robots.txt', shared(async () => ({
    contentType: 'text/plain; charset=utf-8',
    body: `User-agent: *\nDisallow: /admin\nSitemap: ${site.url}/sitemap.xml\n`,
  })));

  const immutable = 'public, max-age=31536000, immutable';
  app.get(assets.stylesheetPath, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', immutable).send(assets.css));
  app.get(assets.adminStylesheetPath, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', immutable).send(assets.adminCss));
  app.get(assets.adminScriptPath, async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', immutable).send(assets.adminJs));
  for (const path of ['/favicon.svg', '/favicon.ico']) {
    app.get(path, async (_request, reply) =>
      reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(assets.icon),
    );
  }
}

/** The error page in the site's own layout. */
export function renderErrorPage(site: Site, status: number, message: string, path: string): string {
  const title = status === 404 ? 'Page not found' : status >= 500 ? 'Something went wrong' : 'That did not work';
  return renderDocument(
    <MessagePage site={site} title={title} path={path}>
      <p>{message}</p>
      <p>
        <a href="/">Go to the latest issue</a> or <a href="/issues">browse the archive</a>.
      </p>
    </MessagePage>,
  );
}
