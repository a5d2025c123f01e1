import type { AdminRoute } from '../admin-route.js';

/** Companies and contacts: lists, edit, CSV import with dry run, CSV export. */
export const peopleRoutes: readonly AdminRoute[] = [];
