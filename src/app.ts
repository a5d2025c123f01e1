import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Clock } from './lib/clock.js';
import { installErrorHandling } from './lib/http.js';
import { installSecurityHeaders } from './lib/security-headers.js';
import { PageCache } from './web/page-cache.js';
import { createPublicContent, type PublicContent } from './web/public-content.js';
import { loadAssets, registerPublicRoutes, renderErrorPage } from './web/routes.js';
import type { Site } from './web/layout.js';

/** What the app is built from; tests pass real parts (a real database, a fixed clock). */
export interface AppDependencies {
  readonly config: Pick<Config, 'siteUrl' | 'logLevel' | 'siteName' | 'contactEmail'>;
  readonly db: Database;
  readonly clock: Clock;
}

/** The built application: the HTTP server and the services it was composed from. */
export interface App {
  readonly http: FastifyInstance;
  readonly content: PublicContent;
  readonly pageCache: PageCache;
}

/** The composition root: builds services once and registers every route plugin. */
export async function buildApp({ config, db, clock }: AppDependencies): Promise<App> {
  const http = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    // Per-request lines cost throughput and say little; errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  });

  installSecurityHeaders(http, { https: config.siteUrl.startsWith('https://') });

  const content = createPublicContent(db, clock);
  const pageCache = new PageCache({ readVersion: () => content.contentVersion(), clock });
  const assets = loadAssets();
  const site: Site = {
    name: config.siteName,
    url: config.siteUrl,
    stylesheet: assets.stylesheetPath,
    contactEmail: config.contactEmail,
  };

  installErrorHandling(http, (status, message, request) => renderErrorPage(site, status, message, request.url.split('?')[0] ?? '/'));

  http.get('/healthz', async (_request, reply) => {
    await content.contentVersion();
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });

  registerPublicRoutes(http, { site, content, cache: pageCache, assets });
  return { http, content, pageCache };
}
