import type { Executor } from '../../db/database.js';
import type { DeliveryStatus, Edition } from '../delivery.js';

// SQL of the alarms: the deliveries to check, how far one has come, and the alarm's moves. Each
// move is guarded (raised only where none is, cleared only where one is), so two workers checking
// at once raise an incident's alarm once.

/** A delivery as the alarm check needs it. */
export interface AlarmCandidate {
  readonly id: number;
  readonly status: DeliveryStatus;
  readonly edition: Edition;
  readonly issueTitle: string;
  readonly alarm: string | null;
  /** When it started sending, or last changed status (a resume): the stall is counted from there at the earliest. */
  readonly since: string;
}

/** Real sends that are sending, and every delivery with an alarm raised. */
export async function findAlarmCandidates(db: Executor): Promise<AlarmCandidate[]> {
  const rows = await db
    .selectFrom('deliveries')
    .innerJoin('issues', 'issues.id', 'deliveries.issue_id')
    .select(['deliveries.id', 'deliveries.status', 'deliveries.edition', 'deliveries.alarm', 'deliveries.started_at', 'deliveries.updated_at', 'issues.title'])
    .where((eb) => eb.or([eb.and([eb('deliveries.status', '=', 'sending'), eb('deliveries.kind', '=', 'send')]), eb('deliveries.alarm', 'is not', null)]))
    .orderBy('deliveries.id')
    .execute();
  return rows.map((row) => ({
    id: row.id, status: row.status, edition: row.edition, issueTitle: row.title, alarm: row.alarm,
    since: row.started_at && row.started_at > row.updated_at ? row.started_at : row.updated_at,
  }));
}

/** Rows still to send (queued or claimed), and when the last message was accepted. */
export async function findProgress(db: Executor, deliveryId: number): Promise<{ left: number; lastSentAt: string | null }> {
  const row = await db
    .selectFrom('delivery_recipients')
    .select((eb) => [eb.fn.sum<number>(eb.case().when('state', 'in', ['queued', 'sending']).then(1).else(0).end()).as('left'), eb.fn.max('sent_at').as('last_sent_at')])
    .where('delivery_id', '=', deliveryId)
    .executeTakeFirst();
  return { left: Number(row?.left ?? 0), lastSentAt: (row?.last_sent_at as string | null | undefined) ?? null };
}

/** Raises the alarm of a sending delivery that has none; whether this caller raised it. */
export async function raiseAlarm(db: Executor, deliveryId: number, alarm: string, now: string): Promise<boolean> {
  const result = await db.updateTable('deliveries').set({ alarm, alarm_at: now }).where('id', '=', deliveryId).where('status', '=', 'sending').where('alarm', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The same incident, now for another reason: the text changes, nobody is mailed again. */
export async function restateAlarm(db: Executor, deliveryId: number, alarm: string): Promise<void> {
  await db.updateTable('deliveries').set({ alarm }).where('id', '=', deliveryId).where('alarm', 'is not', null).execute();
}

/** The incident is over; whether this caller ended it. */
export async function clearAlarm(db: Executor, deliveryId: number): Promise<boolean> {
  const result = await db.updateTable('deliveries').set({ alarm: null, alarm_at: null }).where('id', '=', deliveryId).where('alarm', 'is not', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
