import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { AdminDeps } from '../admin/admin-route.js';
import { NotFound } from '../lib/errors.js';
import { csrfTokenForRequest } from '../lib/request-security.js';
import { ConfirmLinkPage, NoticePage, UnusableLinkPage } from './pages/member.pages.js';
import { renderDocument } from './routes.js';
import { checkUnsubscribeToken, unsubscribeWithToken } from '../delivery/unsubscribes/unsubscribe.service.js';

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

export function registerUnsubscribeRoutes(app: FastifyInstance, deps: AdminDeps): void {
  // Some mail clients send the one-click POST as multipart/form-data (RFC 8058 allows it). This
  // scope alone accepts such a body, as text of at most 8 KiB, without parsing any file.
  void app.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 8192 }, (_request, body, done) => done(null, { multipart: String(body) }));
    registerRoutes(scope, deps);
  });
}

/** Whether a POST body is RFC 8058's `List-Unsubscribe=One-Click` (urlencoded or multipart). */
function isOneClick(body: unknown): boolean {
  const text = typeof body === 'object' && body !== null ? Object.entries(body).map(([key, value]) => `${key}=${String(value)}`).join('&') : String(body ?? '');
  return /List-Unsubscribe/i.test(text) && /One-Click/i.test(text);
}

function registerRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const { db, clock, site, secretKey } = deps;
  const send = (reply: FastifyReply, page: VNode, status = 200) =>
    reply.code(status).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8').send(renderDocument(page));
  const unusable = (reply: FastifyReply, path: string, message: string) =>
    send(reply, <UnusableLinkPage site={site} path={path} message={message} again={{ href: '/account', text: 'Sign in to change what you receive' }} />, 404);

  app.get('/unsubscribe/:token', async (request: FastifyRequest, reply) => {
    const { token } = params.parse(request.params);
    const path = `/unsubscribe/${token}`;
    try {
      const contact = await checkUnsubscribeToken(db, secretKey, token);
      const csrf = csrfTokenForRequest(request, reply, secretKey, deps.secureCookies);
      const text = contact.subscribed
        ? `Stop sending ${site.name} to ${maskAddress(contact.email)}? You can subscribe again from your account page at any time.`
        : `${maskAddress(contact.email)} is already unsubscribed from ${site.name}.`;
      return send(reply, <ConfirmLinkPage site={site} path={path} title="Unsubscribe" text={text} button="Unsubscribe" csrf={csrf} />);
    } catch (error) {
      if (error instanceof NotFound) return unusable(reply, path, error.message);
      throw error;
    }
  });

  app.post('/unsubscribe/:token', { config: { csrf: false } }, async (request, reply) => {
    const { token } = params.parse(request.params);
    const path = `/unsubscribe/${token}`;
    try {
      const contact = await unsubscribeWithToken(db, clock, secretKey, token, isOneClick(request.body) ? 'one-click' : 'page');
      return send(
        reply,
        <NoticePage site={site} title="You are unsubscribed" path={path}>
          <p>
            We will not send {site.name} to {maskAddress(contact.email)} again. If this was a mistake, sign in and subscribe again on{' '}
            <a href="/account">your account page</a>.
          </p>
        </NoticePage>,
      );
    } catch (error) {
      if (error instanceof NotFound) return unusable(reply, path, error.message);
      throw error;
    }
  });
}
