import { PostgresAdapter } from 'kysely';
import type { Executor } from '../db/database.js';

// SQL of durable jobs: rows claimed under a lease, so a crashed worker's job runs again.

export interface JobRow {
  readonly id: number;
  readonly kind: string;
  readonly payload: string;
  readonly attempts: number;
}

export async function insertJob(db: Executor, kind: string, payload: string, runAt: string, now: string): Promise<number> {
  const row = await db
    .insertInto('jobs')
    .values({ kind, payload, state: 'queued', run_at: runAt, lease_until: null, last_error: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Whether any job is due: a read, so an idle loop never takes the write lock (SQLite). */
export async function hasDueJob(db: Executor, now: string): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where((eb) => eb.or([eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', now)]), eb.and([eb('state', '=', 'running'), eb('lease_until', '<', now)])]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Claims one due job (queued and due, or running with an expired lease). */
export async function claimJob(db: Executor, now: string, leaseUntil: string): Promise<JobRow | undefined> {
  let candidate = db
    .selectFrom('jobs')
    .select('id')
    .where((eb) => eb.or([eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', now)]), eb.and([eb('state', '=', 'running'), eb('lease_until', '<', now)])]))
    .orderBy('run_at')
    .limit(1);
  if (db.getExecutor().adapter instanceof PostgresAdapter) candidate = candidate.forUpdate().skipLocked();
  const row = await db
    .updateTable('jobs')
    .set((eb) => ({ state: 'running', lease_until: leaseUntil, attempts: eb('attempts', '+', 1), updated_at: now }))
    .where('id', 'in', candidate)
    .returning(['id', 'kind', 'payload', 'attempts'])
    .executeTakeFirst();
  return row;
}

export async function finishJob(db: Executor, id: number, now: string): Promise<void> {
  await db.updateTable('jobs').set({ state: 'done', lease_until: null, last_error: null, updated_at: now }).where('id', '=', id).execute();
}

/** A failed run: queued again at `retryAt`, or failed for good when `retryAt` is null. */
export async function failJob(db: Executor, id: number, error: string, retryAt: string | null, now: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ state: retryAt ? 'queued' : 'failed', run_at: retryAt ?? now, lease_until: null, last_error: error.slice(0, 500), updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function findJob(db: Executor, id: number) {
  return db.selectFrom('jobs').select(['id', 'kind', 'state', 'attempts', 'last_error', 'run_at']).where('id', '=', id).executeTakeFirst();
}

/** How many jobs are in each state. */
export async function countJobsByState(db: Executor): Promise<Record<string, number>> {
  const rows = await db.selectFrom('jobs').select(['state', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('state').execute();
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.count)]));
}

/** The newest jobs that failed for good. */
export async function listFailedJobs(db: Executor, limit: number): Promise<{ id: number; kind: string; lastError: string | null; updatedAt: string }[]> {
  const rows = await db.selectFrom('jobs').select(['id', 'kind', 'last_error', 'updated_at']).where('state', '=', 'failed').orderBy('updated_at', 'desc').limit(limit).execute();
  return rows.map((row) => ({ id: row.id, kind: row.kind, lastError: row.last_error, updatedAt: row.updated_at }));
}

/** Jobs of one kind in one state, newest first. */
export async function listJobsOf(db: Executor, kind: string, state: 'queued' | 'running' | 'done' | 'failed', limit: number) {
  return db
    .selectFrom('jobs')
    .select(['id', 'payload', 'attempts', 'last_error', 'run_at', 'created_at', 'updated_at'])
    .where('kind', '=', kind)
    .where('state', '=', state)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
