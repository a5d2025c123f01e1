import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { DomainError, MovedPermanently, RateLimited, type ErrorCode } from './errors.js';

/** The one error-to-status rule: handlers hold no status numbers but 303 (redirects). */
const STATUS: Record<ErrorCode, number> = {
  not_found: 404,
  conflict: 409,
  invalid: 400,
  forbidden: 403,
  rate_limited: 429,
};

/** The status a domain error answers with (a form re-rendered with it, or the error page); 500 for anything else. */
export function statusOf(error: unknown): number {
  return error instanceof DomainError ? STATUS[error.code] : 500;
}

/** Sets Retry-After when the error is a rate limit, so clients know when to come back. */
export function retryAfter(reply: FastifyReply, error: unknown): void {
  if (error instanceof RateLimited) void reply.header('retry-after', String(error.retryAfterSeconds));
}

const TOKEN_PARAMETER = /:\w*token\w*/i;
/** A path segment shaped like one of our tokens (lib/tokens.ts: 32 random bytes, base64url), for paths no route matched; slugs (lower case and hyphens) are not. */
const TOKEN_SHAPED = /^[A-Za-z0-9_-]{40,}(\.\w+)?$/;
const SLUG_SHAPED = /^[a-z0-9-]+(\.\w+)?$/;

/**
 * A request's address as log lines may show it: the path without its query (search words), every
 * segment the route's pattern names a token (`/login/:token`, `/feeds/private/:token.xml`) as
 * `[redacted]`, and, when no route matched, every token-shaped segment too.
 */
export function loggableUrl(request: { readonly url: string; readonly routeOptions?: { readonly url?: string | undefined } }): string {
  const path = request.url.split('?')[0] ?? '/';
  const pattern = request.routeOptions?.url?.split('/');
  return path
    .split('/')
    .map((segment, index) => {
      const expected = pattern?.[index];
      if (expected !== undefined && TOKEN_PARAMETER.test(expected)) return expected.replace(/:\w+/g, '[redacted]');
      if (pattern === undefined && TOKEN_SHAPED.test(segment) && !SLUG_SHAPED.test(segment)) return segment.replace(/^[A-Za-z0-9_-]+/, '[redacted]');
      return segment;
    })
    .join('/');
}

/** Pino's `req` serializer: the method and the loggable address, nothing else (no client address, no headers). */
export function serializeRequest(request: { readonly method: string; readonly url: string; readonly routeOptions?: { readonly url?: string | undefined } }): { method: string; url: string } {
  return { method: request.method, url: loggableUrl(request) };
}

// Upload requests whose body was read and accepted: an error before that came from reading it.
const bodyRead = new WeakSet<FastifyRequest>();

/** Marks upload bodies as read once parsing is over; register it in the scope that parses multipart. */
export function trackUploadBodies(scope: FastifyInstance): void {
  scope.addHook('preHandler', (request, _reply, done) => {
    bodyRead.add(request);
    done();
  });
}

/** Renders an error page for a status; supplied by the web shell so errors look like the site. */
export type ErrorPageRenderer = (status: number, message: string, request: FastifyRequest) => string;

/**
 * The one place errors become responses: domain errors map by code, framework errors keep their
 * status (4xx) and everything else is a logged 500 whose details never reach the client.
 */
export function installErrorHandling(app: FastifyInstance, renderPage: ErrorPageRenderer): void {
  app.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
    if (error instanceof MovedPermanently && error.location.startsWith('/') && !error.location.startsWith('//')) {
      return reply.code(301).header('location', error.location).header('cache-control', 'public, max-age=300').send();
    }
    let status = 500;
    let message = 'Something went wrong on our side. Please try again in a moment.';
    if (error instanceof DomainError) {
      status = STATUS[error.code];
      message = error.message;
      retryAfter(reply, error);
    } else if (error instanceof ZodError) {
      // A request whose fields do not have the expected shape (a hand-made or broken form).
      status = 400;
      const fields = [...new Set(error.issues.map((issue) => issue.path.join('.') || 'request'))];
      message = `The request was not understood: check ${fields.join(', ')} and send the form again.`;
    } else if ('statusCode' in error && typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      message = status === 413 ? 'The request is too large.' : error.message;
    } else if (!bodyRead.has(request) && request.isMultipart?.()) {
      // A broken multipart body (cut off, no boundary): the client's fault, not ours.
      status = 400;
      message = 'The upload could not be read. Choose the file again and send the form once more.';
    }
    // The route pattern, and the path with its tokens redacted (the `req` serializer): paths can
    // hold one-time tokens and private feed tokens, which must never be logged.
    if (status >= 500) request.log.error({ err: error, route: request.routeOptions.url ?? '(no route)', req: request }, 'request failed');
    send(reply, request, status, message, renderPage);
  });
  app.setNotFoundHandler((request, reply) => {
    send(reply, request, 404, 'There is no page at this address.', renderPage);
  });
}

function send(reply: FastifyReply, request: FastifyRequest, status: number, message: string, renderPage: ErrorPageRenderer): void {
  reply.code(status).header('cache-control', 'no-store');
  if (wantsJson(request)) {
    void reply.type('application/json; charset=utf-8').send({ error: message, status });
    return;
  }
  void reply.type('text/html; charset=utf-8').send(renderPage(status, message, request));
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}
