import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { z } from 'zod';
import { SLUG } from '../content/folder/schemas.js';
import { NotFound } from '../lib/errors.js';
import type { Site } from './layout.js';
import type { PageCache } from './page-cache.js';
import type { PublicContent } from './public-content.js';
import { renderAtomFeed, renderSitemap } from './feed.js';
import { ArchivePage } from './pages/archive.page.js';
import { EventPage, EventsPage } from './pages/events.page.js';
import { EmptyHomePage, IssuePage } from './pages/issue.page.js';
import { MessagePage } from './pages/message.page.js';
import { ProgramPage } from './pages/program.page.js';
import { StoryPage } from './pages/story.page.js';
import { teaserSummary, viewEvent, viewIssue, viewIssueSummary, viewProgram, viewStory } from './views.js';

// The public route table. Every route here is a public surface: it renders for the 'public'
// audience only, and its response may be cached and replayed to anyone.

const HTML = 'text/html; charset=utf-8';

/** Turns a page component tree into a complete HTML document. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>\n${render(page)}`;
}

/** The stylesheet and icon, read once and served with long-lived caching. */
export function loadAssets() {
  const css = readFileSync(new URL('./assets/site.css', import.meta.url));
  const icon = readFileSync(new URL('./assets/favicon.svg', import.meta.url));
  const hash = createHash('sha1').update(css).digest('hex').slice(0, 10);
  return { css, icon, stylesheetPath: `/assets/site.${hash}.css` };
}

const slugParams = z.object({ slug: z.string().regex(SLUG) });

/** Reads `:slug`; anything that is not a slug cannot exist, so it is a 404, not a 400. */
function slugOf(request: FastifyRequest): string {
  const parsed = slugParams.safeParse(request.params);
  if (!parsed.success) throw new NotFound('There is no page at this address.');
  return parsed.data.slug;
}

export interface PublicRoutesOptions {
  readonly site: Site;
  readonly content: PublicContent;
  readonly cache: PageCache;
  readonly assets: ReturnType<typeof loadAssets>;
}

type Built = { contentType?: string; body: string };

/** Registers the public web edition. */
export function registerPublicRoutes(app: FastifyInstance, { site, content, cache, assets }: PublicRoutesOptions): void {
  /**
   * Serves a page from the cache, building it on a miss. The key is the route with its validated
   * slug, so `/issues/2024%2Dspring/` and `/issues/2024-spring` share one entry.
   */
  const cached = (build: (request: FastifyRequest) => Promise<Built>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? '';
    const key = route.includes(':slug') ? route.replace(':slug', slugOf(request)) : route;
    const page = await cache.get(key, async () => {
      const built = await build(request);
      return { contentType: built.contentType ?? HTML, body: Buffer.from(built.body) };
    });
    reply.header('etag', page.etag).header('cache-control', 'public, max-age=60');
    if (request.headers['if-none-match'] === page.etag) return reply.code(304).send();
    return reply.type(page.contentType).send(page.body);
  };

  app.get('/', cached(async () => {
    const latest = await content.latestIssue();
    if (!latest) return { body: renderDocument(<EmptyHomePage site={site} />) };
    return { body: renderDocument(<IssuePage site={site} issue={viewIssue(latest, 'public')} path="/" isLatest />) };
  }));

  app.get('/issues', cached(async () => {
    const issues = (await content.archive()).map(viewIssueSummary);
    return { body: renderDocument(<ArchivePage site={site} issues={issues} />) };
  }));

  app.get('/issues/:slug', cached(async (request) => {
    const slug = slugOf(request);
    const [issue, latest] = await Promise.all([content.issue(slug), content.archive()]);
    const view = viewIssue(issue, 'public');
    return { body: renderDocument(<IssuePage site={site} issue={view} path={`/issues/${slug}`} isLatest={latest[0]?.slug === slug} />) };
  }));

  app.get('/stories/:slug', cached(async (request) => {
    const { story, issues } = await content.story(slugOf(request));
    const page = (
      <StoryPage
        site={site}
        story={viewStory(story, 'public')}
        issues={issues.map(viewIssueSummary)}
        description={teaserSummary(story.body)}
      />
    );
    return { body: renderDocument(page) };
  }));

  app.get('/events', cached(async () => {
    const { upcoming, past } = await content.calendar();
    const page = (
      <EventsPage
        site={site}
        upcoming={upcoming.map((event) => viewEvent(event, 'public'))}
        past={past.map((event) => viewEvent(event, 'public'))}
      />
    );
    return { body: renderDocument(page) };
  }));

  app.get('/events/:slug', cached(async (request) => {
    const event = await content.event(slugOf(request));
    return { body: renderDocument(<EventPage site={site} event={viewEvent(event, 'public')} description={teaserSummary(event.body)} />) };
  }));

  app.get('/programs/:slug', cached(async (request) => {
    const program = await content.program(slugOf(request));
    return {
      body: renderDocument(<ProgramPage site={site} program={viewProgram(program, 'public')} description={teaserSummary(program.body)} />),
    };
  }));

  app.get('/feed.xml', cached(async () => {
    const issues = (await content.publishedIssues()).map((issue) => viewIssue(issue, 'public'));
    return { contentType: 'application/atom+xml; charset=utf-8', body: renderAtomFeed(site, issues, new Date(0).toISOString()) };
  }));

  app.get('/sitemap.xml', cached(async () => ({
    contentType: 'application/xml; charset=utf-8',
    body: renderSitemap(site, await content.sitemap()),
  })));

  app.get('/robots.txt', cached(async () => ({
    contentType: 'text/plain; charset=utf-8',
    body: `User-agent: *\nDisallow: /admin\nSitemap: ${site.url}/sitemap.xml\n`,
  })));

  // Until member accounts land, these explain honestly how to get the full edition.
  app.get('/login', cached(async () => ({
    body: renderDocument(
      <MessagePage site={site} title="Member sign-in" path="/login">
        <p>
          Members of {site.name} receive the full version of every issue by email. Signing in on the web with a one-time
          link sent to your work email is being introduced; until then, the full edition is in your inbox.
        </p>
        {site.contactEmail ? (
          <p>
            Missing an issue? Write to <a href={`mailto:${site.contactEmail}`}>{site.contactEmail}</a>.
          </p>
        ) : null}
      </MessagePage>,
    ),
  })));

  app.get('/subscribe', cached(async () => ({
    body: renderDocument(
      <MessagePage site={site} title="Subscribe" path="/subscribe">
        <p>
          The free edition brings the public teasers of every issue to your inbox; member companies receive the full
          version. Online subscription is being introduced.
        </p>
        {site.contactEmail ? (
          <p>
            To be added now, write to <a href={`mailto:${site.contactEmail}`}>{site.contactEmail}</a>.
          </p>
        ) : null}
        <p>
          You can also follow new issues with the <a href="/feed.xml">Atom feed</a>.
        </p>
      </MessagePage>,
    ),
  })));

  app.get(assets.stylesheetPath, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(assets.css),
  );
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
