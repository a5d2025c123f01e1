import { expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import type { Clock } from '../lib/clock.js';
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
});
