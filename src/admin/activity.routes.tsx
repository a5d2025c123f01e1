import { z } from 'zod';
import { listActivity } from '../activity/activity.service.js';
import { staffRoute, type AdminRoute } from './admin-route.js';
import { AdminLayout } from './admin-layout.js';
import type { ActivityEntry } from '../activity/activity.js';
import { useLocale } from '../web/locale.js';

const PAGE = 50;
const query = z.object({
  actor: z.string().max(254).optional().catch(undefined),
  type: z.string().max(40).optional().catch(undefined),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

/** The activity table, shared by the log and the dashboard. */
export function ActivityTable({ entries }: { entries: readonly ActivityEntry[] }) {
  const { t } = useLocale();
  if (entries.length === 0) return <p>{t('desk.activity.empty')}</p>;
  return (
    <table class="table">
      <thead>
        <tr>
          <th scope="col">{t('desk.activity.when')}</th>
          <th scope="col">{t('desk.activity.who')}</th>
          <th scope="col">{t('desk.activity.what')}</th>
          <th scope="col">{t('desk.activity.subject')}</th>
          <th scope="col">{t('desk.activity.detail')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td>{entry.at.replace('T', ' ').slice(0, 19)}</td>
            <td>{entry.actor.label}</td>
            <td>
              <code>{entry.action}</code>
            </td>
            <td>
              {entry.subject.type}: {entry.subject.label}
            </td>
            <td>{entry.detail ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The audit trail: who changed what, when. */
export const activityRoutes: readonly AdminRoute[] = [
  staffRoute('GET', '/admin/activity', 'read_activity', async (ctx) => {
    const filter = query.parse(ctx.request.query ?? {});
    const entries = await listActivity(ctx.deps.db, { actor: filter.actor, subjectType: filter.type, beforeId: filter.before, limit: PAGE });
    const last = entries.at(-1);
    const params = new URLSearchParams();
    if (filter.actor) params.set('actor', filter.actor);
    if (filter.type) params.set('type', filter.type);
    if (last) params.set('before', String(last.id));
    const { t } = ctx.locale;
    return ctx.page(
      <AdminLayout site={ctx.deps.site} title={t('desk.activity.title')} staff={ctx.staff} csrf={ctx.csrf} section="/admin/activity">
        <h1>{t('desk.activity.title')}</h1>
        <form method="get" action="/admin/activity" class="filters" role="search">
          <label>
            {t('desk.activity.who')} <input type="search" name="actor" value={filter.actor ?? ''} placeholder={t('desk.activity.whoPlaceholder')} />
          </label>
          <label>
            {t('desk.activity.kind')} <input type="search" name="type" value={filter.type ?? ''} placeholder={t('desk.activity.kindPlaceholder')} />
          </label>
          <button type="submit" class="button button--quiet">
            {t('desk.forms.filter')}
          </button>
        </form>
        <ActivityTable entries={entries} />
        {entries.length === PAGE ? (
          <p>
            <a href={`/admin/activity?${params.toString()}`}>{t('desk.activity.older')}</a>
          </p>
        ) : null}
      </AdminLayout>,
    );
  }),
];
