import type { AdminRoute } from '../admin-route.js';

/** Events: list, create, edit. */
export const eventRoutes: readonly AdminRoute[] = [];
