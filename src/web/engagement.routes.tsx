import { z } from 'zod';
import { OPEN_PIXEL } from '../engagement/engagement.js';
import { recordClick, recordOpen, setEngagementConsent } from '../engagement/engagement.service.js';
import { formConsent } from './consent-origin.js';
import { NoticePage } from './pages/member.pages.js';
import { formRoute, personalRoute, type PublicRoute } from './public-route.js';

// `/r/<token>`: the click redirect of newsletter links (engagement/README.md). A token whose MAC
// does not match is a 404 (never a redirect: nobody can make our site send people elsewhere);
// a valid token whose link is gone (its delivery or link purged) is a 410 with a link to the
// issue. Link scanners fetch it too: the click is counted apart as a machine's (HEAD, early,
// burst, known agents); the redirect works the same for everyone. GET and HEAD only, no cookie
// needed, never cached.

const params = z.object({ token: z.string().max(80) });
const choiceForm = z.object({ choice: z.enum(['give', 'withdraw']) });

export const engagementRoutes: readonly PublicRoute[] = [
  formRoute('GET', '/r/:token', "a newsletter link's click redirect: counts the click (people and machines apart), then redirects; 404 when forged, 410 when the link is gone", async (ctx) => {
    const { token } = params.parse(ctx.request.params);
    const { db, clock, site } = ctx.deps;
    const { t } = ctx.locale;
    void ctx.reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
    const outcome = await recordClick(db, clock, { trackingKey: ctx.deps.trackingKey, site }, { token, method: ctx.request.method, userAgent: ctx.request.headers['user-agent'] ?? null, ip: ctx.request.ip });
    if (outcome.kind === 'forged') {
      return ctx.page(
        <NoticePage site={site} title={t('engagement.forged.title')} path="/r/">
          <p>{t('engagement.forged.text')}</p>
          <p>
            <a href={ctx.locale.path('/issues')}>{t('engagement.gone.allIssues')}</a>
          </p>
        </NoticePage>,
        404,
      );
    }
    if (outcome.kind === 'gone') {
      return ctx.page(
        <NoticePage site={site} title={t('engagement.gone.title')} path="/r/">
          <p>{t('engagement.gone.text')}</p>
          <p>
            {outcome.issueSlug ? <a href={ctx.locale.path(`/issues/${outcome.issueSlug}`)}>{t('engagement.gone.issue')}</a> : <a href={ctx.locale.path('/issues')}>{t('engagement.gone.allIssues')}</a>}
          </p>
        </NoticePage>,
        410,
      );
    }
    if (!/^https?:\/\//i.test(outcome.url)) return ctx.page(<NoticePage site={site} title={t('engagement.forged.title')} path="/r/"><p>{t('engagement.forged.text')}</p></NoticePage>, 404);
    return ctx.reply.code(302).header('cache-control', 'no-store').redirect(outcome.url);
  }),

  {
    // `/o/<token>`: the optional open pixel (off by default; engagement/README.md). The same GIF
    // whatever happened (forged, gone, switched off, counted before): it tells nobody anything.
    method: 'GET',
    url: '/o/:token',
    rootOnly: true,
    purpose: "the optional open pixel of newsletter emails: counts one open per delivery and recipient (per contact only with consent), answers a transparent GIF",
    cache: 'none',
    handle: async (ctx) => {
      const token = String((ctx.request.params as { token?: unknown }).token ?? '').slice(0, 80);
      await recordOpen(ctx.deps.db, ctx.deps.clock, { trackingKey: ctx.deps.trackingKey, site: ctx.deps.site }, token);
      return ctx.reply.code(200).header('cache-control', 'no-store').header('content-type', 'image/gif').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex').send(OPEN_PIXEL);
    },
  },

  personalRoute('POST', '/account/engagement', 'give or withdraw the consent purpose "engagement tracking" (withdrawing deletes my recorded clicks)', async (ctx) => {
    if (!ctx.viewer) return ctx.redirect('/login');
    const { choice } = choiceForm.parse(ctx.request.body ?? {});
    const give = choice === 'give';
    await setEngagementConsent(ctx.deps.db, ctx.deps.clock, ctx.viewer.contact.id, give, await formConsent(ctx, give ? 'engagement_tracking' : null));
    return ctx.redirect(`/account?engagement=${give ? 'given' : 'withdrawn'}#engagement`);
  }),
];
