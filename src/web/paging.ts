import { z } from 'zod';
import { NotFound } from '../lib/errors.js';
import type { RenderContext } from './public-route.js';

// `?page=N` of paged lists and paged feeds: page 1 is the address without a query; anything
// but a page number (and a page past the last: the route checks) is a page that does not exist.

const pageQuery = z.object({ page: z.string().regex(/^[1-9][0-9]{0,5}$/).optional() });

/** The `?page=` of a paged page or feed, from 1; NotFound for anything but a page number. */
export function pageOf(ctx: Pick<RenderContext, 'request'>): number {
  const parsed = pageQuery.safeParse(ctx.request.query ?? {});
  if (!parsed.success) throw new NotFound('There is no page at this address.');
  return Number(parsed.data.page ?? '1');
}

/** A route's cache key for its first page only: older pages are rendered per request (their number is unbounded). */
export const firstPageOnly = (key: string) => (ctx: RenderContext): string | null => (pageOf(ctx) === 1 ? key : null);

/** NotFound when `page` is past the last of `pages`. */
export function assertPageExists(page: number, pages: number): void {
  if (page > pages) throw new NotFound('There is no page at this address.');
}
