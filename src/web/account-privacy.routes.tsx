import { z } from 'zod';
import { COOKIE_PATHS, COOKIES, cookieOptions } from '../lib/request-security.js';
import { attachmentDisposition } from '../lib/header-values.js';
import type { FormErrors } from '../lib/form-errors.js';
import type { PrivacyDeps } from '../privacy/erasure.service.js';
import { checkErasureLink, DATA_LINK_PATH, eraseWithLink, ERASURE_LINK_PATH, exportWithLink, requestDataExportLink, requestErasureLink } from '../privacy/requests.service.js';
import { ConfirmLinkPage, NoticePage, UnusableLinkPage } from './pages/member.pages.js';
import { formRoute, personalRoute, type PublicContext, type PublicRoute } from './public-route.js';

// A member's own data requests (docs/privacy.md): from /account they ask for a link by email;
// the data link downloads their data as JSON once, the erasure link shows a confirm button and
// erases them. The links work by their token alone (whoever holds the mailbox holds the link).

const tokenParams = z.object({ token: z.string().max(100) });

function privacyDeps(ctx: PublicContext): PrivacyDeps {
  return { db: ctx.deps.db, clock: ctx.deps.clock, erasureKey: ctx.deps.erasureKey, outboxDir: ctx.deps.outboxDir };
}

function unusable(ctx: PublicContext, errors: FormErrors) {
  return <UnusableLinkPage site={ctx.deps.site} path="/account" message={errors.message} again={{ href: '/account', text: ctx.locale.t('privacy.account.heading') }} />;
}

/** The data-request buttons of /account and the two links they mail. */
export const accountPrivacyRoutes: readonly PublicRoute[] = [
  personalRoute('POST', '/account/data-export', 'mail me a one-time link to download my data', async (ctx) => {
    if (!ctx.viewer) return ctx.redirect('/login');
    await requestDataExportLink(privacyDeps(ctx), ctx.deps.site, ctx.viewer.contact.id);
    return ctx.redirect('/account?privacy=export');
  }),

  personalRoute('POST', '/account/erasure', 'mail me a one-time link to confirm the erasure of my data', async (ctx) => {
    if (!ctx.viewer) return ctx.redirect('/login');
    await requestErasureLink(privacyDeps(ctx), ctx.deps.site, ctx.viewer.contact.id);
    return ctx.redirect('/account?privacy=erase');
  }),

  formRoute('GET', `${DATA_LINK_PATH}:token`, 'a data link: downloads my data as JSON, once', async (ctx) => {
    const { token } = tokenParams.parse(ctx.request.params);
    try {
      const document = await exportWithLink(privacyDeps(ctx), token);
      return ctx.reply
        .header('cache-control', 'no-store')
        .header('content-disposition', attachmentDisposition('my-data.json'))
        .type('application/json; charset=utf-8')
        .send(`${JSON.stringify(document, null, 2)}\n`);
    } catch (error) {
      return ctx.formFailed(error, (errors) => unusable(ctx, errors));
    }
  }),

  formRoute('GET', `${ERASURE_LINK_PATH}:token`, 'an erasure link: shows a confirm button, uses nothing (link scanners)', async (ctx) => {
    const { token } = tokenParams.parse(ctx.request.params);
    try {
      await checkErasureLink(privacyDeps(ctx), token);
    } catch (error) {
      return ctx.formFailed(error, (errors) => unusable(ctx, errors));
    }
    const { t } = ctx.locale;
    return ctx.page(<ConfirmLinkPage site={ctx.deps.site} path={`${ERASURE_LINK_PATH}${token}`} title={t('privacy.erase.title')} text={t('privacy.erase.intro')} button={t('privacy.erase.confirm')} csrf={ctx.csrf} />);
  }),

  formRoute('POST', `${ERASURE_LINK_PATH}:token`, 'use an erasure link once: erases me and ends my sessions', async (ctx) => {
    const { token } = tokenParams.parse(ctx.request.params);
    try {
      await eraseWithLink(privacyDeps(ctx), token);
    } catch (error) {
      return ctx.formFailed(error, (errors) => unusable(ctx, errors));
    }
    void ctx.reply.clearCookie(COOKIES.member, cookieOptions(ctx.deps.secureCookies, COOKIE_PATHS.member));
    const { t } = ctx.locale;
    return ctx.page(
      <NoticePage site={ctx.deps.site} title={t('privacy.erase.doneTitle')} path="/account">
        <p>{t('privacy.erase.done')}</p>
      </NoticePage>,
    );
  }),
];
