import type { FastifyInstance } from 'fastify';
import type { AdminDeps } from '../admin/admin-route.js';

/** `/contact`: the public inquiry form (issue 6). */
export function registerContactRoutes(_app: FastifyInstance, _deps: AdminDeps): void {
  // Filled in by issue 6.
}
