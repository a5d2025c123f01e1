import type { Executor } from '../db/database.js';
import { listJobs } from '../jobs/jobs.service.js';
import { MAIL_JOB, queuedMailSchema } from './email.js';

// What the desk shows of transactional mail in the jobs queue: messages still waiting (with
// their retries) and messages that failed for good, with the server's reply.

/** One message in the queue, as the outbox page lists it. */
export interface QueuedMailEntry {
  readonly to: string;
  readonly subject: string;
  readonly attempts: number;
  readonly lastError: string | null;
  /** When it was enqueued. */
  readonly createdAt: string;
  /** When it runs next (waiting), or when it failed. */
  readonly at: string;
}

export interface MailQueue {
  readonly waiting: readonly QueuedMailEntry[];
  readonly failed: readonly QueuedMailEntry[];
}

function entryOf(job: Awaited<ReturnType<typeof listJobs>>[number], failed: boolean): QueuedMailEntry {
  const mail = queuedMailSchema.safeParse(job.payload);
  return {
    to: mail.success ? mail.data.to : '(unreadable)',
    subject: mail.success ? mail.data.subject : '(unreadable)',
    attempts: job.attempts,
    lastError: job.lastError,
    createdAt: job.createdAt,
    at: failed ? job.updatedAt : job.runAt,
  };
}

/** The newest waiting and failed transactional messages. */
export async function getMailQueue(db: Executor, limit = 50): Promise<MailQueue> {
  const [queued, running, failed] = await Promise.all([listJobs(db, MAIL_JOB, 'queued', limit), listJobs(db, MAIL_JOB, 'running', limit), listJobs(db, MAIL_JOB, 'failed', limit)]);
  return { waiting: [...running, ...queued].map((job) => entryOf(job, false)), failed: failed.map((job) => entryOf(job, true)) };
}
