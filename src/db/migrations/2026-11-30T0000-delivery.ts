import type { Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Delivery: deliveries, the recipient ledger, delivery events, suppressions and durable jobs (issue 4).

export async function up(_db: Kysely<any>): Promise<void> {
  // Filled in by the issue that owns it.
}

export async function down(_db: Kysely<any>): Promise<void> {
  // Filled in by the issue that owns it.
}
