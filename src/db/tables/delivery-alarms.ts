import type { Generated } from 'kysely';

// Row types of the per-domain outcomes per minute (migration 2026-12-04T0250-delivery-alarms):
// what the alarms and the delivery's per-domain chart read.

export interface DeliveryDomainMinuteTable {
  delivery_id: number;
  domain: string;
  /** `YYYY-MM-DDTHH:MM`, UTC. */
  minute: string;
  /** Messages the receiving side accepted in that minute. */
  accepted: Generated<number>;
  /** Temporary refusals for the recipient (4xx): the row is tried again later. */
  deferred: Generated<number>;
  /** Recipients that failed for good (5xx, or out of attempts). */
  failed: Generated<number>;
}

export interface DeliveryAlarmTables {
  delivery_domain_minutes: DeliveryDomainMinuteTable;
}
