import type { Database, Executor } from '../db/database.js';
import { recordActivity } from '../activity/activity.service.js';
import type { Actor } from '../activity/activity.js';
import { bumpContentVersion } from '../content/content-version.queries.js';
import { invalidDraft, refuseSlugRace, slugTaken } from '../content/draft-fields.js';
import { getIssuesListing } from '../issues/issues.service.js';
import { describeIssueRefs, type IssueRef } from '../issues/issues.js';
import type { Clock } from '../lib/clock.js';
import { Conflict, NotFound } from '../lib/errors.js';
import { checkProgramDraft, type ProgramDraft } from './program-draft.js';
import type { Program } from './programs.js';
import {
  deleteProgramById, findProgramsByIds, insertProgram, listPrograms, programIdsBySlug, updateProgramById,
} from './programs.queries.js';

// The desk's program services. Each write checks the draft, then runs in one transaction that
// bumps the content version and records who did it. They edit the program's own fields only;
// registrations and matching (a later capability) hang off the program's id, which never changes.

/** A program with the issues that list it. */
export interface DeskProgram {
  readonly program: Program;
  readonly issues: readonly IssueRef[];
}

/** Every program, by slug, with the issues that list it. */
export async function listDeskPrograms(db: Executor): Promise<DeskProgram[]> {
  const programs = await listPrograms(db);
  const issues = await getIssuesListing(db, 'program', programs.map((program) => program.id));
  return programs.map((program) => ({ program, issues: issues.get(program.id) ?? [] }));
}

/** One program by id with the issues that list it; NotFound otherwise. */
export async function getDeskProgram(db: Executor, id: number): Promise<DeskProgram> {
  const program = (await findProgramsByIds(db, [id])).get(id);
  if (!program) throw new NotFound('There is no such program; it may have been deleted.');
  return { program, issues: (await getIssuesListing(db, 'program', [id])).get(id) ?? [] };
}

/** Creates a program from a draft; throws `Invalid` naming every bad field. */
export async function createProgram(db: Database, clock: Clock, actor: Actor, draft: ProgramDraft): Promise<Program> {
  const input = checkProgramDraft(draft);
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    await checkSlugFree(trx, input.slug, undefined);
    const id = await insertProgram(trx, input, now);
    await bumpContentVersion(trx, now);
    await recordActivity(trx, clock, actor, 'program.create', { type: 'program', id, label: input.title }, input.slug);
    return (await getDeskProgram(trx, id)).program;
  }).catch(refuseSlugRace('program', input.slug));
}

/** Overwrites a program from a draft (its slug may change); throws `Invalid` or `NotFound`. */
export async function updateProgram(db: Database, clock: Clock, actor: Actor, id: number, draft: ProgramDraft): Promise<Program> {
  const input = checkProgramDraft(draft);
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const before = (await getDeskProgram(trx, id)).program;
    await checkSlugFree(trx, input.slug, id);
    await updateProgramById(trx, id, input, now);
    await bumpContentVersion(trx, now);
    const detail = before.slug === input.slug ? input.slug : `${before.slug} → ${input.slug}`;
    await recordActivity(trx, clock, actor, 'program.update', { type: 'program', id, label: input.title }, detail);
    return (await getDeskProgram(trx, id)).program;
  }).catch(refuseSlugRace('program', input.slug));
}

/** Deletes a program no issue lists; `Conflict` names the issues otherwise. */
export async function deleteProgram(db: Database, clock: Clock, actor: Actor, id: number): Promise<Program> {
  const now = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const { program, issues } = await getDeskProgram(trx, id);
    if (issues.length > 0) {
      throw new Conflict(`“${program.title}” is listed in ${describeIssueRefs(issues)}. Remove it from those issues first; nothing was deleted.`);
    }
    await deleteProgramById(trx, id);
    await bumpContentVersion(trx, now);
    await recordActivity(trx, clock, actor, 'program.delete', { type: 'program', id, label: program.title }, program.slug);
    return program;
  });
}

async function checkSlugFree(db: Executor, slug: string, id: number | undefined): Promise<void> {
  const holder = (await programIdsBySlug(db, [slug])).get(slug);
  if (holder !== undefined && holder !== id) throw invalidDraft([slugTaken('program', slug)]);
}
