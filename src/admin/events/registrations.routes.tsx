import type { AdminRoute } from '../admin-route.js';

/** Registrations, check-in, questions, calls for speakers, and filling an issue from its quarter's events (issue 5). */
export const registrationRoutes: readonly AdminRoute[] = [];
