import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { DomainMinute } from './alarm.js';

export type { DomainMinute } from './alarm.js';

// SQL of the per-domain outcomes per minute (delivery_domain_minutes): the sender adds to them,
// the alarms and the desk's per-domain chart read them.


/** Adds counts (several processes may add to the same row at once: the sums are done by the database). */
export async function addDomainMinutes(db: Executor, deliveryId: number, rows: readonly DomainMinute[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('delivery_domain_minutes')
    .values(rows.map((row) => ({ delivery_id: deliveryId, domain: row.domain, minute: row.minute, accepted: row.accepted, deferred: row.deferred, failed: row.failed })))
    .onConflict((oc) =>
      oc.columns(['delivery_id', 'domain', 'minute']).doUpdateSet({
        accepted: sql<number>`delivery_domain_minutes.accepted + excluded.accepted`,
        deferred: sql<number>`delivery_domain_minutes.deferred + excluded.deferred`,
        failed: sql<number>`delivery_domain_minutes.failed + excluded.failed`,
      }),
    )
    .execute();
}

/** A delivery's counts summed over all domains from `sinceMinute` on. */
export async function sumSince(db: Executor, deliveryId: number, sinceMinute: string): Promise<{ accepted: number; deferred: number; failed: number }> {
  const row = await db
    .selectFrom('delivery_domain_minutes')
    .select((eb) => [eb.fn.sum<number>('accepted').as('accepted'), eb.fn.sum<number>('deferred').as('deferred'), eb.fn.sum<number>('failed').as('failed')])
    .where('delivery_id', '=', deliveryId)
    .where('minute', '>=', sinceMinute)
    .executeTakeFirst();
  return { accepted: Number(row?.accepted ?? 0), deferred: Number(row?.deferred ?? 0), failed: Number(row?.failed ?? 0) };
}

/** Every minute of a delivery, oldest first (a chart's worth: at most `limit` minutes, the latest). */
export async function findDomainMinutes(db: Executor, deliveryId: number, limit: number): Promise<DomainMinute[]> {
  const minutes = await db.selectFrom('delivery_domain_minutes').select('minute').distinct().where('delivery_id', '=', deliveryId).orderBy('minute', 'desc').limit(limit).execute();
  const first = minutes.at(-1)?.minute;
  if (first === undefined) return [];
  const rows = await db
    .selectFrom('delivery_domain_minutes')
    .select(['domain', 'minute', 'accepted', 'deferred', 'failed'])
    .where('delivery_id', '=', deliveryId)
    .where('minute', '>=', first)
    .orderBy('minute')
    .orderBy('domain')
    .execute();
  return rows.map((row) => ({ domain: row.domain, minute: row.minute, accepted: Number(row.accepted), deferred: Number(row.deferred), failed: Number(row.failed) }));
}
