import type { Executor } from '../db/database.js';
import type { ContactPerson } from './contact-persons.js';

// SQL of an organisation's contact persons as introductions use them (staff choose one, an
// opt-out marks one). The profile import writes them (organizations.queries.ts).

const COLUMNS = ['id', 'organization_id', 'name', 'role', 'email', 'language', 'source', 'opted_out_at'] as const;

type Row = { id: number; organization_id: number; name: string; role: string | null; email: string; language: 'en' | 'de' | 'zh'; source: string; opted_out_at: string | null };

function toContactPerson(row: Row): ContactPerson {
  return { id: row.id, organizationId: row.organization_id, name: row.name, role: row.role, email: row.email, language: row.language, source: row.source, optedOutAt: row.opted_out_at };
}

/** The contact persons of one organisation, in the profile's order. */
export async function findContactPersonsOf(db: Executor, organizationId: number): Promise<ContactPerson[]> {
  const rows = await db.selectFrom('organization_contacts').select(COLUMNS).where('organization_id', '=', organizationId).orderBy('position').execute();
  return rows.map(toContactPerson);
}

/** One contact person by id. */
export async function findContactPerson(db: Executor, id: number): Promise<ContactPerson | undefined> {
  const row = await db.selectFrom('organization_contacts').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toContactPerson(row);
}

/** Marks a contact person as opted out of introduction requests (the first opt-out's time stays). */
export async function markContactPersonOptedOut(db: Executor, id: number, now: string): Promise<void> {
  await db.updateTable('organization_contacts').set({ opted_out_at: now, updated_at: now }).where('id', '=', id).where('opted_out_at', 'is', null).execute();
}
