import type { AdminRoute } from '../admin-route.js';

/** Stories: list, search, create, edit with preview, sources, topics and sectors. */
export const storyRoutes: readonly AdminRoute[] = [];
