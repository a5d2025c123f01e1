import type { Executor } from '../db/database.js';
import type { SuppressionReason } from './delivery.js';

// SQL of the suppression list: addresses no delivery sends to, keyed by the lower-cased
// address. (The audience and the claims leave them out in their own statements, in
// engine/recipients.queries.ts.)

/** Adds an address to the suppression list; an existing entry is kept. */
export async function insertSuppression(db: Executor, emailKey: string, reason: SuppressionReason, detail: string | null, now: string): Promise<void> {
  await db
    .insertInto('suppressions')
    .values({ email_key: emailKey, reason, detail, created_at: now })
    .onConflict((oc) => oc.column('email_key').doNothing())
    .execute();
}

/** Takes an address off the list; returns whether it was on it. */
export async function deleteSuppression(db: Executor, emailKey: string): Promise<boolean> {
  const result = await db.deleteFrom('suppressions').where('email_key', '=', emailKey).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** One entry of the list. */
export interface SuppressionRow {
  readonly emailKey: string;
  readonly reason: SuppressionReason;
  readonly detail: string | null;
  readonly createdAt: string;
}

/** The newest entries first. */
export async function findSuppressions(db: Executor, limit: number): Promise<SuppressionRow[]> {
  const rows = await db.selectFrom('suppressions').select(['email_key', 'reason', 'detail', 'created_at']).orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map((row) => ({ emailKey: row.email_key, reason: row.reason, detail: row.detail, createdAt: row.created_at }));
}

/** How many addresses are on the list. */
export async function countSuppressions(db: Executor): Promise<number> {
  const row = await db.selectFrom('suppressions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
