import { formErrorsOf } from '../lib/form-errors.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { clientAddress, COOKIE_PATHS, COOKIES, cookieOptions, csrfTokenForRequest } from '../lib/request-security.js';
import { hitRateLimit, LIMITS } from '../auth/rate-limits.service.js';
import { endSession, SESSION_TTL_MS } from '../auth/sessions.service.js';
import { checkLoginToken } from '../auth/login-tokens.service.js';
import { getTopics } from '../content/taxonomy.service.js';
import type { Mailer } from '../mail/mailer.js';
import { updatePreferences } from '../members/contacts.service.js';
import { confirmSignIn, requestSignInLink, TooManyRequests } from '../members/sign-in.service.js';
import { checkSubscriptionLink, confirmSubscription, requestSubscription } from '../members/subscriptions.service.js';
import { LANGUAGES, type Language } from '../members/members.js';
import type { Site } from './layout.js';
import { renderDocument } from './routes.js';
import { sessionContact, viewerOf } from './viewer.js';
import {
  AccountPage, CheckEmailPage, ConfirmLinkPage, LoginPage, NoticePage, SubscribePage, UnusableLinkPage, type PublicFormErrors,
} from './pages/member.pages.js';

/** What the member routes are built from. */
export interface MemberRouteDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly mailer: Mailer;
  readonly site: Site;
  readonly secretKey: string;
  readonly secureCookies: boolean;
}

const emailForm = z.object({ email: z.string().default('') });
const subscribeForm = z.object({ email: z.string().default(''), name: z.string().default(''), website: z.string().default('') });
const tokenParams = z.object({ token: z.string().max(100) });
const accountForm = z.object({
  language: z.string().default('en'),
  subscribed: z.string().optional(),
  topics: z.union([z.string(), z.array(z.string())]).optional(),
});

/** Sign-in by magic link, sign-out, the account page and double opt-in subscription. */
export function registerMemberRoutes(app: FastifyInstance, deps: MemberRouteDeps): void {
  const { db, clock, mailer, site } = deps;

  /** Personal pages are never cached; a signed-in contact sees their own header. */
  const send = async (request: FastifyRequest, reply: FastifyReply, page: VNode, status = 200) => {
    const signedIn = await sessionContact(db, clock, request);
    const csrf = csrfTokenForRequest(request, reply, deps.secretKey, deps.secureCookies);
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(renderDocument(page, signedIn ? viewerOf(signedIn.contact, csrf) : undefined));
  };
  const csrfOf = (request: FastifyRequest, reply: FastifyReply) => csrfTokenForRequest(request, reply, deps.secretKey, deps.secureCookies);

  app.get('/login', async (request, reply) => {
    const signedIn = await sessionContact(db, clock, request);
    if (signedIn) return reply.code(303).redirect('/account');
    return send(request, reply, <LoginPage site={site} csrf={csrfOf(request, reply)} email="" />);
  });

  app.post('/login', async (request, reply) => {
    const { email } = emailForm.parse(request.body ?? {});
    try {
      await requestSignInLink(db, clock, mailer, site, email, clientAddress(request));
    } catch (error) {
      const status = error instanceof TooManyRequests ? 429 : 400;
      if (error instanceof TooManyRequests) void reply.header('retry-after', String(error.retryAfterSeconds));
      return send(request, reply, <LoginPage site={site} csrf={csrfOf(request, reply)} email={email} errors={formErrorsOf(error)} />, status);
    }
    return send(request, reply, <CheckEmailPage site={site} email={email.trim()} what="sign-in" />);
  });

  app.get('/login/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const path = `/login/${token}`;
    try {
      await checkLoginToken(db, clock, 'member_sign_in', token);
    } catch (error) {
      const again = { href: '/login', text: 'Ask for a new sign-in link' };
      return send(request, reply, <UnusableLinkPage site={site} path="/login" message={formErrorsOf(error).message} again={again} />, 400);
    }
    const page = <ConfirmLinkPage site={site} path={path} title="Sign in" text={`Press the button to finish signing in to ${site.name}.`} button="Sign in" csrf={csrfOf(request, reply)} />;
    return send(request, reply, page);
  });

  app.post('/login/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    try {
      const { sessionToken } = await confirmSignIn(db, clock, token);
      void reply.setCookie(COOKIES.member, sessionToken, cookieOptions(deps.secureCookies, COOKIE_PATHS.member, SESSION_TTL_MS.member / 1000));
      return reply.code(303).header('cache-control', 'no-store').redirect('/');
    } catch (error) {
      const again = { href: '/login', text: 'Ask for a new sign-in link' };
      return send(request, reply, <UnusableLinkPage site={site} path="/login" message={formErrorsOf(error).message} again={again} />, 400);
    }
  });

  app.post('/logout', async (request, reply) => {
    const token = request.cookies[COOKIES.member];
    if (token) await endSession(db, token);
    void reply.clearCookie(COOKIES.member, cookieOptions(deps.secureCookies, COOKIE_PATHS.member));
    return reply.code(303).header('cache-control', 'no-store').redirect('/');
  });

  app.get('/account', async (request, reply) => {
    const signedIn = await sessionContact(db, clock, request);
    if (!signedIn) return reply.code(303).header('cache-control', 'no-store').redirect('/login');
    const saved = (request.query as Record<string, unknown>).saved === '1';
    const viewer = viewerOf(signedIn.contact, csrfOf(request, reply));
    const page = <AccountPage site={site} csrf={viewer.csrf} contact={signedIn.contact} topics={await getTopics(db)} isMember={viewer.isMember} saved={saved} />;
    return send(request, reply, page);
  });

  app.post('/account', async (request, reply) => {
    const signedIn = await sessionContact(db, clock, request);
    if (!signedIn) return reply.code(303).header('cache-control', 'no-store').redirect('/login');
    const form = accountForm.parse(request.body ?? {});
    const topics = form.topics === undefined ? [] : Array.isArray(form.topics) ? form.topics : [form.topics];
    const contact = signedIn.contact;
    try {
      const language = (LANGUAGES as readonly string[]).includes(form.language) ? (form.language as Language) : contact.language;
      await updatePreferences(db, clock, contact.id, { language, subscribed: form.subscribed === '1', topics }, { type: 'member', id: contact.id, label: contact.email });
      return reply.code(303).header('cache-control', 'no-store').redirect('/account?saved=1');
    } catch (error) {
      const viewer = viewerOf(contact, csrfOf(request, reply));
      const page = <AccountPage site={site} csrf={viewer.csrf} contact={contact} topics={await getTopics(db)} isMember={viewer.isMember} saved={false} errors={formErrorsOf(error)} />;
      return send(request, reply, page, 400);
    }
  });

  app.get('/subscribe', async (request, reply) => send(request, reply, <SubscribePage site={site} csrf={csrfOf(request, reply)} values={{ email: '', name: '' }} />));

  app.post('/subscribe', async (request, reply) => {
    const form = subscribeForm.parse(request.body ?? {});
    try {
      const limit = await hitRateLimit(db, clock, `subscribe:ip:${clientAddress(request)}`, LIMITS.publicFormPerIp);
      if (!limit.allowed) throw new TooManyRequests(limit.retryAfterSeconds);
      // A filled honeypot is a bot: answer as if it worked, store nothing.
      if (form.website.trim() === '') await requestSubscription(db, clock, mailer, site, form);
    } catch (error) {
      const status = error instanceof TooManyRequests ? 429 : 400;
      return send(request, reply, <SubscribePage site={site} csrf={csrfOf(request, reply)} values={form} errors={formErrorsOf(error)} />, status);
    }
    return send(request, reply, <CheckEmailPage site={site} email={form.email.trim()} what="subscribe" />);
  });

  app.get('/subscribe/confirm/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    try {
      const contact = await checkSubscriptionLink(db, clock, token);
      const page = (
        <ConfirmLinkPage site={site} path={`/subscribe/confirm/${token}`} title="Confirm your subscription" text={`Press the button to subscribe ${contact.email} to ${site.name}.`} button="Confirm my subscription" csrf={csrfOf(request, reply)} />
      );
      return send(request, reply, page);
    } catch (error) {
      return send(request, reply, <UnusableLinkPage site={site} path="/subscribe" message={formErrorsOf(error).message} again={{ href: '/subscribe', text: 'Subscribe again' }} />, 400);
    }
  });

  app.post('/subscribe/confirm/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    try {
      const contact = await confirmSubscription(db, clock, token);
      return send(
        request,
        reply,
        <NoticePage site={site} title="You are subscribed" path="/subscribe">
          <p>{contact.email} will receive the next issue of {site.name}. Every email has a link to unsubscribe with one click.</p>
          <p>
            <a href="/">Read the latest issue</a>
          </p>
        </NoticePage>,
      );
    } catch (error) {
      return send(request, reply, <UnusableLinkPage site={site} path="/subscribe" message={formErrorsOf(error).message} again={{ href: '/subscribe', text: 'Subscribe again' }} />, 400);
    }
  });
}
