import type { Executor } from '../db/database.js';
import type { ActivityEntry, Actor, Subject } from './activity.js';

export async function insertActivity(db: Executor, at: string, actor: Actor, action: string, subject: Subject, detail: string | null): Promise<void> {
  await db
    .insertInto('activity')
    .values({
      at,
      actor_type: actor.type,
      actor_id: actor.id,
      actor_label: actor.label,
      action,
      subject_type: subject.type,
      subject_id: subject.id,
      subject_label: subject.label,
      detail,
    })
    .execute();
}

export interface ActivityFilter {
  readonly actor?: string;
  readonly subjectType?: string;
  /** With `subjectType`: one thing's entries. */
  readonly subjectId?: number;
  /** Entries at or after this instant (ISO). */
  readonly since?: string;
  readonly limit: number;
  readonly beforeId?: number;
}

export async function findActivity(db: Executor, filter: ActivityFilter): Promise<ActivityEntry[]> {
  let query = db
    .selectFrom('activity')
    .select(['id', 'at', 'actor_type', 'actor_id', 'actor_label', 'action', 'subject_type', 'subject_id', 'subject_label', 'detail'])
    .orderBy('id', 'desc')
    .limit(filter.limit);
  if (filter.actor) query = query.where('actor_label', '=', filter.actor);
  if (filter.subjectType) query = query.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId !== undefined) query = query.where('subject_id', '=', filter.subjectId);
  if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
    action: row.action,
    subject: { type: row.subject_type, id: row.subject_id, label: row.subject_label },
    detail: row.detail,
  }));
}
