import { NotFound } from '../lib/errors.js';
import { servedMediaFile } from '../media/media.service.js';
import { sharedRoute, type PublicRoute } from './public-route.js';

// Uploaded images' resized files (media/): `/media/<hash>-<width>.<ext>`, never changed once
// written, so cached for a year. Masters and anything else under MEDIA_DIR are never served.

const IMMUTABLE = 'public, max-age=31536000, immutable';
const TYPES = { jpg: 'image/jpeg', png: 'image/png' } as const;

export const mediaRoutes: readonly PublicRoute[] = [
  sharedRoute(
    '/media/:file',
    'uploaded images, one file per width (immutable)',
    async (ctx) => {
      const file = String((ctx.request.params as { file?: unknown }).file ?? '');
      const body = servedMediaFile(ctx.deps.mediaDir, file);
      if (!body) throw new NotFound('There is no image at this address.');
      return { body, contentType: TYPES[file.endsWith('.png') ? 'png' : 'jpg'], cacheControl: IMMUTABLE };
    },
    { cacheKey: () => null, rootOnly: true },
  ),
];
