import { listActivity } from '../activity/activity.service.js';
import { staffRoute, type AdminRoute } from './admin-route.js';
import { AdminLayout } from './admin-layout.js';
import { ActivityTable } from './activity.routes.js';

/** The dashboard: the current issue's state, what needs attention, recent activity. */
export const dashboardRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin', 'view_desk', async (ctx) => {
    const recent = ctx.can('read_activity') ? await listActivity(ctx.deps.db, { limit: 10 }) : [];
    return ctx.page(
      <AdminLayout site={ctx.deps.site} title="Dashboard" staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin">
        <h1>Dashboard</h1>
        {ctx.can('read_activity') ? (
          <section>
            <h2>Recent activity</h2>
            <ActivityTable entries={recent} />
          </section>
        ) : null}
      </AdminLayout>,
    );
  }),
];
