import { viewIssue } from '../issues/issue-view.js';
import { renderAtomFeed, renderSitemap } from './feed.js';
import { sharedRoute, type PublicRoute } from './public-route.js';

/** Feeds, the sitemap and robots.txt: always the public edition, one answer for everyone. */
export const feedRoutes: readonly PublicRoute[] = [
  sharedRoute('/feed.xml', 'the Atom feed of the public edition', async (ctx) => {
    const { language } = ctx.locale;
    const issues = (await ctx.deps.content.publishedIssues()).map((issue) => viewIssue(issue, 'public', language));
    return { contentType: 'application/atom+xml; charset=utf-8', body: renderAtomFeed(ctx.deps.site, issues, new Date(0).toISOString(), language) };
  }),

  sharedRoute('/sitemap.xml', 'every public page', async (ctx) => ({
    contentType: 'application/xml; charset=utf-8',
    body: renderSitemap(ctx.deps.site, await ctx.deps.content.sitemap()),
  }), { rootOnly: true }),

  sharedRoute('/robots.txt', 'robots.txt', async (ctx) => ({
    contentType: 'text/plain; charset=utf-8',
    body: `User-agent: *\nDisallow: /admin\nSitemap: ${ctx.deps.site.url}/sitemap.xml\n`,
  }), { rootOnly: true }),
];
