import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { csrfTokenFor, isValidCsrfToken } from './csrf.js';
import { Forbidden } from './errors.js';
import { isIPv4, isIPv6 } from 'node:net';
import { createHmac } from 'node:crypto';
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

/** The client address (Fastify's, which honours `trustProxy` when configured). Rate limits use clientNetworkKey. */
export function clientAddress(request: FastifyRequest): string {
  return request.ip || 'unknown';
}

/** The eight hextets of an IPv6 address, `::` expanded (an embedded IPv4 tail counts as two). */
function hextets(address: string): string[] {
  const [head = '', tail] = address.split('::') as [string, string | undefined];
  const part = (text: string) => text.split(':').filter(Boolean).flatMap((piece) => (piece.includes('.') ? ['v4', 'v4'] : [piece]));
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  return [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right].map((piece) => piece.toLowerCase().replace(/^0+(?=.)/, ''));
}

/**
 * The network a client address belongs to, as rate limits count it: the /24 of an IPv4 address
 * (also IPv4-mapped IPv6), the /48 of an IPv6 address; anything else as it is.
 */
export function networkOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const v4 = mapped ?? (isIPv4(address) ? address : undefined);
  if (v4) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(address)) return `${hextets(address).slice(0, 3).join(':')}::/48`;
  return address;
}

/**
 * What a rate-limit key holds for a client: a keyed hash (HMAC-SHA256 under a key derived from
 * the site's secret for this purpose only) of its /24 or /48 network, never the IP address.
 */
export function clientNetworkKey(request: FastifyRequest, secret: string): string {
  return networkKey(secret, clientAddress(request));
}

/** The keyed hash of an address's network (clientNetworkKey without a request). */
export function networkKey(secret: string, address: string): string {
  return keyedHash(secret, 'rate-limit network keys', networkOf(address));
}

/**
 * What a per-address rate-limit key holds: a keyed hash of the normalised email address (under a
 * key derived for this purpose only), never the address.
 */
export function addressRateKey(secret: string, email: string): string {
  return keyedHash(secret, 'rate-limit address keys', email.trim().toLowerCase());
}

function keyedHash(secret: string, purpose: string, text: string): string {
  const key = createHmac('sha256', secret).update(purpose).digest();
  return createHmac('sha256', key).update(text).digest('base64url').slice(0, 22);
}
