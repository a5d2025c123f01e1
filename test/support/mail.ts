import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/db/database.js';
import { queuedMailSchema, type QueuedMail } from '../../src/mail/email.js';
import { runDueJobs } from '../../src/jobs/jobs.service.js';
import type { Clock } from '../../src/lib/clock.js';
import { mailJobHandlers } from '../../src/mail/mail-job.js';
import { createMailTransport } from '../../src/mail/transport.js';

// Transactional mail in service tests: services enqueue it; these run the product's own mail
// job into an outbox folder (as a job loop would), or read what was enqueued.

/** A new temporary outbox folder. */
export function newOutboxDir(): string {
  return mkdtempSync(join(tmpdir(), 'insights-outbox-'));
}

/** Runs the due mail jobs into the outbox `dir` and returns every message there, oldest first. */
export async function sendQueuedMail(db: Database, clock: Clock, dir: string): Promise<string[]> {
  const transport = createMailTransport({ smtpUrl: undefined, outboxDir: dir, concurrency: 1, dkim: undefined });
  await runDueJobs(db, clock, mailJobHandlers({ transport, mailFrom: 'Innovation Insights <newsletter@insights.test>', messageIdDomain: 'insights.test' }), 'test');
  return readdirSync(dir).filter((file) => file.endsWith('.eml')).sort().map((file) => readFileSync(join(dir, file), 'utf8'));
}

/** Every mail enqueued so far (whatever its state), oldest first. */
export async function queuedMail(db: Database): Promise<QueuedMail[]> {
  const rows = await db.selectFrom('jobs').select(['payload']).where('kind', '=', 'mail').orderBy('id').execute();
  return rows.map((row) => queuedMailSchema.parse(JSON.parse(row.payload)));
}
