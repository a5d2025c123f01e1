import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Database } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { SafeFetcher } from '../lib/safe-fetch.js';
import type { SenderDeps } from '../delivery/engine/sender.js';
import type { MailTransport } from '../mail/transport.js';
import type { Permission } from '../auth/permissions.js';
import type { Actor } from '../activity/activity.js';
import type { StaffMember } from '../staff/staff.js';
import type { Site } from '../web/layout.js';
import type { Locale } from '../web/locale.js';

/** What admin handlers are built from (the composition root passes real parts). */
export interface AdminDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly site: Site;
  /** The newsletter sender of the process's services (deliveries created on the desk use its settings and BOUNCE_DOMAIN). */
  readonly sender: SenderDeps;
  /** The one mail transport (the outbox page lists its folder). */
  readonly transport: MailTransport;
  readonly secretKey: string;
  /** Config.erasureKey: erased addresses are kept as keyed hashes under it (privacy/). */
  readonly erasureKey: string;
  /** Cookies get `Secure` when the site is served over https. */
  readonly secureCookies: boolean;
  /** Called after every desk change, so this process's public page cache drops at once. */
  readonly contentChanged?: () => void;
  /** Where uploaded images are kept (Config.mediaDir). */
  readonly mediaDir: string;
  /** The one SSRF-guarded fetcher (feeds, article pages, image imports). */
  readonly fetcher: SafeFetcher;
}

/** What every admin handler receives. */
export interface AdminContext {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly deps: AdminDeps;
  /** The CSRF token for forms on the page being rendered. */
  readonly csrf: string;
  /** A one-time notice from the previous request (after a redirect), if any. */
  readonly flash: string | undefined;
  /** The desk's language: the signed-in staff member's, English on the sign-in pages. */
  readonly locale: Locale;
  /** Renders a page component as a complete, uncached HTML document in `locale`. */
  page(page: VNode, status?: number): FastifyReply;
  /** 303 See Other to a same-site path, with an optional notice for the next page. */
  redirect(path: string, notice?: string): FastifyReply;
}

/** The context of a route that requires a signed-in staff member. */
export interface StaffContext extends AdminContext {
  readonly staff: StaffMember;
  readonly actor: Actor;
  can(permission: Permission): boolean;
}

/**
 * One admin route. `permission` is what the route table shows and the guard enforces; 'anyone'
 * marks the few routes that exist to sign in (they never show or change content).
 */
export type AdminRoute =
  | { readonly method: 'GET' | 'POST'; readonly url: string; readonly permission: Permission; readonly handler: (ctx: StaffContext) => Promise<unknown>; readonly upload?: boolean; /** An upload's own file size limit (bytes). */ readonly maxBytes?: number }
  | { readonly method: 'GET' | 'POST'; readonly url: string; readonly permission: 'anyone'; readonly handler: (ctx: AdminContext) => Promise<unknown>; readonly upload?: never; readonly maxBytes?: never };

/** A route open to anyone (sign-in pages). */
export function openRoute(method: 'GET' | 'POST', url: string, handler: (ctx: AdminContext) => Promise<unknown>): AdminRoute {
  return { method, url, permission: 'anyone', handler };
}

/**
 * A POST that takes a file upload (multipart/form-data, one file of at most 20 MiB, or
 * `maxBytes`). Only these routes accept multipart bodies; everywhere else they are refused with 415.
 */
export function uploadRoute(url: string, permission: Permission, handler: (ctx: StaffContext) => Promise<unknown>, options: { maxBytes?: number } = {}): AdminRoute {
  return { method: 'POST', url, permission, handler, upload: true, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}) };
}

/** A route that needs a staff session holding `permission`. */
export function staffRoute(method: 'GET' | 'POST', url: string, permission: Permission, handler: (ctx: StaffContext) => Promise<unknown>): AdminRoute {
  return { method, url, permission, handler };
}
