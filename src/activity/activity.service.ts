import type { Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { ActivityEntry, Actor, Subject } from './activity.js';
import { findActivity, insertActivity, type ActivityFilter } from './activity.queries.js';

export type { ActivityFilter } from './activity.queries.js';

/** Records who changed what; call it inside the transaction that made the change. */
export async function recordActivity(db: Executor, clock: Clock, actor: Actor, action: string, subject: Subject, detail: string | null = null): Promise<void> {
  await insertActivity(db, clock.now().toISOString(), actor, action, subject, detail);
}

/** The most recent entries first. */
export function listActivity(db: Executor, filter: ActivityFilter): Promise<ActivityEntry[]> {
  return findActivity(db, filter);
}
