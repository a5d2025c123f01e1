import type { Generated } from 'kysely';

// Row types of durable jobs (migration 2026-11-30T0000-delivery).

/** A job's life: queued, running under a lease, then done or failed for good. */
export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  state: JobState;
  run_at: string;
  attempts: Generated<number>;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** One process running a work loop, as it last reported (migration 2026-12-01T0000-worker-heartbeats). */
export interface WorkerHeartbeatsTable {
  id: string;
  /** What the process runs, comma-separated: `jobs`, `sending`. */
  roles: string;
  host: string;
  pid: number;
  started_at: string;
  seen_at: string;
}

/** A task run once per period by whichever process claims it first (migration 2026-12-01T0700-retention). */
export interface PeriodicTasksTable {
  name: string;
  next_run_at: string;
  last_run_at: string | null;
  claimed_by: string | null;
}

/** The job tables, part of `DB`. */
export interface JobTables {
  jobs: JobsTable;
  worker_heartbeats: WorkerHeartbeatsTable;
  periodic_tasks: PeriodicTasksTable;
}
