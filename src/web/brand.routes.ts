import { getSiteSettings, siteBranding } from '../settings/settings.service.js';
import { sharedRoute, type PublicRoute } from './public-route.js';

// The accent colour of the site settings (branding) as a stylesheet: the CSP allows no inline
// style, so the layout links this after the site's stylesheet, the colour in its address
// (branding.ts), and it overrides the site's --accent. No colour set: an empty stylesheet.

export const brandRoutes: readonly PublicRoute[] = [
  sharedRoute(
    '/brand.css',
    "the site settings' accent colour as a stylesheet (linked with the colour in its address)",
    async (ctx) => {
      const branding = await siteBranding(ctx.deps.db, await getSiteSettings(ctx.deps.db, ctx.deps.site));
      // The colour passed the settings' check (#rrggbb, 4.5:1 against white): nothing else can reach the text.
      const body = branding.accentColor ? `:root { --accent: ${branding.accentColor}; }\n` : '';
      return { body, contentType: 'text/css; charset=utf-8', cacheControl: 'public, max-age=86400' };
    },
    { cacheKey: () => null, rootOnly: true },
  ),
];
