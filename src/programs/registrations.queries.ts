import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ProgramRegistrationsTable } from '../db/tables/programs.js';
import type { ProgramRole } from './programs.js';
import type { Registration, RegistrationAnswers } from './registrations.js';

// Registrations for programs: one row per person and program, with their answers.

const columns = [
  'id', 'program_id', 'contact_id', 'role', 'name', 'email', 'company', 'company_key', 'areas', 'sector', 'goals', 'languages',
  'city', 'time_zone', 'availability', 'capacity', 'not_own_company', 'sample', 'created_at', 'updated_at',
] as const;

type Row = Pick<Selectable<ProgramRegistrationsTable>, (typeof columns)[number]>;

const list = (text: string): string[] => (text === '' ? [] : text.split(';'));

function toRegistration(row: Row): Registration {
  return {
    id: row.id,
    programId: row.program_id,
    contactId: row.contact_id,
    role: row.role,
    name: row.name,
    email: row.email,
    company: row.company,
    companyKey: row.company_key,
    areas: list(row.areas),
    sector: row.sector,
    goals: row.goals,
    languages: list(row.languages),
    city: row.city,
    timeZone: row.time_zone,
    availability: list(row.availability),
    capacity: row.capacity,
    notOwnCompany: row.not_own_company === 1,
    sample: row.sample === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Who registers: copied onto the row so the roster keeps what they signed up with. */
export interface Registrant {
  readonly contactId: number | null;
  readonly name: string;
  readonly email: string;
  readonly emailKey: string;
  readonly company: string | null;
  readonly companyKey: string | null;
  readonly sample?: boolean;
}

function answerValues(role: ProgramRole, answers: RegistrationAnswers, now: string) {
  return {
    role,
    areas: answers.areas.join(';'),
    sector: answers.sector,
    goals: answers.goals,
    languages: answers.languages.join(';'),
    city: answers.city,
    time_zone: answers.timeZone,
    availability: answers.availability.join(';'),
    capacity: role === 'mentor' ? answers.capacity : null,
    not_own_company: answers.notOwnCompany ? 1 : 0,
    updated_at: now,
  };
}

/**
 * Inserts a registration; returns its id, or undefined when the person already has one for the
 * program (a concurrent first submission won: `on conflict do nothing`, which, unlike a caught
 * unique violation, leaves a PostgreSQL transaction usable for the update that follows).
 */
export async function insertRegistration(db: Executor, programId: number, who: Registrant, role: ProgramRole, answers: RegistrationAnswers, now: string): Promise<number | undefined> {
  const row = await db
    .insertInto('program_registrations')
    .values({
      program_id: programId,
      contact_id: who.contactId,
      name: who.name,
      email: who.email,
      email_key: who.emailKey,
      company: who.company,
      company_key: who.companyKey,
      sample: who.sample ? 1 : 0,
      created_at: now,
      ...answerValues(role, answers, now),
    })
    .onConflict((oc) => oc.columns(['program_id', 'email_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Overwrites a registration's role and answers (and refreshes the registrant's name and company). */
export async function updateRegistration(db: Executor, id: number, who: Registrant, role: ProgramRole, answers: RegistrationAnswers, now: string): Promise<void> {
  await db
    .updateTable('program_registrations')
    .set({ name: who.name, company: who.company, company_key: who.companyKey, ...answerValues(role, answers, now) })
    .where('id', '=', id)
    .execute();
}

/** Removes a registration (its pairs and rules go with it). */
export async function deleteRegistration(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('program_registrations').where('id', '=', id).execute();
}

/** A person's registration for a program, by address, or undefined. */
export async function findRegistrationByEmail(db: Executor, programId: number, emailKey: string): Promise<Registration | undefined> {
  const row = await db.selectFrom('program_registrations').select(columns).where('program_id', '=', programId).where('email_key', '=', emailKey).executeTakeFirst();
  return row && toRegistration(row);
}

/** One registration by id, or undefined. */
export async function findRegistration(db: Executor, id: number): Promise<Registration | undefined> {
  const row = await db.selectFrom('program_registrations').select(columns).where('id', '=', id).executeTakeFirst();
  return row && toRegistration(row);
}

/** Every registration of a program, by role then name. */
export async function listRegistrations(db: Executor, programId: number): Promise<Registration[]> {
  const rows = await db.selectFrom('program_registrations').select(columns).where('program_id', '=', programId).orderBy('role').orderBy('name').orderBy('id').execute();
  return rows.map(toRegistration);
}

/** Registrations per program id (for the program list). */
export async function countRegistrations(db: Executor): Promise<Map<number, { mentor: number; mentee: number; participant: number }>> {
  const rows = await db
    .selectFrom('program_registrations')
    .select(['program_id', 'role', (eb) => eb.fn.countAll<number | string>().as('count')])
    .groupBy(['program_id', 'role'])
    .execute();
  const counts = new Map<number, { mentor: number; mentee: number; participant: number }>();
  for (const row of rows) {
    const entry = counts.get(row.program_id) ?? { mentor: 0, mentee: 0, participant: 0 };
    entry[row.role] = Number(row.count);
    counts.set(row.program_id, entry);
  }
  return counts;
}
