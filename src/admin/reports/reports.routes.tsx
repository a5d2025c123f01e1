import type { AdminRoute } from '../admin-route.js';

/** Reports: list, create, edit, with segments and findings. */
export const reportRoutes: readonly AdminRoute[] = [];
