import type { Kysely } from 'kysely';

// Frozen once it lands: never edit after that; add a new migration instead.
// Event registration: questions, registrations with waitlist, calls for speakers and their submissions (issue 5).

export async function up(_db: Kysely<any>): Promise<void> {
  // Filled in by the issue that owns it.
}

export async function down(_db: Kysely<any>): Promise<void> {
  // Filled in by the issue that owns it.
}
