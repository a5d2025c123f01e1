import type { Selectable } from 'kysely';
import type { Executor, ProgramsTable } from '../db/database.js';
import { splitBody } from '../content/body.js';
import { compareText } from '../lib/compare.js';
import { groupBy } from '../lib/group-by.js';
import type { Program, ProgramInput, ProgramRole } from './programs.js';

const programColumns = [
  'id', 'slug', 'title', 'body', 'registration_deadline', 'cohort_start', 'duration_months', 'time_zone',
  'contact_name', 'contact_email', 'updated_at',
] as const;

/** Inserts or updates a program by slug, replacing its roles. */
export async function upsertProgram(db: Executor, input: ProgramInput, now: string): Promise<number> {
  const values = {
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
  const { id } = await db
    .insertInto('programs')
    .values({ ...values, slug: input.slug, created_at: now })
    .onConflict((oc) => oc.column('slug').doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.deleteFrom('program_roles').where('program_id', '=', id).execute();
  if (input.roles.length > 0) {
    await db
      .insertInto('program_roles')
      .values(input.roles.map((role, index) => ({ program_id: id, position: index + 1, role })))
      .execute();
  }
  return id;
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
  const rolesOf = groupBy(roles, (row) => row.program_id, (row) => row.role as ProgramRole);
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
