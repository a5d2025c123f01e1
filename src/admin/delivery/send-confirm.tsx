import { IANAZone } from 'luxon';
import type { Segment } from '../../audiences/segments.js';
import type { Edition } from '../../delivery/delivery.js';
import type { SendAudienceCount } from '../../delivery/engine/deliveries.service.js';
import type { Issue } from '../../issues/issues.js';
import type { Translate } from '../../i18n/messages.js';
import { Invalid } from '../../lib/errors.js';
import { instantToLocal, localTimeExists, localToInstant } from '../../lib/local-time.js';
import { AdminLayout } from '../admin-layout.js';
import type { StaffContext } from '../admin-route.js';
import { Form } from '../forms.js';
import { ListTable, PageHeading, utcTime } from '../page-parts.js';

// Safer sending on the desk: the send form's time is read in a chosen IANA zone (stored as UTC,
// shown back in the zone), and a send asks for confirmation with the exact recipient count per
// edition and segment before anything is queued (a page with a CSRF form: works without script).

/** The zone the send form starts with: there is no site or staff zone setting, so the chamber's own. */
export const DEFAULT_SEND_ZONE = 'Europe/Berlin';

/** A time as the desk shows it back: `2027-03-01 09:00 Europe/Berlin` (UTC when no zone was chosen). */
export function timeInZone(instant: string, zone: string | null): string {
  return zone ? `${instantToLocal(instant, zone).replace('T', ' ')} ${zone}` : utcTime(instant);
}

/**
 * Reads the send form's time: empty is "now"; else a local `YYYY-MM-DDTHH:MM` in `zone`, which
 * must be a real zone, a time that exists there (not in the hour clocks skip) and in the future.
 * Invalid (with the field and what to fix, in the desk's language) otherwise.
 */
export function parseSendTime(t: Translate, local: string, zoneInput: string, now: Date): { scheduledAt: string | null; zone: string | null } {
  const value = local.trim();
  const zone = zoneInput.trim() || DEFAULT_SEND_ZONE;
  if (value === '') return { scheduledAt: null, zone: null };
  const fail = (where: string, message: string) => new Invalid(t('deskAudiences.send.notSent'), [{ where, message }]);
  if (!IANAZone.isValidZone(zone) || zone.length > 60) throw fail('time_zone', t('deskAudiences.send.badZone', { zone: zone.slice(0, 60) }));
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) throw fail('scheduled_at', t('deskAudiences.send.badTime'));
  if (!localTimeExists(value, zone)) throw fail('scheduled_at', t('deskAudiences.send.noSuchTime', { time: value.replace('T', ' '), zone }));
  const at = new Date(localToInstant(value, zone));
  if (at.getTime() <= now.getTime()) throw fail('scheduled_at', t('deskAudiences.send.past', { time: value.replace('T', ' '), zone, now: timeInZone(now.toISOString(), zone) }));
  return { scheduledAt: at.toISOString(), zone };
}

/** What the confirmation posts back (the send form's values). */
export interface ConfirmValues {
  readonly edition: string;
  readonly segment: string;
  readonly scheduledAt: string;
  readonly timeZone: string;
}

/** Whether a counted edition can be sent: not empty for a segment, no open send of it. */
export function sendable(count: SendAudienceCount): boolean {
  return count.open === null && !(count.segment && count.recipients === 0);
}

function editionName(t: Translate, edition: Edition): string {
  return t('deskSending.delivery.editionLabel', { edition });
}

/** The confirmation: per edition and segment the exact count, then "Send to N recipients" (or why not). */
export function SendConfirmPage({ ctx, issue, values, counts, when }: { ctx: StaffContext; issue: Issue; values: ConfirmValues; counts: readonly SendAudienceCount[]; when: { scheduledAt: string | null; zone: string | null } }) {
  const { t } = ctx.locale;
  const go = counts.filter(sendable);
  const total = go.reduce((sum, count) => sum + count.recipients, 0);
  const segment: Pick<Segment, 'name'> | null = counts[0]?.segment ?? null;
  return (
    <AdminLayout site={ctx.deps.site} title={t('deskAudiences.send.confirmTitle', { title: issue.title })} staff={ctx.staff} csrf={ctx.csrf} flash={ctx.flash} section="/admin/deliveries">
      <PageHeading back={{ href: `/admin/deliveries/new?issue=${encodeURIComponent(issue.slug)}`, label: t('deskSending.delivery.sendTitle', { title: issue.title }) }} title={t('deskAudiences.send.confirmTitle', { title: issue.title })} />
      <p>{when.scheduledAt ? t('deskAudiences.send.whenScheduled', { time: timeInZone(when.scheduledAt, when.zone), utc: utcTime(when.scheduledAt) }) : t('deskAudiences.send.whenNow')}</p>
      <ListTable
        headings={[t('deskSending.delivery.edition'), t('deskAudiences.send.segment'), t('deskSending.delivery.recipients'), t('deskAudiences.send.note')]}
        items={counts}
        empty={t('deskAudiences.send.nothing')}
        row={(count) => (
          <tr key={count.edition}>
            <td>{editionName(t, count.edition)}</td>
            <td>{count.segment ? count.segment.name : t('deskAudiences.send.everyone')}</td>
            <td data-recipients={count.edition}>{count.recipients}</td>
            <td>
              {count.open
                ? t('deskAudiences.send.open', { id: count.open.id, status: count.open.status })
                : count.segment && count.recipients === 0
                  ? t('deskAudiences.send.emptySegment')
                  : ''}
            </td>
          </tr>
        )}
      />
      {when.scheduledAt ? <p>{t('deskAudiences.send.countNow')}</p> : null}
      {go.length === 0 ? (
        <p class="notice notice--warning" role="alert">
          {segment && counts.every((count) => count.recipients === 0) ? t('deskAudiences.send.refusedEmpty', { segment: segment.name }) : t('deskAudiences.send.refused')}
        </p>
      ) : (
        <Form action="/admin/deliveries/send" csrf={ctx.csrf}>
          <input type="hidden" name="issue" value={issue.slug} />
          <input type="hidden" name="edition" value={values.edition} />
          <input type="hidden" name="segment" value={values.segment} />
          <input type="hidden" name="scheduled_at" value={values.scheduledAt} />
          <input type="hidden" name="time_zone" value={values.timeZone} />
          <input type="hidden" name="confirm" value="yes" />
          <p class="actions">
            <button type="submit" class="button">
              {when.scheduledAt ? t('deskAudiences.send.confirmSchedule', { count: total }) : t('deskAudiences.send.confirmNow', { count: total })}
            </button>
            <a href={`/admin/deliveries/new?issue=${encodeURIComponent(issue.slug)}`}>{t('deskAudiences.send.back')}</a>
          </p>
        </Form>
      )}
    </AdminLayout>
  );
}
