import { z } from 'zod';
import { networkOf } from './consent-origin.js';
import { checkUnsubscribeToken, unsubscribeWithToken } from '../delivery/unsubscribes/unsubscribe.service.js';
import type { FormErrors } from '../lib/form-errors.js';
import { sentence } from './pages/sentence.js';
import { ConfirmLinkPage, NoticePage, UnusableLinkPage } from './pages/member.pages.js';
import { formRoute, type PublicContext, type PublicRoute } from './public-route.js';

// `/unsubscribe/<token>` (the link in every delivery and its List-Unsubscribe header).
// GET shows a confirm page and never unsubscribes by itself (link scanners fetch URLs).
// POST unsubscribes: RFC 8058 one-click from a mail client carries no cookie and no CSRF
// token, so the route is exempt from CSRF checks; the unguessable HMAC token is the
// authorisation. It answers 200 with a short page, never a redirect.

const params = z.object({ token: z.string().max(120) });

/** `someone@example.org` → `so…@example.org`, so a forwarded link shows little. */
function maskAddress(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 2)}…@${domain}`;
}

/** Whether a POST body is RFC 8058's `List-Unsubscribe=One-Click` (urlencoded or multipart). */
function isOneClick(body: unknown): boolean {
  const text = typeof body === 'object' && body !== null ? Object.entries(body).map(([key, value]) => `${key}=${String(value)}`).join('&') : String(body ?? '');
  return /List-Unsubscribe/i.test(text) && /One-Click/i.test(text);
}

function unusable(ctx: PublicContext, path: string, errors: FormErrors) {
  return <UnusableLinkPage site={ctx.deps.site} path={path} message={errors.message} again={{ href: '/account', text: ctx.locale.t('forms.unsubscribe.again') }} />;
}

export const unsubscribeRoutes: readonly PublicRoute[] = [
  formRoute('GET', '/unsubscribe/:token', "a message's unsubscribe link: shows a button, unsubscribes nobody", async (ctx) => {
    const { token } = params.parse(ctx.request.params);
    const path = `/unsubscribe/${token}`;
    const { db, site, secretKey } = ctx.deps;
    void ctx.reply.header('referrer-policy', 'no-referrer');
    try {
      const contact = await checkUnsubscribeToken(db, secretKey, token);
      const { t } = ctx.locale;
      const values = { site: site.name, address: maskAddress(contact.email) };
      const text = contact.subscribed ? t('forms.unsubscribe.ask', values) : t('forms.unsubscribe.already', values);
      return ctx.page(<ConfirmLinkPage site={site} path={path} title={t('forms.unsubscribe.title')} text={text} button={t('forms.unsubscribe.button')} csrf={ctx.csrf} />);
    } catch (error) {
      return ctx.formFailed(error, (errors) => unusable(ctx, path, errors));
    }
  }),

  formRoute(
    'POST',
    '/unsubscribe/:token',
    'unsubscribe: the page button, or RFC 8058 one-click from a mail client (no cookie, no CSRF token: the token authorises)',
    async (ctx) => {
      const { token } = params.parse(ctx.request.params);
      const path = `/unsubscribe/${token}`;
      const { db, clock, site, secretKey } = ctx.deps;
      void ctx.reply.header('referrer-policy', 'no-referrer');
      try {
        const contact = await unsubscribeWithToken(db, clock, secretKey, token, isOneClick(ctx.request.body) ? 'one-click' : 'page', await networkOf(ctx));
        const { t } = ctx.locale;
        return ctx.page(
          <NoticePage site={site} title={t('forms.unsubscribe.doneTitle')} path={path}>
            <p>
              {sentence(t, 'forms.unsubscribe.doneText', { link: <a href={ctx.locale.path('/account')}>{t('forms.unsubscribe.accountLink')}</a> }, { site: site.name, address: maskAddress(contact.email) })}
            </p>
          </NoticePage>,
        );
      } catch (error) {
        return ctx.formFailed(error, (errors) => unusable(ctx, path, errors));
      }
    },
    { csrf: false, multipartText: true },
  ),
];
