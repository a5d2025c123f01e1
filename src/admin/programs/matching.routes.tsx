import type { AdminRoute } from '../admin-route.js';

/** Program registrations, matching drafts, pins and forbidden pairs, publishing, roster CSV (issue 6). */
export const matchingRoutes: readonly AdminRoute[] = [];
