import type { Delivery, DeliveryCounts } from '../../delivery/delivery.js';
import type { Issue } from '../../issues/issues.js';
import type { StaffContext } from '../admin-route.js';
import { DeliveriesTable, EMPTY_SEND_FORM, SendForms } from './delivery.pages.js';

/**
 * The issue page's sending panel: test send, send now, schedule, and the issue's deliveries
 * with their progress (shown when the page passes them; otherwise a link to them).
 */
export function SendPanel({ ctx, issue, deliveries }: { ctx: StaffContext; issue: Issue; deliveries?: readonly { delivery: Delivery; counts: DeliveryCounts }[] }) {
  if (!ctx.can('manage_sending')) return null;
  const { t } = ctx.locale;
  return (
    <section class="panel" aria-labelledby="send-panel-heading">
      <h2 id="send-panel-heading">{t('desk.sendPanel.title')}</h2>
      {deliveries ? <DeliveriesTable items={deliveries} /> : null}
      <p>
        <a href={`/admin/deliveries?issue=${encodeURIComponent(issue.slug)}`}>{t('desk.sendPanel.deliveries')}</a>
      </p>
      <SendForms ctx={ctx} issue={issue} values={EMPTY_SEND_FORM} />
    </section>
  );
}
