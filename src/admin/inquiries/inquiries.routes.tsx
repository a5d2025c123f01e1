import type { AdminRoute } from '../admin-route.js';

/** The inquiries inbox (issue 6). */
export const inquiryRoutes: readonly AdminRoute[] = [];
