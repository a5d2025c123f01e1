import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { csrfTokenFor, isValidCsrfToken } from './csrf.js';
import { Forbidden } from './errors.js';
import { newToken } from './tokens.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` exempts a state-changing route from the CSRF check (RFC 8058 one-click POSTs only). */
    csrf?: boolean;
  }
}

/**
 * Cookie names. Member and staff sessions are separate cookies; the staff cookie is only sent
 * to `/admin`, so public pages never see it. The browser cookie binds CSRF tokens of forms
 * shown before anyone signs in.
 */
export const COOKIES = { member: 'ii_member', staff: 'ii_staff', browser: 'ii_browser' } as const;

/** HttpOnly, SameSite=Lax, Secure when the site is https. */
export function cookieOptions(secure: boolean, path: string, maxAgeSeconds?: number): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path, ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }) };
}

/** Where each cookie is sent. */
export const COOKIE_PATHS = { member: '/', staff: '/admin', browser: '/' } as const;

/**
 * What a form's CSRF token is bound to: the staff session on `/admin`, else the member session,
 * else the browser cookie. Render and check use the same rule, so they always agree.
 */
function csrfBinding(request: FastifyRequest): string | undefined {
  const cookies = request.cookies;
  const staff = request.url.startsWith('/admin') ? cookies[COOKIES.staff] : undefined;
  return staff ?? cookies[COOKIES.member] ?? cookies[COOKIES.browser];
}

/** The token for forms on this page; sets the browser cookie first when nothing binds one yet. */
export function csrfTokenForRequest(request: FastifyRequest, reply: FastifyReply, secret: string, secure: boolean): string {
  let binding = csrfBinding(request);
  if (!binding) {
    binding = newToken();
    request.cookies[COOKIES.browser] = binding;
    void reply.setCookie(COOKIES.browser, binding, cookieOptions(secure, COOKIE_PATHS.browser));
  }
  return csrfTokenFor(secret, binding);
}

/** The field name forms use; `x-csrf-token` is accepted as a header too. */
export const CSRF_FIELD = '_csrf';

function submittedToken(request: FastifyRequest): unknown {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body as Record<string, unknown> | undefined;
  const field = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  // Multipart bodies attached by @fastify/multipart hold `{ value }` objects.
  if (field && typeof field === 'object' && 'value' in field) return (field as { value: unknown }).value;
  return field;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Refuses every state-changing request without a valid token, before its handler runs. */
export function installCsrfProtection(app: FastifyInstance, secret: string): void {
  // A callback hook: most requests are GETs, and this returns for them without a promise.
  app.addHook('preHandler', (request, _reply, done) => {
    if (!UNSAFE.has(request.method) || request.routeOptions.config?.csrf === false) return done();
    if (!isValidCsrfToken(secret, csrfBinding(request), submittedToken(request))) {
      return done(new Forbidden('This form has expired or was sent from another site. Go back, reload the page and try again.'));
    }
    done();
  });
}

/** The client address for rate limits (Fastify's, which honours `trustProxy` when configured). */
export function clientAddress(request: FastifyRequest): string {
  return request.ip || 'unknown';
}
