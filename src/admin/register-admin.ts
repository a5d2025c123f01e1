import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import type { VNode } from 'preact';
import { can } from '../auth/permissions.js';
import { resumeSession } from '../auth/sessions.service.js';
import { COOKIE_PATHS, COOKIES, cookieOptions, csrfTokenForRequest } from '../lib/request-security.js';
import { Forbidden } from '../lib/errors.js';
import { cookieText, safeRedirectPath } from '../lib/header-values.js';
import { trackUploadBodies } from '../lib/http.js';
import { getStaff, staffActor } from '../staff/staff.service.js';
import { DEFAULT_LANGUAGE, isLanguage } from '../i18n/languages.js';
import type { StaffMember } from '../staff/staff.js';
import { renderDocument } from '../web/document.js';
import { localeOf, type Locale } from '../web/locale.js';
import type { AdminContext, AdminDeps, AdminRoute, StaffContext } from './admin-route.js';

const FLASH_COOKIE = 'ii_flash';
/** An upload's file size limit unless its route sets one. */
const DEFAULT_UPLOAD_BYTES = 20 * 1024 * 1024;
/** The longest flash notice kept (the cookie travels with every desk request for a minute). */
const FLASH_LENGTH = 300;

/** The signed-in, active staff member of a request, or undefined. */
export async function currentStaff(deps: AdminDeps, request: FastifyRequest): Promise<StaffMember | undefined> {
  const token = request.cookies[COOKIES.staff];
  if (!token) return undefined;
  const session = await resumeSession(deps.db, deps.clock, token, 'staff');
  if (!session || session.subject.kind !== 'staff') return undefined;
  const staff = await getStaff(deps.db, session.subject.staffId).catch(() => undefined);
  return staff?.active ? staff : undefined;
}

/** Renders pages of a request in a locale: uncached, complete documents. */
function pageIn(reply: FastifyReply, locale: Locale): AdminContext['page'] {
  return (page: VNode, status = 200) => reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderDocument(page, undefined, locale));
}

/**
 * The context before anyone is known: the sign-in pages are in English, or in the language of a
 * `?lang=` query (sign-out sends a German or Chinese account's browser to its own language).
 */
function baseContext(deps: AdminDeps, request: FastifyRequest, reply: FastifyReply): AdminContext {
  const lang = (request.query as Record<string, unknown> | undefined)?.lang;
  const locale = localeOf(isLanguage(lang) ? lang : DEFAULT_LANGUAGE);
  const flash = request.cookies[FLASH_COOKIE];
  if (flash !== undefined) void reply.clearCookie(FLASH_COOKIE, cookieOptions(deps.secureCookies, COOKIE_PATHS.staff));
  return {
    request,
    reply,
    deps,
    csrf: csrfTokenForRequest(request, reply, deps.secretKey, deps.secureCookies),
    flash: flash ? flash.slice(0, FLASH_LENGTH) : undefined,
    locale,
    page: pageIn(reply, locale),
    redirect: (path: string, notice?: string) => {
      const target = safeRedirectPath(path, '/admin');
      if (notice) void reply.setCookie(FLASH_COOKIE, cookieText(notice, FLASH_LENGTH), cookieOptions(deps.secureCookies, COOKIE_PATHS.staff, 60));
      return reply.code(303).header('cache-control', 'no-store').redirect(target);
    },
  };
}

/**
 * Registers the admin route table. Each route's guard runs before its handler: no staff session
 * sends a GET to the sign-in page and refuses anything else; a role without the route's
 * permission gets 403. Members' sessions count for nothing here.
 */
export function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps, routes: readonly AdminRoute[]): void {
  const uploads = routes.filter((route) => route.upload);
  for (const route of routes.filter((r) => !r.upload)) app.route({ method: route.method, url: route.url, handler: guarded(deps, route) });
  // Uploads get the multipart parser in their own scope, so no other route buffers files.
  // Fields are attached to the body as plain values, so the CSRF check sees `_csrf`.
  // Each file size limit has its own scope (images have a smaller one than CSV files).
  for (const fileSize of new Set(uploads.map((route) => route.maxBytes ?? DEFAULT_UPLOAD_BYTES))) {
    app.register(async (scope) => {
      await scope.register(fastifyMultipart, { attachFieldsToBody: 'keyValues', limits: { files: 1, fileSize, fields: 20, fieldSize: 64 * 1024, parts: 21 } });
      trackUploadBodies(scope);
      for (const route of uploads.filter((r) => (r.maxBytes ?? DEFAULT_UPLOAD_BYTES) === fileSize)) scope.route({ method: route.method, url: route.url, handler: guarded(deps, route) });
    });
  }
}

/** A route's handler behind its guard. */
function guarded(deps: AdminDeps, route: AdminRoute): RouteHandlerMethod {
  return async (request, reply) => {
    const base = baseContext(deps, request, reply);
    if (route.permission === 'anyone') return route.handler(base);
    const staff = await currentStaff(deps, request);
    if (!staff) {
      if (route.method === 'GET') {
        const back = encodeURIComponent(safeRedirectPath(request.url, '/admin'));
        return reply.code(303).header('cache-control', 'no-store').redirect(`/admin/login?next=${back}`);
      }
      throw new Forbidden('Sign in to the desk first.');
    }
    if (!can(staff.role, route.permission)) {
      throw new Forbidden(`Your role (${staff.role}) does not allow this. Ask an owner or admin if you need it.`);
    }
    // The desk speaks the signed-in staff member's language.
    const locale = localeOf(staff.language);
    const context: StaffContext = { ...base, locale, page: pageIn(reply, locale), staff, actor: staffActor(staff), can: (permission) => can(staff.role, permission) };
    const result = await route.handler(context);
    // Other processes notice the content version within a second; this one drops its pages now.
    if (route.method === 'POST') deps.contentChanged?.();
    return result;
  };
}
