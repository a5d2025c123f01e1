import { engagementChoiceOf } from '../engagement/engagement.service.js';
import { AccountEngagementSection } from './pages/account-engagement.js';
import { z } from 'zod';
import { checkLoginToken } from '../auth/login-tokens.service.js';
import { LIMITS } from '../auth/rate-limits.service.js';
import { endSession, SESSION_TTL_MS } from '../auth/sessions.service.js';
import { getTopics } from '../content/taxonomy.service.js';
import { addressRateKey, clientNetworkKey, COOKIE_PATHS, COOKIES, cookieOptions } from '../lib/request-security.js';
import { getContact, updatePreferences } from '../members/contacts.service.js';
import { checkReturnPath } from '../auth/return-path.js';
import { LANGUAGES, TOPIC_MODES, type Contact, type Language, type TopicMode } from '../members/members.js';
import { Invalid } from '../lib/errors.js';
import { privateFeedAccessOf, privateFeedLinkOf } from '../members/private-feeds.service.js';
import { confirmSignIn, requestSignInLink } from '../members/sign-in.service.js';
import { checkSubscriptionLink, confirmSubscription, requestSubscription } from '../members/subscriptions.service.js';
import type { FormErrors } from '../lib/form-errors.js';
import { formConsent, networkOf } from './consent-origin.js';
import { consentPromptOf, needsConsentPrompt } from './consent.routes.js';
import { AccountPage, CheckEmailPage, ConfirmLinkPage, LoginPage, NoticePage, SubscribePage, UnusableLinkPage } from './pages/member.pages.js';
import { AccountPrivacySection } from './pages/account-privacy.js';
import { AccountRoleSection, AccountSuggestionsSection } from './pages/account-platform.js';
import { suggestInnovatorsFor } from '../issues/innovator-suggestions.service.js';

/** How many innovators the account page suggests. */
const ACCOUNT_SUGGESTIONS = 5;
import { PrivateFeedSection, type PrivateFeedState } from './pages/private-feed.js';
import { formRoute, personalRoute, type PublicContext, type PublicRoute } from './public-route.js';

const emailForm = z.object({ email: z.string().default(''), next: z.unknown() });
/** `?next=` / the `next` field: a checked same-site return path (auth/return-path.ts), else undefined. */
const nextOf = (source: unknown): string | undefined => checkReturnPath((source as Record<string, unknown> | undefined)?.next);
const subscribeForm = z.object({ email: z.string().default(''), name: z.string().default(''), website: z.string().default('') });
const tokenParams = z.object({ token: z.string().max(100) });
const accountForm = z.object({
  language: z.string().default('en'),
  subscribed: z.string().optional(),
  topics: z.union([z.string(), z.array(z.string())]).optional(),
  topicMode: z.string().optional(),
});

function unusableSignInLink(ctx: PublicContext, errors: FormErrors) {
  return <UnusableLinkPage site={ctx.deps.site} path="/login" message={errors.message} again={{ href: '/login', text: ctx.locale.t('forms.login.again') }} />;
}

function unusableSubscribeLink(ctx: PublicContext, errors: FormErrors) {
  return <UnusableLinkPage site={ctx.deps.site} path="/subscribe" message={errors.message} again={{ href: '/subscribe', text: ctx.locale.t('forms.subscribe.again') }} />;
}

/** The account page of `contact`; `feedCreated`: the address of the private feed link this request made (shown only in this answer). */
export async function accountPageOf(ctx: PublicContext, contact: Contact, extra: { saved: boolean; errors?: FormErrors; feedCreated?: PrivateFeedState['created']; role?: { value: string; errors: FormErrors } }) {
  const isMember = ctx.viewer?.isMember ?? false;
  const consent = await consentPromptOf(ctx, contact);
  const query = (ctx.request.query as Record<string, unknown> | undefined) ?? {};
  const privacy = query.privacy;
  const feed: PrivateFeedState = {
    access: privateFeedAccessOf(contact),
    link: await privateFeedLinkOf(ctx.deps.db, contact.id),
    created: extra.feedCreated ?? null,
    revoked: query.feed === 'revoked',
  };
  return (
    <AccountPage site={ctx.deps.site} csrf={ctx.csrf} contact={contact} topics={await getTopics(ctx.deps.db)} isMember={isMember} saved={extra.saved} {...(extra.errors ? { errors: extra.errors } : {})} consent={consent}>
      <AccountRoleSection csrf={ctx.csrf} value={extra.role?.value ?? contact.role} saved={query.role === 'saved'} errors={extra.role?.errors} />
      {isMember && contact.company ? <AccountSuggestionsSection suggestions={await suggestInnovatorsFor(ctx.deps.db, ctx.deps.clock.now(), contact.company, ACCOUNT_SUGGESTIONS)} /> : null}
      <PrivateFeedSection csrf={ctx.csrf} state={feed} />
      <AccountEngagementSection csrf={ctx.csrf} {...await engagementChoiceOf(ctx.deps.db, ctx.deps.site, contact.id)} saved={query.engagement === 'given' || query.engagement === 'withdrawn' ? query.engagement : null} siteName={ctx.deps.site.name} />
      <AccountPrivacySection csrf={ctx.csrf} notice={privacy === 'export' || privacy === 'erase' ? privacy : null} />
    </AccountPage>
  );
}

/** Sign-in by magic link, sign-out, the account page and double opt-in subscription. */
export const memberRoutes: readonly PublicRoute[] = [
  formRoute('GET', '/login', 'ask for a sign-in link (`?next=`: where to return after signing in)', async (ctx) => {
    const next = nextOf(ctx.request.query);
    if (ctx.viewer) return ctx.redirect(next ?? '/account');
    return ctx.page(<LoginPage site={ctx.deps.site} csrf={ctx.csrf} email="" next={next} />);
  }),

  formRoute(
    'POST',
    '/login',
    'mail a sign-in link to a known address (the same answer for unknown ones)',
    async (ctx) => {
      const { email } = emailForm.parse(ctx.request.body ?? {});
      const next = nextOf(ctx.request.body);
      const { db, clock, site } = ctx.deps;
      try {
        // The service counts the limit itself, after checking the address, and a second one per address.
        await requestSignInLink(db, clock, site, email, { network: clientNetworkKey(ctx.request, ctx.deps.secretKey), address: (valid) => addressRateKey(ctx.deps.secretKey, valid) }, next);
      } catch (error) {
        return ctx.formFailed(error, (errors) => <LoginPage site={site} csrf={ctx.csrf} email={email} next={next} errors={errors} />);
      }
      return ctx.page(<CheckEmailPage site={site} email={email.trim()} what="sign-in" />);
    },
    { rateLimit: { key: 'sign-in-link', limit: LIMITS.signInLinkPerIp } },
  ),

  formRoute('GET', '/login/:token', 'a sign-in link: shows a button, uses nothing (link scanners)', async (ctx) => {
    const { token } = tokenParams.parse(ctx.request.params);
    const { db, clock, site } = ctx.deps;
    try {
      await checkLoginToken(db, clock, 'member_sign_in', token);
    } catch (error) {
      return ctx.formFailed(error, (errors) => unusableSignInLink(ctx, errors));
    }
    const { t } = ctx.locale;
    const next = nextOf(ctx.request.query);
    return ctx.page(<ConfirmLinkPage site={site} path={`/login/${token}`} title={t('forms.login.confirmTitle')} text={t('forms.login.confirmText', { site: site.name })} button={t('forms.login.confirmButton')} csrf={ctx.csrf} hidden={next ? { next } : {}} />);
  }),

  formRoute('POST', '/login/:token', 'use a sign-in link once and start a member session', async (ctx) => {
    const { token } = tokenParams.parse(ctx.request.params);
    try {
      const { contact, sessionToken } = await confirmSignIn(ctx.deps.db, ctx.deps.clock, token);
      void ctx.reply.setCookie(COOKIES.member, sessionToken, cookieOptions(ctx.deps.secureCookies, COOKIE_PATHS.member, SESSION_TTL_MS.member / 1000));
      // Back where the member came from (a checked `next`), else: without newsletter consent on
      // record, the account page asks for it (the consent prompt, which waits there otherwise).
      const next = nextOf(ctx.request.body);
      if (next) return ctx.redirect(next);
      return ctx.redirect((await needsConsentPrompt(ctx.deps.db, contact.id)) ? '/account#consent-prompt' : '/');
    } catch (error) {
      return ctx.formFailed(error, (errors) => unusableSignInLink(ctx, errors));
    }
  }),

  formRoute('POST', '/logout', 'sign out (ends the session on the server)', async (ctx) => {
    const token = ctx.request.cookies[COOKIES.member];
    if (token) await endSession(ctx.deps.db, token);
    void ctx.reply.clearCookie(COOKIES.member, cookieOptions(ctx.deps.secureCookies, COOKIE_PATHS.member));
    return ctx.redirect('/');
  }),

  personalRoute('GET', '/account', 'my subscription, topics and language', async (ctx) => {
    if (!ctx.viewer) return ctx.redirect('/login');
    const saved = (ctx.request.query as Record<string, unknown>).saved === '1';
    return ctx.page(await accountPageOf(ctx, await getContact(ctx.deps.db, ctx.viewer.contact.id), { saved }));
  }),

  personalRoute('POST', '/account', 'save my subscription, topics and language', async (ctx) => {
    if (!ctx.viewer) return ctx.redirect('/login');
    const form = accountForm.parse(ctx.request.body ?? {});
    const topics = form.topics === undefined ? [] : Array.isArray(form.topics) ? form.topics : [form.topics];
    const contact = await getContact(ctx.deps.db, ctx.viewer.contact.id);
    const language = (LANGUAGES as readonly string[]).includes(form.language) ? (form.language as Language) : contact.language;
    const topicMode = (TOPIC_MODES as readonly string[]).includes(form.topicMode ?? '') ? (form.topicMode as TopicMode) : undefined;
    // On a failure the form shows what was typed (a mode that is not one of the two: the saved one).
    const typed: Contact = { ...contact, language, subscribed: form.subscribed === '1', topics, topicMode: topicMode ?? contact.topicMode };
    try {
      if (form.topicMode !== undefined && !topicMode) {
        const message = ctx.locale.t('topicChoices.account.modeInvalid');
        throw new Invalid(message, [{ where: 'topicMode', message }]);
      }
      await updatePreferences(ctx.deps.db, ctx.deps.clock, contact.id, { language, subscribed: form.subscribed === '1', topics, ...(topicMode ? { topicMode } : {}) }, { type: 'member', id: contact.id, label: contact.email }, await formConsent(ctx, 'newsletter'));
      return ctx.redirect('/account?saved=1');
    } catch (error) {
      return ctx.formFailed(error, (errors) => accountPageOf(ctx, typed, { saved: false, errors }));
    }
  }),

  formRoute('GET', '/subscribe', 'subscribe to the public edition', async (ctx) => ctx.page(<SubscribePage site={ctx.deps.site} csrf={ctx.csrf} values={{ email: '', name: '' }} />)),

  formRoute(
    'POST',
    '/subscribe',
    'ask to subscribe: mails a confirmation link (double opt-in)',
    async (ctx) => {
      const form = subscribeForm.parse(ctx.request.body ?? {});
      const { db, clock, site } = ctx.deps;
      try {
        await ctx.countHit();
        // A filled honeypot is a bot: answer as if it worked, store nothing.
        if (form.website.trim() === '') await requestSubscription(db, clock, site, { ...form, language: ctx.locale.language }, await formConsent(ctx, 'newsletter'));
      } catch (error) {
        return ctx.formFailed(error, (errors) => <SubscribePage site={site} csrf={ctx.csrf} values={form} errors={errors} />);
      }
      return ctx.page(<CheckEmailPage site={site} email={form.email.trim()} what="subscribe" />);
    },
    { rateLimit: { key: 'subscribe', limit: LIMITS.publicFormPerIp } },
  ),

  formRoute('GET', '/subscribe/confirm/:token', 'the confirmation link: shows a button, subscribes nobody', async (ctx) => {
    const { token } = tokenParams.parse(ctx.request.params);
    try {
      const contact = await checkSubscriptionLink(ctx.deps.db, ctx.deps.clock, token);
      const { t } = ctx.locale;
      return ctx.page(
        <ConfirmLinkPage
          site={ctx.deps.site}
          path={`/subscribe/confirm/${token}`}
          title={t('forms.subscribe.confirmTitle')}
          text={t('forms.subscribe.confirmText', { email: contact.email, site: ctx.deps.site.name })}
          button={t('forms.subscribe.confirmButton')}
          csrf={ctx.csrf}
        />,
      );
    } catch (error) {
      return ctx.formFailed(error, (errors) => unusableSubscribeLink(ctx, errors));
    }
  }),

  formRoute('POST', '/subscribe/confirm/:token', 'confirm the subscription', async (ctx) => {
    const { token } = tokenParams.parse(ctx.request.params);
    try {
      const contact = await confirmSubscription(ctx.deps.db, ctx.deps.clock, token, { network: await networkOf(ctx) });
      const { t } = ctx.locale;
      return ctx.page(
        <NoticePage site={ctx.deps.site} title={t('forms.subscribe.doneTitle')} path="/subscribe">
          <p>{t('forms.subscribe.doneText', { email: contact.email, site: ctx.deps.site.name })}</p>
          <p>
            <a href={ctx.locale.path('/')}>{t('forms.readLatest')}</a>
          </p>
        </NoticePage>,
      );
    } catch (error) {
      return ctx.formFailed(error, (errors) => unusableSubscribeLink(ctx, errors));
    }
  }),
];
