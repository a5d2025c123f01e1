import { expect, it } from 'vitest';
import { forEachDialect } from '../../test/support/databases.js';
import type { Clock } from '../lib/clock.js';
import { createPeriodicRunner } from './periodic.service.js';

// Periodic tasks on both engines: of two processes offering the same task a turn, one runs it
// per period; after the period it runs again; a failing task waits for its next period.

forEachDialect('periodic tasks', ({ db }) => {
  it('runs a task once per period across processes', async () => {
    let offset = 0;
    const clock: Clock = { now: () => new Date(Date.parse('2026-12-01T10:00:00Z') + offset) };
    const runs: string[] = [];
    const task = (who: string) => ({ 'test.task': { everyMs: 3600_000, run: async () => void runs.push(who) } });
    const a = createPeriodicRunner(db(), clock, task('a'), 'a');
    const b = createPeriodicRunner(db(), clock, task('b'), 'b');
    expect(await Promise.all([a.runDue(), b.runDue()])).toEqual(expect.arrayContaining([0, 1]));
    expect(runs).toHaveLength(1);

    offset = 30 * 60_000; // half an hour: not due
    expect((await a.runDue()) + (await b.runDue())).toBe(0);
    offset = 61 * 60_000; // the next period: due again, once
    expect((await b.runDue()) + (await a.runDue())).toBe(1);
    expect(runs).toHaveLength(2);
    const row = await db().selectFrom('periodic_tasks').selectAll().where('name', '=', 'test.task').executeTakeFirstOrThrow();
    expect(row.next_run_at).toBe(new Date(Date.parse('2026-12-01T10:00:00Z') + 121 * 60_000).toISOString());
  });

  it('a failing task is logged and waits for its next period', async () => {
    const clock: Clock = { now: () => new Date('2026-12-02T10:00:00Z') };
    const logged: string[] = [];
    const runner = createPeriodicRunner(db(), clock, { 'test.failing': { everyMs: 3600_000, run: async () => { throw new Error('disk full'); } } }, 'p', (message) => logged.push(message));
    expect(await runner.runDue()).toBe(1);
    expect(logged).toEqual(['periodic task test.failing failed: disk full']);
    const again = createPeriodicRunner(db(), clock, { 'test.failing': { everyMs: 3600_000, run: async () => undefined } }, 'q');
    expect(await again.runDue()).toBe(0);
  });
});
