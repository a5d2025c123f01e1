import { teaserSummary } from '../content/audience.js';
import { pathIn } from '../i18n/languages.js';
import { MovedPermanently } from '../lib/errors.js';
import { renderProfile } from './innovators.routes.js';
import { translator } from '../i18n/messages.js';
import { viewStory } from '../stories/story-view.js';
import { FEED_PAGE_SIZE, renderAtom, renderJson, storyEntry, type FeedInfo } from './feed.js';
import { BrowsePage, OrganizationsPage, subjectPath, type BrowseSubject } from './pages/browse.page.js';
import { assertPageExists, firstPageOnly, pageOf } from './paging.js';
import { audienceRoute, sharedRoute, type PublicRoute, type RenderContext } from './public-route.js';

// Browse pages: each topic, sector and organisation lists its public stories, newest first, a
// page at a time, with an Atom and a JSON feed of its own (docs/feeds.md); `/organizations` lists
// the organisations.

/** Stories on a page of a topic or sector. */
export const BROWSE_PAGE_SIZE = 24;

/** Organisations on a page of `/organizations`. */
export const ORGANIZATIONS_PAGE_SIZE = 100;

const PLURALS = { topic: 'topics', sector: 'sectors', organization: 'organizations' } as const;

type Kind = BrowseSubject['kind'];

/** The cache key of a subject's first page (or feed): its path with the validated slug; later pages are rendered per request. */
const firstPageOf = (kind: Kind, suffix = '') => (ctx: RenderContext) => firstPageOnly(`${subjectPath({ kind, slug: ctx.slug() })}${suffix}`)(ctx);

async function subjectStories(ctx: RenderContext, kind: Kind, perPage: number) {
  const page = pageOf(ctx);
  const { term, stories } = await ctx.deps.content.termStoriesIn(kind, ctx.slug(), ctx.locale.language, page, perPage);
  assertPageExists(page, stories.pages);
  const subject: BrowseSubject = { kind, slug: term.slug, name: term.name, description: term.description };
  return { page, subject, stories };
}

function browsePage(kind: Kind): PublicRoute {
  const plural = PLURALS[kind];
  return audienceRoute(`/${plural}/:slug`, `one ${kind}: its public stories, newest first, 24 a page (?page=N)`, async (ctx) => {
    const { language } = ctx.locale;
    if (kind === 'organization') {
      // An innovator lives at its directory address; any other profile is shown here.
      if (await ctx.deps.content.inDirectory(ctx.slug())) throw new MovedPermanently(pathIn(language, `/innovators/${ctx.slug()}`));
      const profile = await ctx.deps.content.organizationProfile(ctx.slug());
      if (profile) return renderProfile(ctx, profile);
    }
    const { page, subject, stories } = await subjectStories(ctx, kind, BROWSE_PAGE_SIZE);
    const items = stories.items.map((seen) => {
      const view = viewStory(seen.value, 'public', language);
      return { slug: view.slug, title: view.title, kicker: view.kicker, summary: teaserSummary(seen.value.body), untranslated: !seen.translated };
    });
    return ctx.document(<BrowsePage site={ctx.deps.site} subject={subject} stories={items} page={page} pages={stories.pages} />);
  }, { cacheKey: firstPageOf(kind) });
}

function subjectFeeds(kind: Kind): PublicRoute[] {
  const plural = PLURALS[kind];
  const feed = async (ctx: RenderContext) => {
    const { language } = ctx.locale;
    const { page, subject, stories } = await subjectStories(ctx, kind, FEED_PAGE_SIZE);
    const base = subjectPath(subject);
    const info: FeedInfo = { title: `${ctx.deps.site.name}: ${subject.name}`, subtitle: translator(language)('browse.feed.termSubtitle', { name: subject.name }), path: `${base}/feed`, home: base };
    // Public views only: a feed is one answer for everyone.
    const entries = stories.items.map((seen) => storyEntry(ctx.deps.site, viewStory(seen.value, 'public', language), teaserSummary(seen.value.body), seen.value.updatedAt, language));
    return { entries, info, paging: { page, pages: stories.pages }, language };
  };
  return [
    sharedRoute(`/${plural}/:slug/feed.xml`, `the Atom feed of one ${kind}'s stories, newest 50, older ones on ?page=N (RFC 5005)`, async (ctx) => {
      const { entries, info, paging, language } = await feed(ctx);
      return { contentType: 'application/atom+xml; charset=utf-8', body: renderAtom(ctx.deps.site, entries, new Date(0).toISOString(), language, paging, info) };
    }, { cacheKey: firstPageOf(kind, '/feed.xml') }),
    sharedRoute(`/${plural}/:slug/feed.json`, `the JSON Feed 1.1 of one ${kind}'s stories, newest 50, older ones on ?page=N`, async (ctx) => {
      const { entries, info, paging, language } = await feed(ctx);
      return { contentType: 'application/feed+json; charset=utf-8', body: renderJson(ctx.deps.site, entries, language, paging, info) };
    }, { cacheKey: firstPageOf(kind, '/feed.json') }),
  ];
}

const organizationsIndex = sharedRoute('/organizations', 'the organisations public stories mention, by name, 100 a page (?page=N)', async (ctx) => {
  const page = pageOf(ctx);
  const listed = await ctx.deps.content.organizationsPage(page, ORGANIZATIONS_PAGE_SIZE);
  assertPageExists(page, listed.pages);
  return ctx.document(<OrganizationsPage site={ctx.deps.site} organizations={listed.items} page={page} pages={listed.pages} />);
}, { cacheKey: firstPageOnly('/organizations') });

/** `/topics/<slug>`, `/sectors/<slug>`, `/organizations` and `/organizations/<slug>`, with their feeds. */
export const browseRoutes: readonly PublicRoute[] = [
  browsePage('topic'), ...subjectFeeds('topic'), browsePage('sector'), ...subjectFeeds('sector'),
  organizationsIndex, browsePage('organization'), ...subjectFeeds('organization'),
];
