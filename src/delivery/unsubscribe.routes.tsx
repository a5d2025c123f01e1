import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../admin/admin-route.js';

/** `/unsubscribe/<token>`: a confirm page on GET, RFC 8058 one-click on POST (issue 4). */
export function registerUnsubscribeRoutes(_app: FastifyInstance, _deps: AdminDeps): void {
  // Filled in by issue 4.
}
