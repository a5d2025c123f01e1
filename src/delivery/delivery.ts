// The delivery domain's types. src/delivery/README.md explains the states and what can repeat.

import type { DeliveryKind, DeliveryStatus, Edition, PauseReason } from '../db/tables/delivery.js';
import type { Language } from '../i18n/languages.js';
import type { AlarmSettings } from './alarms/alarm.js';
import type { EditionLink } from '../engagement/engagement.js';

// Editions, kinds, statuses, ledger states, event kinds and suppression reasons are the fixed
// values of the delivery columns, declared once with the table types.
export {
  DELIVERY_STATUSES, EDITIONS, PAUSE_REASONS, RECIPIENT_STATES, type PauseReason, type DeliveryEventKind, type DeliveryKind, type DeliveryStatus, type Edition, type RecipientState, type SuppressionReason,
} from '../db/tables/delivery.js';

/** One send of one edition of one issue, or a test send to chosen addresses. */
export interface Delivery {
  readonly id: number;
  readonly issueId: number;
  readonly issueSlug: string;
  readonly issueTitle: string;
  readonly edition: Edition;
  readonly kind: DeliveryKind;
  readonly status: DeliveryStatus;
  readonly scheduledAt: string | null;
  readonly subject: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** Why the delivery paused by itself (a server refusing our sender, an edition that failed to build), or null. */
  readonly problem: string | null;
  /** The kind of that reason: `transport` (the circuit breaker; the worker probes and resumes by itself), `refused`, `start`. */
  readonly pauseReason: PauseReason | null;
  /** When the worker next tries one message (the breaker paused it). */
  readonly probeAt: string | null;
  readonly probes: number;
  /** Transport failures in a row so far (the breaker trips at SEND_BREAKER_FAILURES). */
  readonly transportFailures: number;
  /** The alarm of the current incident, if one is raised (see alarms/alarms.service.ts). */
  readonly alarm: string | null;
  readonly alarmAt: string | null;
  /** The segment a real send goes to (null: everyone of the edition), with its name. */
  readonly segmentId: number | null;
  readonly segmentName: string | null;
  /** The IANA zone the scheduled time was chosen in (null: UTC). */
  readonly scheduleZone: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** How far a delivery has come, counted from the ledger. */
export interface DeliveryCounts {
  readonly total: number;
  readonly queued: number;
  readonly sending: number;
  readonly sent: number;
  readonly failed: number;
  readonly bounced: number;
  /** Rows left out during the send: the address was suppressed or the contact unsubscribed after the audience was taken. */
  readonly skipped: number;
  /** Rows a sender claimed and then lost (crash, kill): their message may have gone out twice. */
  readonly mayHaveRepeated: number;
  /** Rows that needed more than one attempt (4xx replies, lost connections). */
  readonly retried: number;
  readonly unsubscribed: number;
  readonly complaints: number;
}

/** The rows still to do. */
export function remainingOf(counts: DeliveryCounts): number {
  return counts.queued + counts.sending;
}

/** What a compiled edition holds: the template every recipient's message is made from. */
export interface EditionTemplate {
  readonly subject: string;
  /** HTML with placeholders (see render/placeholders.ts), compiled from MJML once. */
  readonly html: string;
  /** The plain-text part with the same placeholders. */
  readonly text: string;
  /** Images the HTML part shows by Content-ID (the findings' charts), attached to every message of the edition. */
  readonly images?: readonly EditionImage[];
  /** The numbered links whose placeholders the parts hold (engagement: `/r/<token>`), none when tracking is off. */
  readonly links?: readonly EditionLink[];
  /** The same parts with their block markers, from which topic variants are assembled (render/topic-blocks.ts); stored as the delivery's template. */
  readonly blocks?: { readonly html: string; readonly text: string };
}

/** A PNG the HTML part shows as `<img src="cid:…">`, rendered once per edition and language. */
export interface EditionImage {
  /** The Content-ID, without angle brackets (`chart-1.<hash>@<host>`). */
  readonly cid: string;
  readonly filename: string;
  readonly contentType: 'image/png';
  readonly content: Buffer;
}

/** A delivery's compiled editions: one per language of its audience, compiled once each. */
export type EditionTemplates = ReadonlyMap<Language, EditionTemplate>;

/** Settings the sender needs, from the configuration. */
export interface SendSettings {
  readonly concurrency: number;
  /** Messages per second, across this sender's connections. */
  readonly rate: number;
  /** How long a claim lasts; a claim older than this belongs to a dead sender and is taken back. */
  readonly leaseMs: number;
  /** The first retry waits this long; each later one twice as long. */
  readonly retryBaseMs: number;
  /** Attempts before a row that keeps getting 4xx replies fails for good. */
  readonly maxAttempts: number;
  /** Transport failures in a row (timeouts, refused connections, 421) that pause the delivery (the circuit breaker). */
  readonly breakerFailures: number;
  /** The first probe of a delivery the breaker paused waits this long; each later one twice as long, at most 30 minutes. */
  readonly probeBaseMs: number;
  /** Fixed limits per receiving domain, messages per hour (SEND_DOMAIN_LIMITS; the site setting wins when set). */
  readonly domainLimits: ReadonlyMap<string, number>;
  /** The wait after a domain's first deferral; each further one in a row twice as long (engine/pacing.ts). */
  readonly domainBackoffMs: number;
  /** When a sending delivery alarms (SEND_ALARM_*; alarms/alarm.ts has the defaults used without them). */
  readonly alarms?: AlarmSettings;
}

/** One minute of a delivery: messages accepted, failed for good, bounced and unsubscribes. */
export interface MinuteCounts {
  readonly minute: string;
  readonly sent: number;
  readonly failed: number;
  readonly bounced: number;
  readonly unsubscribed: number;
}

/** The job kind of a desk test send (delivery-jobs.ts runs it). */
export const TEST_SEND_JOB = 'delivery.test-send';
