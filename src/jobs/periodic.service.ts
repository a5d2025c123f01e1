import type { Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { claimTask, findNextRun, insertTaskIfMissing } from './periodic.queries.js';

// Periodic tasks (the retention purge): every job loop (each web process, `insights worker`)
// offers them a turn each pass; a task runs when its period has passed, in the one process whose
// claim moved `next_run_at` forward. A task that fails waits for its next period. Tasks must be
// idempotent anyway: a claim is not a lease, and a process may die halfway.

/** A task and how often it runs. */
export interface PeriodicTask {
  readonly everyMs: number;
  readonly run: () => Promise<void>;
}

/** The tasks a loop offers a turn, by name. */
export type PeriodicTasks = Readonly<Record<string, PeriodicTask>>;

/** How often a process looks at the tasks' rows at most (a read each time). */
const LOOK_EVERY_MS = 60_000;

/** A process's runner of periodic tasks; `runDue` is cheap when nothing is due. */
export interface PeriodicRunner {
  /** Runs the tasks that are due and this process claims; returns how many ran. */
  runDue(): Promise<number>;
}

export function createPeriodicRunner(db: Executor, clock: Clock, tasks: PeriodicTasks, processId: string, log?: (message: string) => void): PeriodicRunner {
  let lookedAt = -Infinity;
  return {
    async runDue() {
      const now = clock.now();
      if (now.getTime() - lookedAt < LOOK_EVERY_MS) return 0;
      lookedAt = now.getTime();
      let ran = 0;
      for (const [name, task] of Object.entries(tasks)) {
        const at = now.toISOString();
        const next = await findNextRun(db, name);
        if (next === undefined) await insertTaskIfMissing(db, name, at);
        else if (next > at) continue;
        if (!(await claimTask(db, name, at, new Date(now.getTime() + task.everyMs).toISOString(), processId))) continue;
        ran++;
        try {
          await task.run();
        } catch (error) {
          log?.(`periodic task ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return ran;
    },
  };
}
