import type { AdminRoute } from '../admin-route.js';

/** Issues: compose sections and items, preview, publish, unpublish, schedule. */
export const issueRoutes: readonly AdminRoute[] = [];
