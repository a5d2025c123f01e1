import type { Executor } from '../db/database.js';

// SQL of periodic tasks: a row per task; a claim moves `next_run_at` forward in one statement.

/** When the task is next due, or undefined before its first claim (a read: an idle loop takes no write lock). */
export async function findNextRun(db: Executor, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('periodic_tasks').select('next_run_at').where('name', '=', name).executeTakeFirst();
  return row?.next_run_at;
}

/** Makes the task's row, due at `dueAt`, unless it exists. */
export async function insertTaskIfMissing(db: Executor, name: string, dueAt: string): Promise<void> {
  await db.insertInto('periodic_tasks').values({ name, next_run_at: dueAt, last_run_at: null, claimed_by: null }).onConflict((oc) => oc.column('name').doNothing()).execute();
}

/** Claims the task if it is due: true for exactly one of several processes claiming at once. */
export async function claimTask(db: Executor, name: string, now: string, nextRunAt: string, claimedBy: string): Promise<boolean> {
  const result = await db
    .updateTable('periodic_tasks')
    .set({ next_run_at: nextRunAt, last_run_at: now, claimed_by: claimedBy })
    .where('name', '=', name)
    .where('next_run_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
