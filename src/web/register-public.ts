import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { enforceRateLimit } from '../auth/rate-limits.service.js';
import { NotFound } from '../lib/errors.js';
import { formErrorsOf } from '../lib/form-errors.js';
import { safeRedirectPath } from '../lib/header-values.js';
import { retryAfter, statusOf } from '../lib/http.js';
import { clientNetworkKey, csrfTokenForRequest } from '../lib/request-security.js';
import { LANGUAGES, type Language } from '../i18n/languages.js';
import { SLUG } from '../lib/slug.js';
import { getSiteSettings, siteBranding } from '../settings/settings.service.js';
import type { Branding } from '../settings/settings.js';
import { renderDocument, renderTemplateDocument } from './document.js';
import { localeOf, pathIn, type Locale } from './locale.js';
import { personalFillers } from './personal-fillers.js';
import { fillPersonalParts, parseTemplate, type ParsedTemplate } from './personal-parts.js';
import { CACHE_CONTROL, type HandledRoute, type PublicContext, type PublicDeps, type PublicRoute, type RenderContext, type RenderedRoute } from './public-route.js';
import { sessionContact, viewerOf, type Viewer } from './viewer.js';

// Registers the public route table and builds each request's context, so route files hold no
// helpers of their own: caching by policy, the viewer, CSRF tokens, redirects, failed forms and
// rate limits all come from here.

const HTML = 'text/html; charset=utf-8';
const slugParams = z.object({ slug: z.string().regex(SLUG) });

/** Reads `:slug`; anything that is not a slug cannot exist, so it is a 404, not a 400. */
export function slugOf(request: FastifyRequest): string {
  const parsed = slugParams.safeParse(request.params);
  if (!parsed.success) throw new NotFound('There is no page at this address.');
  return parsed.data.slug;
}

/** The addresses of a route: its URL in English and, unless root-only, under `/de` and `/zh`. */
export function routeUrls(route: PublicRoute): { language: Language; url: string }[] {
  return (route.rootOnly ? (['en'] as const) : LANGUAGES).map((language) => ({ language, url: pathIn(language, route.url) }));
}

/** Registers every route of the table, once per language. */
export function registerPublicRoutes(app: FastifyInstance, deps: PublicDeps, routes: readonly PublicRoute[]): void {
  const register = (scope: FastifyInstance, route: PublicRoute) => {
    for (const { language, url } of routeUrls(route)) {
      const locale = localeOf(language);
      scope.route({
        method: route.method,
        url,
        config: { csrf: route.cache === 'personal' || route.cache === 'none' ? route.csrf !== false : true },
        handler: route.cache === 'shared' || route.cache === 'audience' ? renderedHandler(deps, route as RenderedRoute, locale) : handledHandler(deps, route as HandledRoute, locale),
      });
    }
  };
  const multipart = routes.filter((route) => 'multipartText' in route && route.multipartText);
  for (const route of routes) if (!multipart.includes(route)) register(app, route);
  // Some mail clients send the one-click unsubscribe as multipart/form-data (RFC 8058 allows
  // it): this scope alone accepts such a body, as text of at most 8 KiB, parsing no file.
  void app.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 8192 }, (_request, body, done) => done(null, { multipart: String(body) }));
    for (const route of multipart) register(scope, route);
  });
}

/** The site's branding for this render (settings are cached per process; the logo's image looked up once per settings read). */
async function brandingOf(deps: PublicDeps): Promise<Branding> {
  return siteBranding(deps.db, await getSiteSettings(deps.db, deps.site));
}

function renderContext(deps: PublicDeps, request: FastifyRequest, viewer: Viewer | undefined, locale: Locale, branding: Branding): RenderContext {
  return {
    request,
    deps,
    viewer,
    locale,
    audience: viewer?.isMember ? 'member' : 'public',
    slug: () => slugOf(request),
    document: (page: VNode) => ({ body: renderDocument(page, viewer, locale, branding) }),
  };
}

/** A cached template cut at its markers, once per cached page. */
const parsedTemplates = new WeakMap<object, ParsedTemplate>();
function parsedOf(page: { readonly body: Buffer }): ParsedTemplate {
  let parsed = parsedTemplates.get(page);
  if (parsed === undefined) parsedTemplates.set(page, (parsed = parseTemplate(page.body.toString('utf8'))));
  return parsed;
}

/** A render for the audience of `viewer` but for nobody in particular: its personal parts stay open as markers. */
function templateContext(deps: PublicDeps, request: FastifyRequest, viewer: Viewer, locale: Locale, branding: Branding): RenderContext {
  return {
    request,
    deps,
    viewer: undefined,
    locale,
    audience: viewer.isMember ? 'member' : 'public',
    slug: () => slugOf(request),
    document: (page: VNode) => ({ body: renderTemplateDocument(page, locale, branding) }),
  };
}

/** The canonical cache key: the route pattern in its language with its validated slug, so `/issues/2024%2Dspring/` and `/issues/2024-spring` share one entry. */
function defaultKey(route: RenderedRoute, ctx: RenderContext): string {
  const url = pathIn(ctx.locale.language, route.url);
  return url.includes(':slug') ? url.replace(':slug', ctx.slug()) : url;
}

/** A route's own cache key, in the language of the request (`de|…`), or the default key. */
function keyOf(route: RenderedRoute, ctx: RenderContext): string | null {
  if (!route.cacheKey) return defaultKey(route, ctx);
  const key = route.cacheKey(ctx);
  return key === null || ctx.locale.language === 'en' ? key : `${ctx.locale.language}|${key}`;
}

/**
 * `shared` and `audience` routes. Without a member session (and always for `shared`) the
 * public render comes from the page cache, built on a miss. With one, an `audience` page comes
 * from the same cache under its audience's own key (a member's, or a signed-in non-member's,
 * never the public entry), rendered for nobody with its personal parts open, and those parts are
 * filled for this viewer on every request (personal-parts.tsx); the answer is never stored.
 */
function renderedHandler(deps: PublicDeps, route: RenderedRoute, locale: Locale): RouteHandlerMethod {
  return async (request, reply) => {
    void reply.header('content-language', locale.tag);
    if (route.cache === 'audience') {
      const signedIn = await sessionContact(deps.db, deps.clock, request);
      if (signedIn) {
        const viewer = viewerOf(signedIn.contact, csrfTokenForRequest(request, reply, deps.secretKey, deps.secureCookies));
        const ctx = templateContext(deps, request, viewer, locale, await brandingOf(deps));
        const key = keyOf(route, ctx);
        const build = async () => {
          const built = await route.render(ctx);
          return { contentType: built.contentType ?? HTML, body: Buffer.from(built.body) };
        };
        const template = key === null ? await build() : await deps.cache.get(`${viewer.isMember ? 'member' : 'contact'}|${key}`, build);
        const body = await fillPersonalParts(parsedOf(template), viewer, personalFillers(deps, request, locale), locale);
        return reply.header('cache-control', CACHE_CONTROL.personal).header('vary', 'Cookie').type(template.contentType).send(body);
      }
    }
    const ctx = renderContext(deps, request, undefined, locale, await brandingOf(deps));
    const key = keyOf(route, ctx);
    if (key === null) {
      const rendered = await route.render(ctx);
      if (!rendered.cacheControl) void reply.header('vary', 'Cookie');
      return reply.header('cache-control', rendered.cacheControl ?? CACHE_CONTROL[route.cache]).type(rendered.contentType ?? HTML).send(rendered.body);
    }
    const page = await deps.cache.get(key, async () => {
      const built = await route.render(ctx);
      return { contentType: built.contentType ?? HTML, body: Buffer.from(built.body) };
    });
    reply.header('vary', 'Cookie').header('etag', page.etag).header('cache-control', CACHE_CONTROL[route.cache]);
    if (request.headers['if-none-match'] === page.etag) return reply.code(304).send();
    return reply.type(page.contentType).send(page.body);
  };
}

/** `personal` and `none` routes: the handler answers, with the context's helpers. */
function handledHandler(deps: PublicDeps, route: HandledRoute, locale: Locale): RouteHandlerMethod {
  return async (request, reply) => {
    void reply.header('content-language', locale.tag);
    const signedIn = await sessionContact(deps.db, deps.clock, request);
    let csrf: string | undefined;
    const csrfToken = () => (csrf ??= csrfTokenForRequest(request, reply, deps.secretKey, deps.secureCookies));
    const viewer = signedIn ? viewerOf(signedIn.contact, csrfToken()) : undefined;
    const branding = await brandingOf(deps);
    const send = (page: VNode, status: number) => {
      void reply.code(status).header('cache-control', CACHE_CONTROL[route.cache]);
      if (route.cache === 'personal') void reply.header('vary', 'Cookie');
      return reply.type(HTML).send(renderDocument(page, viewer, locale, branding));
    };
    const ctx: PublicContext = {
      request,
      reply,
      deps,
      viewer,
      locale,
      get csrf() {
        return csrfToken();
      },
      slug: () => slugOf(request),
      page: (page, status = 200) => send(page, status),
      redirect: (path) => reply.code(303).header('cache-control', 'no-store').redirect(locale.path(safeRedirectPath(path, '/'))),
      formFailed: async (error, render) => {
        const errors = formErrorsOf(error);
        retryAfter(reply, error);
        return send(await render(errors), statusOf(error));
      },
      countHit: async () => {
        if (!route.rateLimit) throw new Error(`${route.method} ${route.url} counts hits but declares no rate limit in the route table`);
        await enforceRateLimit(deps.db, deps.clock, `${route.rateLimit.key}:net:${clientNetworkKey(request, deps.secretKey)}`, route.rateLimit.limit);
      },
    };
    return route.handle(ctx);
  };
}
