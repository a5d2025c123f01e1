import type { Executor } from '../../db/database.js';

// SQL of the pace per receiving domain (send_domain_pace), shared by every sending process.
// A row exists only for a domain that was slowed down or has a fixed limit.

/** One domain's pace. */
export interface DomainPaceRow {
  readonly domain: string;
  readonly intervalMs: number;
  readonly nextAt: string;
  readonly deferrals: number;
  readonly successes: number;
  readonly lastDeferral: string | null;
}

function toPace(row: { domain: string; interval_ms: number; next_at: string; deferrals: number; successes: number; last_deferral: string | null }): DomainPaceRow {
  return { domain: row.domain, intervalMs: Number(row.interval_ms), nextAt: row.next_at, deferrals: Number(row.deferrals), successes: Number(row.successes), lastDeferral: row.last_deferral };
}

/** Every domain with a pace (few: only those slowed down or limited). */
export async function findPaces(db: Executor): Promise<DomainPaceRow[]> {
  const rows = await db.selectFrom('send_domain_pace').select(['domain', 'interval_ms', 'next_at', 'deferrals', 'successes', 'last_deferral']).orderBy('domain').execute();
  return rows.map(toPace);
}

/** Writes a domain's pace (insert or replace). */
export async function savePace(db: Executor, pace: DomainPaceRow, now: string): Promise<void> {
  const values = { interval_ms: Math.round(pace.intervalMs), next_at: pace.nextAt, deferrals: pace.deferrals, successes: pace.successes, last_deferral: pace.lastDeferral, updated_at: now };
  await db
    .insertInto('send_domain_pace')
    .values({ domain: pace.domain, ...values })
    .onConflict((oc) => oc.column('domain').doUpdateSet(values))
    .execute();
}

/** Moves a domain's next slot forward (a message to it was just claimed). */
export async function reserveSlot(db: Executor, domain: string, nextAt: string, now: string): Promise<void> {
  await db
    .insertInto('send_domain_pace')
    .values({ domain, interval_ms: 0, next_at: nextAt, deferrals: 0, successes: 0, last_deferral: null, updated_at: now })
    .onConflict((oc) => oc.column('domain').doUpdateSet({ next_at: nextAt, updated_at: now }))
    .execute();
}

/** A domain back at full speed with no limit: its row goes. */
export async function deletePace(db: Executor, domain: string): Promise<void> {
  await db.deleteFrom('send_domain_pace').where('domain', '=', domain).execute();
}

/** Per receiving domain of a delivery: rows by state and deferrals. */
export async function countByDomain(db: Executor, deliveryId: number): Promise<{ domain: string; total: number; sent: number; failed: number; left: number; deferrals: number }[]> {
  const rows = await db
    .selectFrom('delivery_recipients')
    .select((eb) => [
      'domain',
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('state', 'in', ['sent', 'bounced']).then(1).else(0).end()).as('sent'),
      eb.fn.sum<number>(eb.case().when('state', '=', 'failed').then(1).else(0).end()).as('failed'),
      eb.fn.sum<number>(eb.case().when('state', 'in', ['queued', 'sending']).then(1).else(0).end()).as('left'),
      eb.fn.sum<number>('deferrals').as('deferrals'),
    ])
    .where('delivery_id', '=', deliveryId)
    .groupBy('domain')
    .execute();
  return rows
    .map((row) => ({ domain: row.domain, total: Number(row.total), sent: Number(row.sent ?? 0), failed: Number(row.failed ?? 0), left: Number(row.left ?? 0), deferrals: Number(row.deferrals ?? 0) }))
    .sort((a, b) => b.total - a.total || (a.domain < b.domain ? -1 : 1));
}
