import type { Executor } from '../db/database.js';

// SQL of worker heartbeats: one row per process, upserted as it works.

export interface HeartbeatRow {
  readonly id: string;
  readonly roles: string;
  readonly host: string;
  readonly pid: number;
  readonly startedAt: string;
  readonly seenAt: string;
}

export async function upsertHeartbeat(db: Executor, row: HeartbeatRow): Promise<void> {
  await db
    .insertInto('worker_heartbeats')
    .values({ id: row.id, roles: row.roles, host: row.host, pid: row.pid, started_at: row.startedAt, seen_at: row.seenAt })
    .onConflict((oc) => oc.column('id').doUpdateSet({ roles: row.roles, seen_at: row.seenAt }))
    .execute();
}

export async function deleteHeartbeat(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('worker_heartbeats').where('id', '=', id).execute();
}

/** Heartbeats seen since `since`, newest first; older rows are deleted (processes that died). */
export async function listHeartbeats(db: Executor, forgetBefore: string): Promise<HeartbeatRow[]> {
  await db.deleteFrom('worker_heartbeats').where('seen_at', '<', forgetBefore).execute();
  const rows = await db.selectFrom('worker_heartbeats').select(['id', 'roles', 'host', 'pid', 'started_at', 'seen_at']).orderBy('seen_at', 'desc').execute();
  return rows.map((row) => ({ id: row.id, roles: row.roles, host: row.host, pid: row.pid, startedAt: row.started_at, seenAt: row.seen_at }));
}
