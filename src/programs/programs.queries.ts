import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { ProgramsTable } from '../db/tables/programs.js';
import { splitBody } from '../content/body.js';
import { compareText } from '../lib/compare.js';
import { groupBy } from '../lib/group-by.js';
import type { Program, ProgramInput, ProgramRole } from './programs.js';

const programColumns = [
  'id', 'slug', 'title', 'body', 'registration_deadline', 'cohort_start', 'duration_months', 'time_zone',
  'contact_name', 'contact_email', 'updated_at',
] as const;

function programValues(input: ProgramInput, now: string) {
  return {
    slug: input.slug,
    title: input.title,
    body: input.body,
    registration_deadline: input.registrationDeadline,
    cohort_start: input.cohortStart,
    duration_months: input.durationMonths,
    time_zone: input.timeZone,
    contact_name: input.contactName,
    contact_email: input.contactEmail,
    updated_at: now,
  };
}

/** Inserts or updates a program by slug, replacing its roles. */
export async function upsertProgram(db: Executor, input: ProgramInput, now: string): Promise<number> {
  const { slug, ...values } = programValues(input, now);
  const { id } = await db
    .insertInto('programs')
    .values({ ...values, slug, created_at: now })
    .onConflict((oc) => oc.column('slug').doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceProgramRoles(db, id, input.roles);
  return id;
}

/** Inserts a new program (the slug must be free), with its roles. */
export async function insertProgram(db: Executor, input: ProgramInput, now: string): Promise<number> {
  const { id } = await db
    .insertInto('programs')
    .values({ ...programValues(input, now), created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceProgramRoles(db, id, input.roles);
  return id;
}

/** Overwrites a program by id (its slug included), replacing its roles. */
export async function updateProgramById(db: Executor, id: number, input: ProgramInput, now: string): Promise<void> {
  await db.updateTable('programs').set(programValues(input, now)).where('id', '=', id).execute();
  await replaceProgramRoles(db, id, input.roles);
}

/** Deletes a program by id (its roles go with it; the database refuses while an issue uses it). */
export async function deleteProgramById(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('programs').where('id', '=', id).execute();
}

async function replaceProgramRoles(db: Executor, id: number, roles: readonly ProgramRole[]): Promise<void> {
  await db.deleteFrom('program_roles').where('program_id', '=', id).execute();
  if (roles.length === 0) return;
  await db
    .insertInto('program_roles')
    .values(roles.map((role, index) => ({ program_id: id, position: index + 1, role })))
    .execute();
}

/** Maps program slugs to ids; unknown slugs are absent. */
export async function programIdsBySlug(db: Executor, slugs: readonly string[]): Promise<Map<string, number>> {
  if (slugs.length === 0) return new Map();
  const rows = await db.selectFrom('programs').select(['id', 'slug']).where('slug', 'in', [...slugs]).execute();
  return new Map(rows.map((row) => [row.slug, row.id]));
}

/** Loads programs by id, with their roles. */
export async function findProgramsByIds(db: Executor, ids: readonly number[]): Promise<Map<number, Program>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('programs').select(programColumns).where('id', 'in', [...new Set(ids)]).execute();
  return withRoles(db, rows);
}

/** Every program, by slug. */
export async function listPrograms(db: Executor): Promise<Program[]> {
  const rows = (await db.selectFrom('programs').select(programColumns).execute()).sort((a, b) => compareText(a.slug, b.slug));
  return [...(await withRoles(db, rows)).values()];
}

/** One program by slug, or undefined. */
export async function findProgramBySlug(db: Executor, slug: string): Promise<Program | undefined> {
  const row = await db.selectFrom('programs').select(programColumns).where('slug', '=', slug).executeTakeFirst();
  return row ? (await withRoles(db, [row])).get(row.id) : undefined;
}

type ProgramRow = Omit<Selectable<ProgramsTable>, 'created_at'>;

async function withRoles(db: Executor, rows: readonly ProgramRow[]): Promise<Map<number, Program>> {
  const ids = rows.map((row) => row.id);
  const roles =
    ids.length === 0
      ? []
      : await db
          .selectFrom('program_roles')
          .select(['program_id', 'role'])
          .where('program_id', 'in', ids)
          .orderBy('program_id')
          .orderBy('position')
          .execute();
  const rolesOf = groupBy(roles, (row) => row.program_id, (row) => row.role);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        slug: row.slug,
        title: row.title,
        body: splitBody(row.body),
        roles: rolesOf.get(row.id) ?? [],
        registrationDeadline: row.registration_deadline,
        cohortStart: row.cohort_start,
        durationMonths: row.duration_months,
        timeZone: row.time_zone,
        contactName: row.contact_name,
        contactEmail: row.contact_email,
        updatedAt: row.updated_at,
      },
    ]),
  );
}
