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

/** The job tables, part of `DB`. */
export interface JobTables {
  jobs: JobsTable;
  worker_heartbeats: WorkerHeartbeatsTable;
}
