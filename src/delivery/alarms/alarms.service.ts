import { recordActivity } from '../../activity/activity.service.js';
import { SYSTEM_ACTOR } from '../../activity/activity.js';
import type { SettingsSeed } from '../../config.js';
import type { Database } from '../../db/database.js';
import { DEFAULT_LANGUAGE } from '../../i18n/languages.js';
import { translator } from '../../i18n/messages.js';
import type { Clock } from '../../lib/clock.js';
import { enqueueEmail } from '../../mail/email.js';
import { withFooter } from '../../settings/settings.service.js';
import { listStaff } from '../../staff/staff.service.js';
import { countRecipients } from '../engine/delivery-reports.queries.js';
import * as deliveryAlarmEmail from '../emails/delivery-alarm.email.js';
import { alarmText, DEFAULT_ALARM_SETTINGS, parseAlarm, type Alarm, type AlarmSettings } from './alarm.js';
import { clearAlarm, findAlarmCandidates, findProgress, raiseAlarm, restateAlarm, type AlarmCandidate } from './alarms.queries.js';
import { findDomainMinutes, sumSince, type DomainMinute } from './outcomes.queries.js';
import { minuteOf } from './outcome-tally.js';

// Alarms (issue 19; README.md beside). The worker checks every real send that is sending on each
// pass: an alarm is raised when no message was accepted for SEND_ALARM_STALL_MINUTES while rows
// are left, or when more than SEND_ALARM_FAILURE_PERCENT (failed for good) or
// SEND_ALARM_DEFERRAL_PERCENT (refused for now) of the replies of the last
// SEND_ALARM_WINDOW_MINUTES are so, counted over at least SEND_ALARM_MIN_MESSAGES replies. Raising
// it writes the delivery's alarm, the activity log and one email per owner and admin (in their
// language, through the jobs queue) in one transaction, guarded so that it happens once per
// incident. The incident ends when none of the conditions holds any more (for a rate: over enough
// replies to say so) or the delivery is done or cancelled; a paused delivery keeps its alarm.

/** What the check needs: the sender's parts do (SenderDeps). */
export interface AlarmDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly site: { readonly name: string; readonly url: string; readonly settingsSeed?: SettingsSeed };
  readonly settings: { readonly alarms?: AlarmSettings };
}

/** What one check did to one delivery. */
export interface AlarmChange {
  readonly deliveryId: number;
  readonly change: 'raised' | 'restated' | 'cleared';
  readonly alarm: Alarm | null;
}

/** The conditions of one sending delivery now: the alarm it calls for (or null), and whether the rates could be judged. */
async function evaluate(db: Database, settings: AlarmSettings, delivery: AlarmCandidate, nowMs: number): Promise<{ alarm: Alarm | null; ratesKnown: boolean }> {
  const [window, progress] = await Promise.all([sumSince(db, delivery.id, minuteOf(nowMs - settings.windowMs)), findProgress(db, delivery.id)]);
  const count = window.accepted + window.deferred + window.failed;
  const ratesKnown = count >= settings.minMessages;
  const percent = (part: number) => Math.round((part / count) * 100);
  if (ratesKnown && window.failed * 100 > settings.failurePercent * count) return { alarm: { kind: 'failing', percent: percent(window.failed), count }, ratesKnown };
  if (ratesKnown && window.deferred * 100 > settings.deferralPercent * count) return { alarm: { kind: 'deferring', percent: percent(window.deferred), count }, ratesKnown };
  const since = Math.max(Date.parse(delivery.since), progress.lastSentAt ? Date.parse(progress.lastSentAt) : 0);
  if (progress.left > 0 && nowMs - since >= settings.stallMs) return { alarm: { kind: 'stalled', minutes: Math.floor((nowMs - since) / 60_000) }, ratesKnown };
  return { alarm: null, ratesKnown };
}

/** Raises the alarm and mails the owners and admins, in one transaction; false: another process raised it first. */
async function raise(deps: AlarmDeps, delivery: AlarmCandidate, alarm: Alarm): Promise<boolean> {
  const { db, clock, site } = deps;
  return db.transaction().execute(async (trx) => {
    if (!(await raiseAlarm(trx, delivery.id, JSON.stringify(alarm), clock.now().toISOString()))) return false;
    const counts = await countRecipients(trx, delivery.id);
    await recordActivity(trx, clock, SYSTEM_ACTOR, 'delivery.alarm', { type: 'delivery', id: delivery.id, label: `#${delivery.id} (${delivery.edition})` }, alarmText(translator(DEFAULT_LANGUAGE), alarm));
    const recipients = (await listStaff(trx)).filter((staff) => staff.active && (staff.role === 'owner' || staff.role === 'admin'));
    for (const staff of recipients) {
      const props = {
        name: staff.name, deliveryId: delivery.id, title: delivery.issueTitle, edition: delivery.edition, alarm,
        sent: counts.sent + counts.bounced, total: counts.total, left: counts.queued + counts.sending, url: `${site.url}/admin/deliveries/${delivery.id}`, siteName: site.name,
      };
      await enqueueEmail(trx, clock, deliveryAlarmEmail, staff.email, props, await withFooter(trx, site, staff.language));
    }
    return true;
  });
}

/**
 * Checks every real send that is sending (and every delivery with an alarm): raises, restates or
 * clears alarms. Run by the worker on each pass, never in a request. `log` gets one line per change.
 */
export async function checkAlarms(deps: AlarmDeps, log: (message: string) => void = () => undefined): Promise<AlarmChange[]> {
  const settings = deps.settings.alarms ?? DEFAULT_ALARM_SETTINGS;
  const t = translator(DEFAULT_LANGUAGE);
  const changes: AlarmChange[] = [];
  for (const delivery of await findAlarmCandidates(deps.db)) {
    const current = parseAlarm(delivery.alarm);
    if (delivery.status === 'done' || delivery.status === 'cancelled') {
      if (await clearAlarm(deps.db, delivery.id)) {
        changes.push({ deliveryId: delivery.id, change: 'cleared', alarm: null });
        log(`delivery #${delivery.id}: alarm cleared (the delivery is ${delivery.status})`);
      }
      continue;
    }
    // A paused delivery sends nothing: it keeps its alarm until it sends again.
    if (delivery.status !== 'sending') continue;
    const { alarm, ratesKnown } = await evaluate(deps.db, settings, delivery, deps.clock.now().getTime());
    if (alarm && !current) {
      if (await raise(deps, delivery, alarm)) {
        changes.push({ deliveryId: delivery.id, change: 'raised', alarm });
        log(`delivery #${delivery.id}: ALARM: ${alarmText(t, alarm)}; owners and admins are emailed`);
      }
    } else if (alarm && current) {
      if (JSON.stringify(alarm) !== JSON.stringify(current)) {
        await restateAlarm(deps.db, delivery.id, JSON.stringify(alarm));
        if (alarm.kind !== current.kind) {
          changes.push({ deliveryId: delivery.id, change: 'restated', alarm });
          log(`delivery #${delivery.id}: alarm still raised: ${alarmText(t, alarm)}`);
        }
      }
    } else if (!alarm && current && (current.kind === 'stalled' || ratesKnown)) {
      // A rate's alarm ends only when enough replies show the rate is below its threshold again.
      if (await clearAlarm(deps.db, delivery.id)) {
        changes.push({ deliveryId: delivery.id, change: 'cleared', alarm: null });
        log(`delivery #${delivery.id}: alarm cleared: ${alarmText(t, current)} no longer holds`);
      }
    }
  }
  return changes;
}

/** The delivery's alarm, if one is raised, with when. */
export function alarmOf(delivery: { readonly alarm: string | null; readonly alarmAt: string | null }): { alarm: Alarm; at: string } | null {
  const alarm = parseAlarm(delivery.alarm);
  return alarm && delivery.alarmAt ? { alarm, at: delivery.alarmAt } : null;
}

/** What the receiving side answered per domain and minute, for the desk's chart: the latest `minutes` minutes with replies. */
export function getDomainTimeline(db: Database, deliveryId: number, minutes = 60): Promise<DomainMinute[]> {
  return findDomainMinutes(db, deliveryId, minutes);
}
