import type { Database } from './db/database.js';
import { getDelivery, listProbesDue, listSendingDeliveryIds, startDueDeliveries } from './delivery/engine/deliveries.service.js';
import { newWorkerId, probeDelivery, runDelivery, type SenderDeps } from './delivery/engine/sender.js';
import { checkAlarms } from './delivery/alarms/alarms.service.js';
import type { Heartbeat } from './jobs/heartbeats.service.js';
import { runDueJobs, type JobHandlers } from './jobs/jobs.service.js';
import { createPeriodicRunner, type PeriodicTasks } from './jobs/periodic.service.js';

// The newsletter loop: starts scheduled sends when their time comes, sends every delivery that
// is sending (resuming after crashes: claims are leased, see delivery/README.md) and, in
// `insights worker`, runs due jobs too (the web process runs its own job loop). Any number of
// workers may run at once; they share work through claims. Each writes a heartbeat.

export interface WorkerOptions {
  readonly sender: SenderDeps;
  /** Job handlers to run between sends (`insights worker`); the web process runs jobs in its own loop. */
  readonly jobs?: JobHandlers;
  /** Written every pass (at most every 30 s), so the desk knows a worker is alive. */
  readonly heartbeat?: Heartbeat;
  /** Tasks run once per period across all processes (the retention purge; `insights worker`). */
  readonly periodic?: PeriodicTasks;
  /** How long to sleep when there is nothing to do. */
  readonly idleMs?: number;
  /**
   * The most time one delivery gets per pass (default 10 s): then its sender stops cleanly (in
   * flight messages finish and are marked) and the worker checks schedules and jobs before it
   * comes back, so a long send holds nothing else back.
   */
  readonly sliceMs?: number;
  readonly signal?: AbortSignal;
  readonly log?: (message: string) => void;
}

/** One pass: start due schedules, send what is sending, check alarms, run due jobs. Returns whether a schedule started or a job ran. */
export async function workOnce(options: WorkerOptions, workerId: string): Promise<boolean> {
  const { sender } = options;
  const log = options.log ?? (() => undefined);
  const started = await startDueDeliveries(sender, log);
  for (const id of started) log(`started scheduled delivery #${id}`);
  let worked = started.length > 0;
  // Deliveries the circuit breaker paused: one message each, when its probe is due.
  for (const id of await listProbesDue(sender.db, sender.clock.now().toISOString())) {
    if (options.signal?.aborted) return worked;
    try {
      const probe = await probeDelivery(sender, id, workerId);
      if (probe === 'resumed') log(`delivery #${id}: the mail server answers again; sending resumes`);
      else if (probe === 'still failing') log(`delivery #${id} is still paused: ${(await getDelivery(sender.db, id)).problem ?? ''}`);
    } catch (error) {
      log(`delivery #${id}: the probe failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // Each delivery is sent for at most one time slice, until nothing is due now; rows waiting for
  // a retry are picked up on a later pass, so a pass that only sent everything due does not count
  // as work (the loop then idles). A slice that ran out does: the loop comes straight back.
  for (const id of await listSendingDeliveryIds(sender.db)) {
    if (options.signal?.aborted) return worked;
    const slice = AbortSignal.any([...(options.signal ? [options.signal] : []), AbortSignal.timeout(options.sliceMs ?? 10_000)]);
    try {
      const result = await runDelivery(sender, id, { signal: slice, workerId, waitForRetries: false });
      if (result === 'paused') {
        const { problem } = await getDelivery(sender.db, id);
        log(`delivery #${id}: paused${problem ? `: ${problem}` : ''}`);
      } else if (result !== 'stopped') log(`delivery #${id}: ${result}`);
      else if (slice.aborted && !options.signal?.aborted) worked = true;
    } catch (error) {
      // One delivery's failure (a lost connection, a full disk) does not hold back the others.
      log(`delivery #${id} failed this pass: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // Alarms (stalled, failing, deferring deliveries): raised once per incident, mailed through the jobs queue.
  try {
    await checkAlarms(sender, log);
  } catch (error) {
    log(`the alarm check failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (options.jobs) worked = (await runDueJobs(sender.db, sender.clock, options.jobs, workerId)) > 0 || worked;
  return worked;
}

/** Runs until `signal` aborts. */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const workerId = newWorkerId();
  const idleMs = options.idleMs ?? 5000;
  const periodic = options.periodic ? createPeriodicRunner(options.sender.db, options.sender.clock, options.periodic, workerId, options.log) : undefined;
  while (!options.signal?.aborted) {
    let worked = false;
    try {
      await options.heartbeat?.beat();
      worked = await workOnce(options, workerId);
      await periodic?.runDue();
    } catch (error) {
      options.log?.(`worker pass failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!worked && !options.signal?.aborted) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, idleMs);
        options.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        }, { once: true });
      });
    }
  }
  await options.heartbeat?.stop().catch(() => undefined);
}
