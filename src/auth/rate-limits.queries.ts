import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/**
 * Counts one hit in a fixed window and returns the count and the window's start. One statement,
 * so concurrent hits from any number of processes are all counted.
 */
export async function countHit(db: Executor, key: string, now: string, windowStartedBefore: string): Promise<{ count: number; windowStart: string }> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: now, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when rate_limits.window_start <= ${windowStartedBefore} then 1 else rate_limits.count + 1 end`,
        window_start: sql<string>`case when rate_limits.window_start <= ${windowStartedBefore} then ${now} else rate_limits.window_start end`,
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), windowStart: row.window_start };
}

export async function deleteRateLimitsBefore(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_start', '<', before).execute();
}
