import type { Executor } from '../db/database.js';
import { NotFound } from '../lib/errors.js';
import type { Program } from './programs.js';
import { findProgramBySlug, findProgramsByIds, listPrograms } from './programs.queries.js';

/** Loads programs by id. */
export function getProgramsByIds(db: Executor, ids: readonly number[]): Promise<Map<number, Program>> {
  return findProgramsByIds(db, ids);
}

/** Every program, by slug. */
export function getAllPrograms(db: Executor): Promise<Program[]> {
  return listPrograms(db);
}

/** One program by slug, or undefined. */
export function findProgram(db: Executor, slug: string): Promise<Program | undefined> {
  return findProgramBySlug(db, slug);
}

/** One program by slug; NotFound otherwise. */
export async function getProgram(db: Executor, slug: string): Promise<Program> {
  const program = await findProgramBySlug(db, slug);
  if (!program) throw new NotFound(`no program "${slug}"`);
  return program;
}
