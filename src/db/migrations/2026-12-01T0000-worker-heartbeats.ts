import type { Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Every process that runs a work loop (the web process's job loop, `insights worker`) writes
// a heartbeat, so the desk can say when no worker has been seen for a while. One row per
// process, by a random id; `roles` is what it runs ("jobs", "jobs,sending").

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('worker_heartbeats')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('roles', 'text', (col) => col.notNull())
    .addColumn('host', 'text', (col) => col.notNull())
    .addColumn('pid', 'integer', (col) => col.notNull())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('seen_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('worker_heartbeats_seen_at').on('worker_heartbeats').column('seen_at').execute();
}
