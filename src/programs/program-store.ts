import type { ItemStore } from '../content/item-store.js';
import { checkProgramDraft, type ProgramDraft } from './program-draft.js';
import type { Program, ProgramInput } from './programs.js';
import { deleteProgramById, findProgramsByIds, insertProgram, listPrograms, programIdsBySlug, updateProgramById } from './programs.queries.js';

/**
 * Programs for the desk's one editing service (`issues/item-editing.service.ts`). It edits the
 * program's own fields only; registrations and matching hang off the program's id, which never changes.
 */
export const PROGRAM_STORE: ItemStore<ProgramDraft, ProgramInput, Program> = {
  kind: 'program',
  check: checkProgramDraft,
  list: listPrograms,
  findByIds: findProgramsByIds,
  idsBySlug: programIdsBySlug,
  insert: insertProgram,
  update: updateProgramById,
  remove: deleteProgramById,
};
