import type { Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { claimJob, failJob, finishJob, insertJob } from './jobs.queries.js';

// Durable jobs: a service that must trigger later work writes a job in its own transaction;
// `insights worker` runs it. A job runs at least once: a worker that dies mid-job loses its
// lease and another runs the job again, so handlers must be idempotent.

/** What a worker can run, by job kind; the payload is the JSON the job was enqueued with. */
export type JobHandlers = Readonly<Record<string, (payload: unknown) => Promise<void>>>;

const LEASE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;

/** Enqueues a job (call inside the transaction that makes it necessary). */
export function enqueueJob(db: Executor, clock: Clock, kind: string, payload: unknown, runAt?: Date): Promise<number> {
  const now = clock.now();
  return insertJob(db, kind, JSON.stringify(payload ?? null), (runAt ?? now).toISOString(), now.toISOString());
}

/** Runs every due job once; returns how many ran. Failures retry with backoff, up to 5 attempts. */
export async function runDueJobs(db: Executor, clock: Clock, handlers: JobHandlers, _workerId: string): Promise<number> {
  let ran = 0;
  for (;;) {
    const now = clock.now();
    const job = await claimJob(db, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString());
    if (!job) return ran;
    ran++;
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await handler(JSON.parse(job.payload) as unknown);
      await finishJob(db, job.id, clock.now().toISOString());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryAt = handler && job.attempts < MAX_ATTEMPTS ? new Date(clock.now().getTime() + 30_000 * 2 ** (job.attempts - 1)).toISOString() : null;
      await failJob(db, job.id, message, retryAt, clock.now().toISOString());
    }
  }
}
