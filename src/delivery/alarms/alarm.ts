import type { Translate } from '../../i18n/messages.js';

// The alarms' types (README.md beside explains when one is raised and when it ends).

/** When a sending delivery alarms: SEND_ALARM_* (docs/delivery.md, "Alarms"). */
export interface AlarmSettings {
  /** No message accepted for this long while rows are left: the delivery is stalled. */
  readonly stallMs: number;
  /** The rates are taken over the replies of this last stretch of time. */
  readonly windowMs: number;
  /** Fewer replies than this in the window say nothing about the rates (1 failure of 2 is no alarm). */
  readonly minMessages: number;
  /** More than this share of the window's replies failed for good (percent). */
  readonly failurePercent: number;
  /** More than this share of the window's replies were temporary refusals (percent). */
  readonly deferralPercent: number;
}

/** The defaults, documented in docs/delivery.md and docs/operations.md. */
export const DEFAULT_ALARM_SETTINGS: AlarmSettings = { stallMs: 15 * 60_000, windowMs: 15 * 60_000, minMessages: 20, failurePercent: 10, deferralPercent: 30 };

/** What an alarm says, stored as JSON in `deliveries.alarm` and written in each reader's language. */
export type Alarm =
  | { readonly kind: 'stalled'; readonly minutes: number }
  | { readonly kind: 'failing' | 'deferring'; readonly percent: number; readonly count: number };

/** The stored alarm, or null (an unreadable one reads as stalled: it still shows). */
export function parseAlarm(stored: string | null): Alarm | null {
  if (stored === null) return null;
  try {
    const value = JSON.parse(stored) as Partial<Alarm> & { minutes?: unknown; percent?: unknown; count?: unknown };
    if (value.kind === 'stalled' && typeof value.minutes === 'number') return { kind: 'stalled', minutes: value.minutes };
    if ((value.kind === 'failing' || value.kind === 'deferring') && typeof value.percent === 'number' && typeof value.count === 'number') return { kind: value.kind, percent: value.percent, count: value.count };
  } catch {
    // fall through
  }
  return { kind: 'stalled', minutes: 0 };
}

/** The alarm in words, in the language of `t`. */
export function alarmText(t: Translate, alarm: Alarm): string {
  return alarm.kind === 'stalled'
    ? t('deskDeliveryHealth.alarm.text', { kind: 'stalled', minutes: alarm.minutes, percent: 0, count: 0 })
    : t('deskDeliveryHealth.alarm.text', { kind: alarm.kind === 'failing' ? 'failing' : 'deferring', minutes: 0, percent: alarm.percent, count: alarm.count });
}

/** One delivery × domain × minute's counts (what the sender adds, what the chart draws). */
export interface DomainMinute {
  readonly domain: string;
  /** `YYYY-MM-DDTHH:MM`, UTC. */
  readonly minute: string;
  readonly accepted: number;
  readonly deferred: number;
  readonly failed: number;
}
