import { NotFound } from '../lib/errors.js';
import { sharedRoute, type PublicRoute } from './public-route.js';

const serveAsset: Parameters<typeof sharedRoute>[2] = async (ctx) => {
  const asset = ctx.deps.assets.files.get(ctx.request.url.split('?')[0] ?? '');
  if (!asset) throw new NotFound('There is no page at this address.');
  return { body: asset.body, contentType: asset.contentType, cacheControl: asset.cacheControl };
};

/** The static files: in memory already, so never copied into the page cache. */
export const assetRoutes: readonly PublicRoute[] = [
  sharedRoute('/assets/:file', 'stylesheets and scripts (fingerprinted ones immutable)', serveAsset, { cacheKey: () => null, rootOnly: true }),
  sharedRoute('/favicon.svg', 'the icon', serveAsset, { cacheKey: () => null, rootOnly: true }),
  sharedRoute('/favicon.ico', 'the icon, where browsers look for it', serveAsset, { cacheKey: () => null, rootOnly: true }),
];
