import type { Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Periodic tasks (the retention purge, src/jobs/periodic.service.ts): one row per task, whose
// `next_run_at` a process moves forward in one statement before it runs the task, so of several
// processes (web processes, `insights worker`) only one runs it per period. The indexes let the
// purge find old ledger rows and old jobs without reading every row.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('periodic_tasks')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('next_run_at', 'text', (col) => col.notNull())
    .addColumn('last_run_at', 'text')
    .addColumn('claimed_by', 'text')
    .execute();
  await db.schema.createIndex('delivery_recipients_updated_at').on('delivery_recipients').column('updated_at').execute();
  await db.schema.createIndex('jobs_state_updated_at').on('jobs').columns(['state', 'updated_at']).execute();
}
