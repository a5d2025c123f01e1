import { expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import type { Clock } from '../lib/clock.js';
import { getWorkerStatus, createHeartbeat } from './heartbeats.service.js';
import { startJobLoop } from './job-loop.js';
import { findJob } from './jobs.queries.js';
import { enqueueJob, runDueJobs } from './jobs.service.js';

// Durable jobs run once when they succeed, retry with backoff when they fail, and wait for
// their time.

forEachDialect('jobs', ({ db }) => {
  let now = new Date('2026-12-01T10:00:00Z');
  const clock: Clock = { now: () => new Date(now) };

  it('runs due jobs, retries failures later, and leaves future jobs alone', async () => {
    const seen: unknown[] = [];
    let failOnce = true;
    const handlers = {
      note: async (payload: unknown) => void seen.push(payload),
      flaky: async () => {
        if (failOnce) {
          failOnce = false;
          throw new Error('not yet');
        }
      },
    };
    const due = await enqueueJob(db(), clock, 'note', { n: 1 });
    const later = await enqueueJob(db(), clock, 'note', { n: 2 }, new Date('2026-12-02T00:00:00Z'));
    const flaky = await enqueueJob(db(), clock, 'flaky', null);
    expect(await runDueJobs(db(), clock, handlers, 'w')).toBe(2);
    expect(seen).toEqual([{ n: 1 }]);
    expect(await findJob(db(), due)).toMatchObject({ state: 'done', attempts: 1 });
    expect(await findJob(db(), flaky)).toMatchObject({ state: 'queued', attempts: 1, last_error: 'not yet' });
    expect(await runDueJobs(db(), clock, handlers, 'w')).toBe(0);
    now = new Date('2026-12-02T00:00:01Z');
    expect(await runDueJobs(db(), clock, handlers, 'w')).toBe(2);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await findJob(db(), later)).toMatchObject({ state: 'done' });
    expect(await findJob(db(), flaky)).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('a job loop runs what is enqueued, drains before it answers, beats while it runs and says goodbye when it stops', async () => {
    const seen: unknown[] = [];
    const loop = startJobLoop({ db: db(), clock, handlers: { note: async (payload) => void seen.push(payload) }, workerId: 'loop', idleMs: 60_000, heartbeat: createHeartbeat(db(), clock, 'loop-test', ['jobs']) });
    const job = await enqueueJob(db(), clock, 'note', { n: 3 });
    loop.wake();
    await loop.drain();
    expect(seen).toEqual([{ n: 3 }]);
    expect(await findJob(db(), job)).toMatchObject({ state: 'done' });
    expect((await getWorkerStatus(db(), clock)).lastJobs).toBe(now.toISOString());
    await loop.stop();
    expect((await getWorkerStatus(db(), clock)).workers.map((worker) => worker.id)).not.toContain('loop-test');
  });
});
