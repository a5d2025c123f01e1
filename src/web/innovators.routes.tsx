import { z } from 'zod';
import { teaserSummary, teaserText, viewBody } from '../content/audience.js';
import { pathIn } from '../i18n/languages.js';
import { MovedPermanently, NotFound } from '../lib/errors.js';
import { SLUG } from '../lib/slug.js';
import { ORGANIZATION_KINDS, type DirectoryFilter, type OrganizationProfile } from '../organizations/organizations.js';
import { viewStory } from '../stories/story-view.js';
import { DirectoryPage, ProfilePage, directoryHref } from './pages/innovator.page.js';
import { IntroductionRequestPart } from './pages/introduction-request.js';
import { assertPageExists, pageOf } from './paging.js';
import { audienceRoute, type PublicRoute, type RenderContext } from './public-route.js';

// The innovators directory (issue 17): `/innovators`, filtered by sector, technology, city, kind
// and words, and `/innovators/<slug>`, the profile of an organisation in it. The profile page is
// shared with `/organizations/<slug>` for profiled organisations outside the directory
// (browse.routes.tsx); each answers 301 to the other's address when the organisation belongs
// there.

/** Innovators on a page of the directory; stories on a page of a profile. */
export const DIRECTORY_PAGE_SIZE = 24;
export const PROFILE_STORIES_PAGE_SIZE = 24;

const directoryQuery = z.object({
  q: z.string().max(200).optional().catch(undefined),
  sector: z.string().regex(SLUG).max(100).optional().catch(undefined),
  technology: z.string().regex(SLUG).max(100).optional().catch(undefined),
  city: z.string().max(200).optional().catch(undefined),
  kind: z.enum(ORGANIZATION_KINDS).optional().catch(undefined),
});

function filterOf(ctx: RenderContext): DirectoryFilter {
  const { q, ...rest } = directoryQuery.parse(ctx.request.query ?? {});
  return { ...rest, q: q?.trim() || undefined };
}

/** The profile page of an organisation for whoever reads it: its stories a page at a time and the events that name it. */
export async function renderProfile(ctx: RenderContext, profile: OrganizationProfile) {
  const { language } = ctx.locale;
  const page = pageOf(ctx);
  const { stories } = await ctx.deps.content.termStoriesIn('organization', profile.slug, language, page, PROFILE_STORIES_PAGE_SIZE);
  assertPageExists(page, stories.pages);
  const items = stories.items.map((seen) => {
    const view = viewStory(seen.value, 'public', language);
    return { slug: view.slug, title: view.title, kicker: view.kicker, summary: teaserSummary(seen.value.body), untranslated: !seen.translated };
  });
  // Events that name it in their public facts (title, organiser, venue, public text), never by their members-only text.
  const names = [profile.name, ...profile.aliases].map((name) => name.toLowerCase());
  const events = (await ctx.deps.content.allEvents())
    .filter((event) => [event.title, event.organiserName ?? '', event.venue ?? '', teaserText(event.body)].some((text) => names.some((name) => text.toLowerCase().includes(name))))
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt))
    .map((event) => ({ slug: event.slug, title: event.title }));
  const view = {
    slug: profile.slug, name: profile.name, nameZh: profile.nameZh, kind: profile.kind, city: profile.city, foundedYear: profile.foundedYear, website: profile.website,
    sectors: profile.sectors, technologies: profile.technologies, body: viewBody(profile.body, ctx.audience), inDirectory: profile.inDirectory,
  };
  const description = teaserSummary(profile.body) || ctx.deps.site.name;
  return ctx.document(
    <ProfilePage site={ctx.deps.site} profile={view} stories={items} page={page} pages={stories.pages} events={events} description={description}>
      {/* Members ask for an introduction to an innovator of the directory (a personal part: each viewer gets their own state). */}
      {profile.inDirectory ? <IntroductionRequestPart site={ctx.deps.site} organization={{ id: profile.id, slug: profile.slug, name: profile.name }} /> : null}
    </ProfilePage>,
  );
}

export const innovatorRoutes: readonly PublicRoute[] = [
  audienceRoute('/innovators', 'the innovators directory: Chinese organisations with a profile, filtered by sector, technology, city, kind and words, 24 a page', async (ctx) => {
    const page = pageOf(ctx);
    const facets = await ctx.deps.content.directoryFacets();
    const asked = filterOf(ctx);
    // Only values the directory offers count; anything else is dropped, as if not given.
    const filter: DirectoryFilter = {
      q: asked.q,
      sector: facets.sectors.some((s) => s.slug === asked.sector) ? asked.sector : undefined,
      technology: facets.technologies.some((s) => s.slug === asked.technology) ? asked.technology : undefined,
      city: facets.cities.some((c) => c.name === asked.city) ? asked.city : undefined,
      kind: facets.kinds.some((k) => k.kind === asked.kind) ? asked.kind : undefined,
    };
    const listed = await ctx.deps.content.directoryPage(filter, page, DIRECTORY_PAGE_SIZE);
    assertPageExists(page, listed.pages);
    const items = listed.items.map((item) => ({
      slug: item.slug, name: item.name, nameZh: item.nameZh, kind: item.kind, city: item.city, summary: teaserSummary(item.body), sectors: item.sectors, technologies: item.technologies,
    }));
    return ctx.document(<DirectoryPage site={ctx.deps.site} items={items} total={listed.total} filter={filter} facets={facets} page={page} pages={listed.pages} />);
  }, {
    // The unfiltered first page is the cached one; filtered and later pages are rendered per request.
    cacheKey: (ctx) => (directoryHref(filterOf(ctx), pageOf(ctx)) === '/innovators' ? '/innovators' : null),
  }),
  audienceRoute('/innovators/:slug', 'one innovator\'s profile (its members-only part for members), its stories and events', async (ctx) => {
    const profile = await ctx.deps.content.organizationProfile(ctx.slug());
    if (!profile) throw new NotFound('There is no innovator at this address.');
    if (!profile.inDirectory) throw new MovedPermanently(pathIn(ctx.locale.language, `/organizations/${profile.slug}`));
    return renderProfile(ctx, profile);
  }, { cacheKey: (ctx) => (pageOf(ctx) === 1 ? `/innovators/${ctx.slug()}` : null) }),
];
