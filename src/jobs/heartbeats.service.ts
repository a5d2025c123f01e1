import { hostname } from 'node:os';
import type { Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { deleteHeartbeat, listHeartbeats, upsertHeartbeat, type HeartbeatRow } from './heartbeats.queries.js';

// Every process running a work loop says so every HEARTBEAT_MS; the desk's dashboard warns when
// no process that sends newsletters (or runs jobs) has been seen for WORKER_SILENCE_MS.

/** How often a loop writes its heartbeat. */
export const HEARTBEAT_MS = 30_000;
/** After this long without a heartbeat, the dashboard says no worker was seen. */
export const WORKER_SILENCE_MS = 5 * 60_000;

/** What a work loop runs. */
export type WorkerRole = 'jobs' | 'sending';

/** A process's heartbeat writer. */
export interface Heartbeat {
  readonly id: string;
  /** Writes the heartbeat when the last one is older than HEARTBEAT_MS (or `force`). */
  beat(force?: boolean): Promise<void>;
  /** Removes this process's row (a clean stop). */
  stop(): Promise<void>;
}

/** A heartbeat for this process, doing `roles`. */
export function createHeartbeat(db: Executor, clock: Clock, id: string, roles: readonly WorkerRole[]): Heartbeat {
  const startedAt = clock.now().toISOString();
  let last = -Infinity;
  return {
    id,
    async beat(force = false) {
      const now = clock.now();
      if (!force && now.getTime() - last < HEARTBEAT_MS) return;
      last = now.getTime();
      await upsertHeartbeat(db, { id, roles: roles.join(','), host: hostname(), pid: process.pid, startedAt, seenAt: now.toISOString() });
    },
    stop: () => deleteHeartbeat(db, id),
  };
}

/** What the dashboard shows: the processes seen lately, and whether any runs each role. */
export interface WorkerStatus {
  readonly workers: readonly HeartbeatRow[];
  /** The newest heartbeat of a process that sends newsletters, or null when none was seen for WORKER_SILENCE_MS. */
  readonly lastSending: string | null;
  readonly lastJobs: string | null;
}

export async function getWorkerStatus(db: Executor, clock: Clock): Promise<WorkerStatus> {
  const now = clock.now().getTime();
  const workers = await listHeartbeats(db, new Date(now - 24 * 3600_000).toISOString());
  const recent = (role: WorkerRole) => workers.find((worker) => worker.roles.split(',').includes(role) && now - new Date(worker.seenAt).getTime() < WORKER_SILENCE_MS)?.seenAt ?? null;
  return { workers, lastSending: recent('sending'), lastJobs: recent('jobs') };
}
