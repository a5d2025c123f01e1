import { accountPrivacyRoutes } from './account-privacy.routes.js';
import { accountPlatformRoutes } from './account-platform.routes.js';
import { assetRoutes } from './assets.routes.js';
import { browseRoutes } from './browse.routes.js';
import { innovatorRoutes } from './innovators.routes.js';
import { consentRoutes } from './consent.routes.js';
import { contactRoutes } from './contact.routes.js';
import { engagementRoutes } from './engagement.routes.js';
import { eventCallRoutes } from './event-calls.routes.js';
import { eventRoutes } from './events.routes.js';
import { feedRoutes } from './feeds.routes.js';
import { introductionRoutes } from './introductions.routes.js';
import { issueRoutes } from './issues.routes.js';
import { legalRoutes } from './legal.routes.js';
import { mediaRoutes } from './media.routes.js';
import { brandRoutes } from './brand.routes.js';
import { memberRoutes } from './members.routes.js';
import { privateFeedRoutes } from './private-feed.routes.js';
import { programRoutes } from './programs.routes.js';
import type { PublicRoute } from './public-route.js';
import { searchRoutes } from './search.routes.js';
import { serviceRoutes } from './services.routes.js';
import { surveyRoutes } from './surveys.routes.js';
import { unsubscribeRoutes } from './unsubscribe.routes.js';

/** `GET /healthz`: 200 once the database answers (migrations ran before the server listens). */
const healthRoutes: readonly PublicRoute[] = [
  {
    method: 'GET',
    url: '/healthz',
    rootOnly: true,
    purpose: 'health check for load balancers and process managers',
    cache: 'none',
    handle: async (ctx) => {
      await ctx.deps.content.contentVersion();
      return ctx.reply.header('cache-control', 'no-store').send({ status: 'ok' });
    },
  },
];

/**
 * Every public route with its cache policy, rate limit and CSRF exemption (see public-route.ts).
 * `register-public.ts` registers exactly these; the CSRF, cache-header and canary tests walk
 * this table, as `admin/route-permissions.test.ts` walks the desk's.
 */
export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  ...issueRoutes,
  ...browseRoutes,
  ...innovatorRoutes,
  ...eventRoutes,
  ...eventCallRoutes,
  ...programRoutes,
  ...surveyRoutes,
  ...introductionRoutes,
  ...searchRoutes,
  ...memberRoutes,
  ...consentRoutes,
  ...accountPrivacyRoutes,
  ...accountPlatformRoutes,
  ...privateFeedRoutes,
  ...serviceRoutes,
  ...contactRoutes,
  ...legalRoutes,
  ...unsubscribeRoutes,
  ...engagementRoutes,
  ...feedRoutes,
  ...assetRoutes,
  ...mediaRoutes,
  ...brandRoutes,
  ...healthRoutes,
];
