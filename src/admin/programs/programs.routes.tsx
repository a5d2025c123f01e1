import type { AdminRoute } from '../admin-route.js';

/** Programs: list, create, edit. */
export const programRoutes: readonly AdminRoute[] = [];
