import { z } from 'zod';
import { SLUG } from '../lib/slug.js';
import { SEARCH_KINDS } from '../search/search.js';
import { search } from '../search/search.service.js';
import { SearchPage, type SearchParams } from './pages/search.page.js';
import { audienceRoute, type PublicRoute, type RenderContext } from './public-route.js';

// `/search`: every answer is rendered per request (a query string must not grow the page cache);
// only the empty page, with no query, is the shared cached one. A signed-in member's search
// includes the members-only text (ctx.audience), the public's never does.

const searchQuery = z.object({
  // Longer text is kept (the page says it is too long); arrays (q=a&q=b) take the first.
  q: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().max(100_000)).optional().catch(undefined),
  kind: z.enum(SEARCH_KINDS).optional().catch(undefined),
  topic: z.string().regex(SLUG).max(100).optional().catch(undefined),
  sector: z.string().regex(SLUG).max(100).optional().catch(undefined),
  year: z.coerce.number().int().min(1900).max(2999).optional().catch(undefined),
  quarter: z.coerce.number().int().min(1).max(4).optional().catch(undefined),
  language: z.enum(['en', 'de', 'zh']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
});

function paramsOf(ctx: RenderContext): SearchParams {
  const query = searchQuery.parse(ctx.request.query ?? {});
  return { ...query, q: query.q ?? '', page: query.page ?? 1 };
}

/** The search page. */
export const searchRoutes: readonly PublicRoute[] = [
  audienceRoute(
    '/search',
    'search the public text (members: the full text) of stories, issues, events, programs and reports, with facets',
    async (ctx) => {
      const params = paramsOf(ctx);
      const members = ctx.audience === 'member';
      const [outcome, names] = await Promise.all([search(ctx.deps.db, { ...params, audience: members ? 'member' : 'public' }, ctx.deps.clock.now()), ctx.deps.content.termNames()]);
      return ctx.document(<SearchPage site={ctx.deps.site} params={params} outcome={outcome} members={members} names={names} />);
    },
    { cacheKey: (ctx) => (paramsOf(ctx).q === '' && Object.keys(ctx.request.query ?? {}).length === 0 ? '/search' : null) },
  ),
];
