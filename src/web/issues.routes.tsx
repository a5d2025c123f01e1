import { teaserSummary } from '../content/audience.js';
import { viewIssue, viewIssueSummary } from '../issues/issue-view.js';
import { viewStory } from '../stories/story-view.js';
import { ArchivePage } from './pages/archive.page.js';
import { EmptyHomePage, IssuePage } from './pages/issue.page.js';
import { StoryPage } from './pages/story.page.js';
import { assertPageExists, firstPageOnly, pageOf } from './paging.js';
import { audienceRoute, type PublicRoute } from './public-route.js';

/** Issues on a page of the archive. */
export const ARCHIVE_PAGE_SIZE = 24;

/** The web edition: the latest issue, the archive, each issue and each story. */
export const issueRoutes: readonly PublicRoute[] = [
  audienceRoute('/', 'the latest issue', async (ctx) => {
    const { site, content } = ctx.deps;
    const latest = await content.latestIssueIn(ctx.locale.language);
    if (!latest) return ctx.document(<EmptyHomePage site={site} />);
    return ctx.document(<IssuePage site={site} issue={viewIssue(latest.value, ctx.audience, ctx.locale.language)} path="/" isLatest untranslated={!latest.translated} />);
  }),

  audienceRoute('/issues', 'the archive, newest first, 24 issues a page (?page=N)', async (ctx) => {
    const page = pageOf(ctx);
    const listed = await ctx.deps.content.archivePageIn(ctx.locale.language, page, ARCHIVE_PAGE_SIZE);
    assertPageExists(page, listed.pages);
    const issues = listed.items.map((seen) => ({ ...viewIssueSummary(seen.value, ctx.locale.language), untranslated: !seen.translated }));
    return ctx.document(<ArchivePage site={ctx.deps.site} issues={issues} page={page} pages={listed.pages} />);
  }, { cacheKey: firstPageOnly('/issues') }),

  audienceRoute('/issues/:slug', 'one issue', async (ctx) => {
    const slug = ctx.slug();
    // Only the newest issue's slug is needed: one row, however long the archive.
    const [issue, latest] = await Promise.all([ctx.deps.content.issueIn(slug, ctx.locale.language), ctx.deps.content.archivePageIn('en', 1, 1)]);
    const view = viewIssue(issue.value, ctx.audience, ctx.locale.language);
    return ctx.document(<IssuePage site={ctx.deps.site} issue={view} path={`/issues/${slug}`} isLatest={latest.items[0]?.value.slug === slug} untranslated={!issue.translated} />);
  }),

  audienceRoute('/stories/:slug', 'one story (teaser for the public, full text for members)', async (ctx) => {
    const found = await ctx.deps.content.storyIn(ctx.slug(), ctx.locale.language);
    const { story, issues } = found.value;
    return ctx.document(
      <StoryPage site={ctx.deps.site} story={viewStory(story, ctx.audience, ctx.locale.language)} issues={issues.map((issue) => viewIssueSummary(issue, ctx.locale.language))} description={teaserSummary(story.body)} untranslated={!found.translated} />,
    );
  }),
];
