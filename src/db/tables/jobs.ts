import type { Generated } from 'kysely';

// Row types of durable jobs (migration 2026-11-30T0000-delivery).

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  state: string;
  run_at: string;
  attempts: Generated<number>;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** The job tables, part of `DB`. */
export interface JobTables {
  jobs: JobsTable;
}
