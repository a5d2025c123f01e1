import type { Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { claimJob, countJobsByState, failJob, finishJob, hasDueJob, insertJob, listFailedJobs, listJobsOf } from './jobs.queries.js';

// Durable jobs: a service that must trigger later work writes a job in its own transaction;
// a job loop runs it (every web process runs one, and `insights worker`). A job runs at least
// once: a process that dies mid-job loses its lease and another runs the job again, so
// handlers must be idempotent.

/** The job being run, for handlers that need its identity. */
export interface JobRun {
  readonly id: number;
  readonly attempts: number;
}

/** What a loop can run, by job kind; the payload is the JSON the job was enqueued with. */
export type JobHandlers = Readonly<Record<string, (payload: unknown, job: JobRun) => Promise<void>>>;

/** Thrown by a handler when trying again cannot help (a 5xx reply): the job fails for good at once. */
export class PermanentJobFailure extends Error {}

const LEASE_MS = 5 * 60_000;
/** Attempts before a job fails for good; the waits double from 30 s (about 30 minutes in all). */
export const MAX_JOB_ATTEMPTS = 7;

let enqueued = 0;

/** How many jobs this process has enqueued so far: the web process wakes its loop after a request that enqueued one. */
export function jobsEnqueuedSoFar(): number {
  return enqueued;
}

/** Enqueues a job (call inside the transaction that makes it necessary). */
export function enqueueJob(db: Executor, clock: Clock, kind: string, payload: unknown, runAt?: Date): Promise<number> {
  const now = clock.now();
  enqueued++;
  return insertJob(db, kind, JSON.stringify(payload ?? null), (runAt ?? now).toISOString(), now.toISOString());
}

/** Runs every due job once; returns how many ran. Failures retry with backoff, up to MAX_JOB_ATTEMPTS. */
export async function runDueJobs(db: Executor, clock: Clock, handlers: JobHandlers, _workerId: string): Promise<number> {
  let ran = 0;
  for (;;) {
    const now = clock.now();
    if (!(await hasDueJob(db, now.toISOString()))) return ran;
    const job = await claimJob(db, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString());
    if (!job) return ran;
    ran++;
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new PermanentJobFailure(`no handler for job kind "${job.kind}"`);
      await handler(JSON.parse(job.payload) as unknown, { id: job.id, attempts: job.attempts });
      await finishJob(db, job.id, clock.now().toISOString());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retry = !(error instanceof PermanentJobFailure) && job.attempts < MAX_JOB_ATTEMPTS;
      const retryAt = retry ? new Date(clock.now().getTime() + 30_000 * 2 ** (job.attempts - 1)).toISOString() : null;
      await failJob(db, job.id, message, retryAt, clock.now().toISOString());
    }
  }
}

/** Jobs by state, and the newest that failed for good (the dashboard's "needs attention"). */
export async function getJobHealth(db: Executor): Promise<{ counts: Record<string, number>; failed: { id: number; kind: string; lastError: string | null; updatedAt: string }[] }> {
  return { counts: await countJobsByState(db), failed: await listFailedJobs(db, 10) };
}

/** A job as the desk lists it. */
export interface JobEntry {
  readonly id: number;
  readonly payload: unknown;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly runAt: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The newest jobs of `kind` in `state` (the outbox page lists waiting and failed mail). */
export async function listJobs(db: Executor, kind: string, state: 'queued' | 'running' | 'done' | 'failed', limit = 50): Promise<JobEntry[]> {
  const rows = await listJobsOf(db, kind, state, limit);
  return rows.map((row) => ({ id: row.id, payload: JSON.parse(row.payload) as unknown, attempts: row.attempts, lastError: row.last_error, runAt: row.run_at, createdAt: row.created_at, updatedAt: row.updated_at }));
}
