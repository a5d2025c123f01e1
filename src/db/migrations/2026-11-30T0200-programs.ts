import type { Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Programs: role registrations, matching runs, pairs and pins, and contact inquiries (issue 6).

export async function up(_db: Kysely<any>): Promise<void> {
  // Filled in by the issue that owns it.
}

export async function down(_db: Kysely<any>): Promise<void> {
  // Filled in by the issue that owns it.
}
