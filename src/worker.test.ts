import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, destroyTestDatabase, forEachDialect } from '../test/support/databases.js';
import { deliveryEnv, seedContacts, seedIssue, senderDeps } from '../test/support/delivery.js';
import { startSmtpSink } from '../test/support/smtp-sink.js';
import { SYSTEM_ACTOR } from './activity/activity.js';
import type { Database } from './db/database.js';
import { createSend, getDelivery, getDeliveryCounts } from './delivery/engine/deliveries.service.js';
import { enqueueJob } from './jobs/jobs.service.js';
import { systemClock } from './lib/clock.js';
import { createMailTransport } from './mail/transport.js';
import { buildServices } from './services.js';
import { runWorker, workOnce } from './worker.js';
import { testConfig } from '../test/support/app.js';

// The worker starts scheduled sends when their time has come (not before), sends them, and
// stops when asked.

forEachDialect('insights worker', ({ db }) => {
  it('starts a due scheduled send, leaves a future one alone, and stops on abort', async () => {
    const due = await seedIssue(db(), 2026, 'fall');
    const later = await seedIssue(db(), 2026, 'winter');
    const people = await seedContacts(db(), { members: 0, subscribers: 12, prefix: 'w' });
    const sink = await startSmtpSink({ keepRaw: false });
    const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: join(tmpdir(), 'unused'), concurrency: 2, dkim: undefined });
    try {
      const now = Date.now();
      const dueSend = await createSend(deliveryEnv(db()), { slug: due, edition: 'teaser', scheduledAt: new Date(now - 60_000).toISOString(), actor: SYSTEM_ACTOR });
      const laterSend = await createSend(deliveryEnv(db()), { slug: later, edition: 'teaser', scheduledAt: new Date(now + 3600_000).toISOString(), actor: SYSTEM_ACTOR });
      expect(dueSend.status).toBe('scheduled');
      const stop = new AbortController();
      const log: string[] = [];
      const worker = runWorker({ sender: senderDeps(db(), transport), signal: stop.signal, idleMs: 50, log: (line) => log.push(line) });
      for (let i = 0; i < 200 && (await getDelivery(db(), dueSend.id)).status !== 'done'; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      stop.abort();
      await worker;
      expect((await getDelivery(db(), dueSend.id)).status).toBe('done');
      expect((await getDelivery(db(), laterSend.id)).status).toBe('scheduled');
      expect(sink.messages.flatMap((m) => m.to).sort()).toEqual([...people.subscribers].sort());
      expect(log).toContain(`started scheduled delivery #${dueSend.id}`);
    } finally {
      transport.close();
      await sink.close();
    }
  }, 60_000);
});

describe('worker time slices [sqlite]', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  }, 60_000);
  afterAll(async () => {
    await destroyTestDatabase(database);
  });

  it('a long send gets one slice per pass: the pass ends with rows left, runs due jobs, and asks to come back at once', async () => {
    const slug = await seedIssue(database, 2033, 'spring');
    await seedContacts(database, { members: 0, subscribers: 80, prefix: 'slice' });
    const sink = await startSmtpSink({ keepRaw: false });
    const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: join(tmpdir(), 'unused'), concurrency: 2, dkim: undefined });
    try {
      const delivery = await createSend(deliveryEnv(database), { slug, edition: 'teaser', scheduledAt: null, actor: SYSTEM_ACTOR });
      const ran: unknown[] = [];
      await enqueueJob(database, systemClock, 'note', { n: 1 });
      const started = Date.now();
      // 80 messages at 20 per second need 4 s; the slice is 0.15 s. The pass ends far sooner than
      // the send would (the bound leaves room for a loaded machine: the pass also checks
      // schedules, alarms and jobs), with rows left.
      const worked = await workOnce({ sender: senderDeps(database, transport, { rate: 20 }), sliceMs: 150, jobs: { note: async (payload) => void ran.push(payload) } }, 'slice-worker');
      expect(Date.now() - started).toBeLessThan(2000);
      expect(worked).toBe(true);
      expect(ran).toEqual([{ n: 1 }]);
      const counts = await getDeliveryCounts(database, delivery.id);
      expect(counts.sent).toBeGreaterThan(0);
      expect(counts.queued).toBeGreaterThan(0);
      expect(counts.sending).toBe(0);
    } finally {
      transport.close();
      await sink.close();
    }
  }, 30_000);

});

forEachDialect('insights worker, periodic tasks', ({ db }) => {
  it('runs the retention purge of the services (`insights worker` passes them) and records the hour it claimed', async () => {
    const old = new Date(Date.now() - 5 * 86_400_000).toISOString();
    await db().insertInto('rate_limits').values({ key: 'worker-old', window_start: old, count: 1 }).execute();
    const transport = createMailTransport({ smtpUrl: undefined, outboxDir: join(tmpdir(), 'unused-worker-retention'), concurrency: 1, dkim: undefined });
    const services = await buildServices(testConfig(), { db: db(), transport });
    try {
      const stop = new AbortController();
      const worker = runWorker({ sender: services.sender, jobs: services.jobHandlers, periodic: services.periodicTasks, signal: stop.signal, idleMs: 20 });
      for (let i = 0; i < 200 && (await db().selectFrom('rate_limits').select('key').where('key', '=', 'worker-old').execute()).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      stop.abort();
      await worker;
      expect(await db().selectFrom('rate_limits').select('key').where('key', '=', 'worker-old').execute()).toEqual([]);
      // Every periodic task of the services had its turn: the retention purge and the curation inbox's poll schedule.
      expect((await db().selectFrom('periodic_tasks').select('name').execute()).map((row) => row.name).sort()).toEqual(['curation.schedule', 'retention.purge']);
      expect(await db().selectFrom('activity').select('detail').where('action', '=', 'retention.purge').execute()).toEqual([{ detail: 'rate-limits 1' }]);
    } finally {
      await services.close();
    }
  }, 30_000);
});
