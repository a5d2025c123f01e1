import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import { registerAdminRoutes } from './admin/register-admin.js';
import { ADMIN_ROUTES } from './admin/route-table.js';
import type { AdminDeps } from './admin/admin-route.js';
import { installCsrfProtection } from './lib/request-security.js';
import { startJobLoop, type JobLoop } from './jobs/job-loop.js';
import { jobsEnqueuedSoFar } from './jobs/jobs.service.js';
import { createHeartbeat } from './jobs/heartbeats.service.js';
import type { Clock } from './lib/clock.js';
import type { Services } from './services.js';
import { installErrorHandling, serializeRequest } from './lib/http.js';
import { newWorkerId } from './delivery/engine/sender.js';
import { installSecurityHeaders } from './lib/security-headers.js';
import { PageCache } from './web/page-cache.js';
import { createPublicContent, type PublicContent } from './web/public-content.js';
import { loadAssets } from './web/assets.js';
import { renderErrorPage } from './web/document.js';
import type { Site } from './web/layout.js';
import { getSiteSettings } from './settings/settings.service.js';
import { registerPublicRoutes } from './web/register-public.js';
import { PUBLIC_ROUTES } from './web/route-table.js';

/** The built application: the HTTP server, its job loop and the services it was composed from. */
export interface App {
  readonly http: FastifyInstance;
  readonly services: Services;
  readonly content: PublicContent;
  readonly pageCache: PageCache;
  /** The transactional job loop the web process always runs (WORKER only governs newsletter sending). */
  readonly jobs: JobLoop;
  /** The app's one clock: test helpers issue tokens and fixtures at this time, never another. */
  readonly clock: Clock;
  /** Every route the server registered (method and URL pattern), so tests can prove each is in a route table. */
  readonly routes: readonly { readonly method: string; readonly url: string }[];
}

/** Trusts the nearest `hops` proxies (Fastify's function form of a hop count). */
function trustHops(hops: number) {
  return (_address: string, hop: number) => hop < hops;
}

/**
 * The web process, from the services of services.ts: every route plugin, and the job loop that
 * sends transactional mail. `http.close()` stops the loop.
 */
export async function buildApp(services: Services, options: { jobWorkerId?: string; /** Where log lines go instead of stdout (tests read them). */ logStream?: { write(line: string): void } } = {}): Promise<App> {
  const { config, db, clock } = services;
  const http = Fastify({
    logger: {
      level: config.logLevel,
      // `err.params`: some drivers (PGlite) put a failed query's parameters on the error: addresses, token hashes.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', 'err.params'],
      // Any logged request shows its path with tokens redacted (sign-in links, private feeds: lib/http.ts).
      serializers: { req: serializeRequest },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    // Per-request lines cost throughput and say little; errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : (config.trustProxy ?? false),
    routerOptions: { ignoreTrailingSlash: true },
  });

  const routes: { method: string; url: string }[] = [];
  http.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });

  const https = config.siteUrl.startsWith('https://');
  installSecurityHeaders(http, { https });
  await http.register(fastifyCookie);
  await http.register(fastifyFormbody);
  installCsrfProtection(http, config.secretKey);

  const content = createPublicContent(db, clock);
  const pageCache = new PageCache({ readVersion: () => content.contentVersion(), clock });
  const assets = loadAssets();
  const site: Site = {
    name: config.siteName,
    url: config.siteUrl,
    stylesheet: assets.stylesheetPath,
    adminStylesheet: assets.adminStylesheetPath,
    adminScript: assets.adminScriptPath,
    contactEmail: config.contactEmail,
    settingsSeed: config.settingsSeed,
  };

  installErrorHandling(http, (status, message, request) => renderErrorPage(site, status, message, request.url.split('?')[0] ?? '/'));

  const deps: AdminDeps = { db, clock, site, sender: services.sender, transport: services.transport, secretKey: config.secretKey, erasureKey: config.erasureKey, secureCookies: https, contentChanged: () => pageCache.clear(), mediaDir: config.mediaDir, fetcher: services.fetcher };
  // The consent ledger's IP/user-agent switch: the site settings (CONSENT_NETWORK_LOG seeds it, the desk's value wins).
  const consentNetworkLog = async () => (await getSiteSettings(db, site)).consentNetworkLog;
  registerPublicRoutes(http, { db, clock, site, content, cache: pageCache, assets, secretKey: config.secretKey, erasureKey: config.erasureKey, trackingKey: config.trackingKey, outboxDir: services.transport.outboxDir, secureCookies: https, consentNetworkLog, mediaDir: config.mediaDir }, PUBLIC_ROUTES);
  registerAdminRoutes(http, deps, ADMIN_ROUTES);

  const workerId = options.jobWorkerId ?? `web:${newWorkerId()}`;
  const jobs = startJobLoop({
    db, clock, handlers: services.jobHandlers, workerId, periodic: services.periodicTasks,
    heartbeat: createHeartbeat(db, clock, workerId, ['jobs']),
    log: (message) => http.log.warn(message),
  });
  // A request that enqueued mail is answered first; the loop then sends it at once.
  const enqueuedBefore = new WeakMap<object, number>();
  http.addHook('onRequest', (request, _reply, done) => {
    if (request.method === 'POST') enqueuedBefore.set(request, jobsEnqueuedSoFar());
    done();
  });
  http.addHook('onResponse', (request, _reply, done) => {
    const before = enqueuedBefore.get(request);
    if (before !== undefined && jobsEnqueuedSoFar() !== before) jobs.wake();
    done();
  });
  http.addHook('onClose', async () => jobs.stop());
  return { http, services, content, pageCache, jobs, clock, routes };
}
