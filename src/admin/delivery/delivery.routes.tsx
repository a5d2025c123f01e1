import type { AdminRoute } from '../admin-route.js';

/** The desk's delivery routes: sends, test sends, schedules, live progress, reports (issue 4). */
export const deliveryRoutes: readonly AdminRoute[] = [];
