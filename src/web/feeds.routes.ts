import type { Language } from '../i18n/languages.js';
import { viewIssue } from '../issues/issue-view.js';
import { FEED_PAGE_SIZE, renderAtomFeed, renderJsonFeed, renderSitemap, type FeedPaging } from './feed.js';
import { assertPageExists, firstPageOnly, pageOf } from './paging.js';
import { sharedRoute, type PublicRoute, type RenderContext } from './public-route.js';
import type { IssueView } from '../issues/issue-view.js';

/** One page of the public issues in the reader's language (translated where translations exist), as public views. */
async function issuePage(ctx: RenderContext): Promise<{ issues: IssueView[]; paging: FeedPaging; language: Language }> {
  const { language } = ctx.locale;
  const page = pageOf(ctx);
  const listed = await ctx.deps.content.issueFeedPage(language, page, FEED_PAGE_SIZE);
  assertPageExists(page, listed.pages);
  return { issues: listed.items.map((seen) => viewIssue(seen.value, 'public', language)), paging: { page, pages: listed.pages }, language };
}

/** Feeds, the sitemap and robots.txt: always the public edition, one answer for everyone. */
export const feedRoutes: readonly PublicRoute[] = [
  sharedRoute('/feed.xml', 'the Atom feed of the public edition, newest 50 issues, older ones on ?page=N (RFC 5005)', async (ctx) => {
    const { issues, paging, language } = await issuePage(ctx);
    return { contentType: 'application/atom+xml; charset=utf-8', body: renderAtomFeed(ctx.deps.site, issues, new Date(0).toISOString(), language, paging) };
  }, { cacheKey: firstPageOnly('/feed.xml') }),

  sharedRoute('/feed.json', 'the JSON Feed 1.1 of the public edition, newest 50 issues, older ones on ?page=N', async (ctx) => {
    const { issues, paging, language } = await issuePage(ctx);
    return { contentType: 'application/feed+json; charset=utf-8', body: renderJsonFeed(ctx.deps.site, issues, language, paging) };
  }, { cacheKey: firstPageOnly('/feed.json') }),

  sharedRoute('/sitemap.xml', 'every public page', async (ctx) => ({
    contentType: 'application/xml; charset=utf-8',
    body: renderSitemap(ctx.deps.site, await ctx.deps.content.sitemap()),
  }), { rootOnly: true }),

  sharedRoute('/robots.txt', 'robots.txt', async (ctx) => ({
    contentType: 'text/plain; charset=utf-8',
    body: `User-agent: *\nDisallow: /admin\nSitemap: ${ctx.deps.site.url}/sitemap.xml\n`,
  }), { rootOnly: true }),
];
