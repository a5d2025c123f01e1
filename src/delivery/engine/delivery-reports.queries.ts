import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { DeliveryCounts, DeliveryEventKind, MinuteCounts, RecipientState } from '../delivery.js';

// SQL of a delivery's report: the ledger's counts, the rows that failed or bounced, and what
// happened per minute. Read only.

/** The ledger's counts of one delivery. */
export async function countRecipients(db: Executor, deliveryId: number): Promise<DeliveryCounts> {
  const [states, events] = await Promise.all([
    db
      .selectFrom('delivery_recipients')
      .select((eb) => [
        'state',
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(eb.case().when('reclaims', '>', 0).then(1).else(0).end()).as('repeated'),
        eb.fn.sum<number>(eb.case().when('attempts', '>', 1).then(1).else(0).end()).as('retried'),
      ])
      .where('delivery_id', '=', deliveryId)
      .groupBy('state')
      .execute(),
    db.selectFrom('delivery_events').select((eb) => ['kind', eb.fn.countAll<number>().as('n')]).where('delivery_id', '=', deliveryId).groupBy('kind').execute(),
  ]);
  const of = (state: RecipientState) => Number(states.find((row) => row.state === state)?.n ?? 0);
  const event = (kind: DeliveryEventKind) => Number(events.find((row) => row.kind === kind)?.n ?? 0);
  const total = states.reduce((sum, row) => sum + Number(row.n), 0);
  return {
    total, queued: of('queued'), sending: of('sending'), sent: of('sent'), failed: of('failed'), bounced: of('bounced'), skipped: of('skipped'),
    mayHaveRepeated: states.reduce((sum, row) => sum + Number(row.repeated ?? 0), 0),
    retried: states.reduce((sum, row) => sum + Number(row.retried ?? 0), 0),
    unsubscribed: event('unsubscribe'), complaints: event('complaint'),
  };
}

/** Failed and bounced rows with their reasons. */
export async function findProblemRows(db: Executor, deliveryId: number, limit: number): Promise<{ email: string; state: RecipientState; attempts: number; lastError: string | null; updatedAt: string }[]> {
  const rows = await db
    .selectFrom('delivery_recipients')
    .select(['email', 'state', 'attempts', 'last_error', 'updated_at'])
    .where('delivery_id', '=', deliveryId)
    .where('state', 'in', ['failed', 'bounced'])
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ email: row.email, state: row.state, attempts: row.attempts, lastError: row.last_error, updatedAt: row.updated_at }));
}

/** Per minute (`YYYY-MM-DDTHH:MM`, UTC), oldest first: what happened to a delivery's messages. */
export async function countPerMinute(db: Executor, deliveryId: number): Promise<MinuteCounts[]> {
  const sentMinute = sql<string>`substr(sent_at, 1, 16)`;
  const failedMinute = sql<string>`substr(updated_at, 1, 16)`;
  const eventMinute = sql<string>`substr(at, 1, 16)`;
  const [sent, failed, events] = await Promise.all([
    db.selectFrom('delivery_recipients').select((eb) => [sentMinute.as('minute'), eb.fn.countAll<number>().as('n')]).where('delivery_id', '=', deliveryId).where('sent_at', 'is not', null).groupBy(sentMinute).execute(),
    db
      .selectFrom('delivery_recipients')
      .select((eb) => [failedMinute.as('minute'), 'state', eb.fn.countAll<number>().as('n')])
      .where('delivery_id', '=', deliveryId)
      .where('state', 'in', ['failed', 'bounced'])
      .groupBy([failedMinute, 'state'])
      .execute(),
    db.selectFrom('delivery_events').select((eb) => [eventMinute.as('minute'), eb.fn.countAll<number>().as('n')]).where('delivery_id', '=', deliveryId).where('kind', '=', 'unsubscribe').groupBy(eventMinute).execute(),
  ]);
  const minutes = new Map<string, { sent: number; failed: number; bounced: number; unsubscribed: number }>();
  const at = (minute: string) => minutes.get(minute) ?? minutes.set(minute, { sent: 0, failed: 0, bounced: 0, unsubscribed: 0 }).get(minute)!;
  for (const row of sent) at(row.minute).sent += Number(row.n);
  for (const row of failed) at(row.minute)[row.state === 'failed' ? 'failed' : 'bounced'] += Number(row.n);
  for (const row of events) at(row.minute).unsubscribed += Number(row.n);
  return [...minutes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([minute, counts]) => ({ minute, ...counts }));
}
