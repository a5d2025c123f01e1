import type { AdminRoute } from '../admin-route.js';
import { companyRoutes } from './companies.routes.js';
import { contactsCsvRoutes } from './contacts-csv.routes.js';
import { contactRoutes } from './contacts.routes.js';

/** Companies and contacts: lists, edit, CSV import with dry run, CSV export. */
export const peopleRoutes: readonly AdminRoute[] = [...companyRoutes, ...contactRoutes, ...contactsCsvRoutes];
