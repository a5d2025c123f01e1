import { getSiteSettings } from '../settings/settings.service.js';
import { ImprintPage, PrivacyPage } from './pages/legal.page.js';
import { sharedRoute, type PublicRoute } from './public-route.js';

// The imprint (§ 5 DDG) and the privacy page, in every language, from the site settings. Both
// are shared cached pages: a save in the desk bumps the content version, which drops them.

export const legalRoutes: readonly PublicRoute[] = [
  sharedRoute('/imprint', 'the imprint: who publishes the site and how to reach them', async (ctx) =>
    ctx.document(<ImprintPage site={ctx.deps.site} settings={await getSiteSettings(ctx.deps.db, ctx.deps.site)} />),
  ),
  sharedRoute('/privacy', 'the privacy page, ending with what the site stores (from its settings)', async (ctx) =>
    ctx.document(<PrivacyPage site={ctx.deps.site} settings={await getSiteSettings(ctx.deps.db, ctx.deps.site)} />),
  ),
];
