import { z } from 'zod';
import type { Actor } from '../activity/activity.js';
import { viewIssue } from '../issues/issue-view.js';
import { DomainError } from '../lib/errors.js';
import { getContact } from '../members/contacts.service.js';
import type { ContactIdentity } from '../members/members.js';
import { createPrivateFeedLink, privateFeedReader, revokePrivateFeedLink } from '../members/private-feeds.service.js';
import { FEED_PAGE_SIZE } from './feed.js';
import { accountPageOf } from './members.routes.js';
import { assertPageExists, pageOf } from './paging.js';
import { privateFeedPath, renderPrivateAtomFeed } from './private-feed.js';
import { CACHE_CONTROL, personalRoute, type PublicContext, type PublicRoute } from './public-route.js';

// The private full-text feed (docs/feeds.md, "Private feed"): the one token-authenticated
// exception to "members-only text never on a public surface". The feed answers only for a token
// that members/private-feeds.service.ts accepts right now; every other token, and any page past
// the last, gets the same short 404, so the answer tells nothing about why. It is rendered per
// request and never enters the page cache (`personal`: `private, no-store`), and no log line
// shows its token (lib/http.ts: loggableUrl).

const tokenParams = z.object({ token: z.string().max(200) });
const ATOM = 'application/atom+xml; charset=utf-8';

function memberActor(contact: ContactIdentity): Actor {
  return { type: 'member', id: contact.id, label: contact.email };
}

/** The one answer for a token that opens nothing: plain text pointing to the account page. */
function noFeed(ctx: PublicContext) {
  const account = `${ctx.deps.site.url}${ctx.locale.path('/account')}`;
  return ctx.reply.code(404).type('text/plain; charset=utf-8').send(`${ctx.locale.t('privateFeed.notFound', { url: account })}\n`);
}

/** The feed and the account page's two buttons. */
export const privateFeedRoutes: readonly PublicRoute[] = [
  personalRoute('GET', '/feeds/private/:token.xml', "a member's full-text Atom feed (newest 50 issues, older on ?page=N), opened by its token alone; 404 once the token is rotated or revoked or the company lapsed", async (ctx) => {
    void ctx.reply.header('cache-control', CACHE_CONTROL.personal).header('x-robots-tag', 'noindex');
    const params = tokenParams.safeParse(ctx.request.params);
    const reader = params.success ? await privateFeedReader(ctx.deps.db, params.data.token) : undefined;
    if (!reader || !params.success) return noFeed(ctx);
    const { language } = ctx.locale;
    try {
      const page = pageOf(ctx);
      const listed = await ctx.deps.content.issueFeedPage(language, page, FEED_PAGE_SIZE);
      assertPageExists(page, listed.pages);
      // The member's view: this route alone renders the full text without a session, for the reader the token names.
      const issues = listed.items.map((seen) => viewIssue(seen.value, 'member', language));
      return ctx.reply.type(ATOM).send(renderPrivateAtomFeed(ctx.deps.site, issues, language, { page, pages: listed.pages }, params.data.token));
    } catch (error) {
      if (error instanceof DomainError) return noFeed(ctx);
      throw error;
    }
  }),

  personalRoute('POST', '/account/private-feed', 'make me a new private feed link (the old one stops at once) and show its address, once', async (ctx) => {
    if (!ctx.viewer) return ctx.redirect('/login');
    const contact = await getContact(ctx.deps.db, ctx.viewer.contact.id);
    try {
      const { token, replaced } = await createPrivateFeedLink(ctx.deps.db, ctx.deps.clock, contact.id, memberActor(contact));
      // Answered with the page itself, not a redirect: only the hash is stored, so this answer is the one place the address can be shown.
      const url = `${ctx.deps.site.url}${privateFeedPath(ctx.locale.language, token)}`;
      return ctx.page(await accountPageOf(ctx, contact, { saved: false, feedCreated: { url, rotated: replaced } }));
    } catch (error) {
      return ctx.formFailed(error, (errors) => accountPageOf(ctx, contact, { saved: false, errors }));
    }
  }),

  personalRoute('POST', '/account/private-feed/revoke', 'revoke my private feed link (it stops at once)', async (ctx) => {
    if (!ctx.viewer) return ctx.redirect('/login');
    await revokePrivateFeedLink(ctx.deps.db, ctx.deps.clock, ctx.viewer.contact.id, memberActor(ctx.viewer.contact));
    return ctx.redirect('/account?feed=revoked#private-feed');
  }),
];
