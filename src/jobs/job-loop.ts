import type { Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { Heartbeat } from './heartbeats.service.js';
import { runDueJobs, type JobHandlers } from './jobs.service.js';
import { createPeriodicRunner, type PeriodicTasks } from './periodic.service.js';

// The loop that runs due jobs in a process: every web process runs one (so sign-in mail never
// waits for a separate worker), and so does `insights worker`. Passes never overlap within a
// process; several processes share the work through the jobs' leases.

export interface JobLoopOptions {
  readonly db: Executor;
  readonly clock: Clock;
  readonly handlers: JobHandlers;
  readonly workerId: string;
  /** How long to sleep when nothing is due (a `wake()` ends the sleep at once). */
  readonly idleMs?: number;
  readonly heartbeat?: Heartbeat;
  /** Tasks run once per period across all processes (the retention purge), offered a turn each pass. */
  readonly periodic?: PeriodicTasks;
  readonly log?: (message: string) => void;
}

export interface JobLoop {
  /** Runs a pass soon: something was just enqueued. */
  wake(): void;
  /** Resolves once no job is due and no pass is running (tests wait for mail with it). */
  drain(): Promise<void>;
  /** Stops after the pass in progress. */
  stop(): Promise<void>;
}

/** Starts the loop; it runs until `stop()`. */
export function startJobLoop(options: JobLoopOptions): JobLoop {
  const idleMs = options.idleMs ?? 1000;
  let stopped = false;
  let chain: Promise<number> = Promise.resolve(0);
  let timer: NodeJS.Timeout | undefined;
  const periodic = options.periodic ? createPeriodicRunner(options.db, options.clock, options.periodic, options.workerId, options.log) : undefined;

  /** One pass, after any pass already running; returns how many jobs ran. */
  const pass = (): Promise<number> => {
    chain = chain.then(async () => {
      try {
        await options.heartbeat?.beat();
        const ran = await runDueJobs(options.db, options.clock, options.handlers, options.workerId);
        await periodic?.runDue();
        return ran;
      } catch (error) {
        options.log?.(`job pass failed: ${error instanceof Error ? error.message : String(error)}`);
        return 0;
      }
    });
    return chain;
  };

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void loop(), ms);
    timer.unref?.();
  };
  const loop = async () => {
    const ran = await pass();
    schedule(ran > 0 ? 0 : idleMs);
  };
  schedule(0);

  return {
    wake: () => schedule(0),
    drain: async () => {
      while ((await pass()) > 0);
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await chain;
      await options.heartbeat?.stop().catch(() => undefined);
    },
  };
}
